/**
 * Preloaded with `node --import` into a process under test: counts how often each file below
 * COUNT_OPENS_ROOT is opened (sync, callback and promise APIs) and writes `{path: count}` as
 * JSON to COUNT_OPENS_FILE when the process exits. Opens in worker threads are not seen, so a
 * test that expects each file once fails loudly (count 0) if reading moves to a worker.
 */
import { Buffer } from 'node:buffer'
import fs from 'node:fs'
import { syncBuiltinESMExports } from 'node:module'
import path from 'node:path'
import { isMainThread } from 'node:worker_threads'

const root = path.resolve(process.env.COUNT_OPENS_ROOT ?? '/nonexistent')
const counts = new Map()

function count(file) {
  const resolved = path.resolve(String(file))
  if (resolved !== root && !resolved.startsWith(root + path.sep)) return
  const relative = path.relative(root, resolved).split(path.sep).join('/')
  counts.set(relative, (counts.get(relative) ?? 0) + 1)
}

function wrap(owner, name) {
  const original = owner[name]
  owner[name] = function (file, ...rest) {
    if (typeof file === 'string' || file instanceof URL || Buffer.isBuffer(file)) count(file)
    return original.call(this, file, ...rest)
  }
}

if (isMainThread) {
  for (const name of ['openSync', 'open', 'readFileSync', 'readFile', 'createReadStream'])
    wrap(fs, name)
  for (const name of ['open', 'readFile']) wrap(fs.promises, name)
  syncBuiltinESMExports()
  process.on('exit', () => {
    fs.writeFileSync(process.env.COUNT_OPENS_FILE, JSON.stringify(Object.fromEntries(counts)))
  })
}
