/**
 * The committed bundle must be what the sources build to: the runner executes dist/, not src/.
 * Rebuilds with the exact commands of the `build` script into a temp dir and compares bytes.
 */
import { describe, it, expect, beforeAll, afterAll } from '@jest/globals'
import { execFile } from 'node:child_process'
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, relative } from 'node:path'
import { promisify } from 'node:util'
import { REPO_ROOT } from '../testing/action-runner.js'

const run = promisify(execFile)
const NCC = join(REPO_ROOT, 'node_modules', '.bin', 'ncc')

/** `npm run build`'s commands with `-o dist...` redirected to `outDir`. */
async function buildCommands(outDir: string): Promise<string[][]> {
  const pkg = JSON.parse(await readFile(join(REPO_ROOT, 'package.json'), 'utf8')) as {
    scripts: { build: string }
  }
  return pkg.scripts.build.split('&&').map(command => {
    const args = command.trim().split(/\s+/)
    if (args[0] !== 'ncc') throw new Error(`unexpected build step: ${command}`)
    const out = args.indexOf('-o') + 1
    if (out === 0 || !/^dist(\/|$)/.test(args[out])) throw new Error(`no -o dist in: ${command}`)
    args[out] = join(outDir, args[out].slice('dist'.length))
    return args.slice(1)
  })
}

async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true })
  return entries
    .filter(entry => entry.isFile())
    .map(entry => relative(dir, join(entry.parentPath, entry.name)))
    .sort()
}

describe('dist/', () => {
  let outDir: string

  beforeAll(async () => {
    outDir = await mkdtemp(join(tmpdir(), 'dist-fresh-'))
    for (const args of await buildCommands(outDir)) {
      await run(NCC, [...args, '--quiet'], { cwd: REPO_ROOT, maxBuffer: 16 * 1024 * 1024 })
    }
  }, 300_000)

  afterAll(async () => {
    await rm(outDir, { recursive: true, force: true })
  })

  it('holds exactly the files the build emits', async () => {
    expect(await listFiles(join(REPO_ROOT, 'dist'))).toEqual(await listFiles(outDir))
  })

  it('is byte-for-byte what `npm run build` produces from the current sources', async () => {
    const stale: string[] = []
    for (const file of await listFiles(outDir)) {
      const [built, committed] = await Promise.all([
        readFile(join(outDir, file)),
        readFile(join(REPO_ROOT, 'dist', file)).catch(() => null)
      ])
      if (committed === null || !built.equals(committed)) stale.push(`dist/${file}`)
    }
    const advice = `Stale: ${stale.join(', ')}. Run \`npm run build\` and commit dist/.`
    expect(stale.length === 0 ? 'fresh' : advice).toBe('fresh')
  })
})
