// Live streams and readers that stop reading: the server holds a bounded buffer per stream
// (api/http/live-stream.ts) while a deployed app floods its log, the app and prompt readers go
// on, and a reader that reads again is told in the stream's own format how many lines it missed.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { writeFileSync } from 'node:fs'
import { request, type IncomingMessage } from 'node:http'
import { Writable } from 'node:stream'
import { liveWriter, skippedLines } from '../api/http/live-stream.js'
import { api, deployAssets } from '../testing/deploys.js'
import { serverPid, startLocalServer, statusKiB, type LocalServer } from '../testing/harness.js'
import { DYNAMIC, prodHost, v2Client } from '../testing/v2-helpers.js'

/** A writable whose reader takes nothing until `resume`, then everything as it comes. */
function stalledReader(): { out: Writable; received: () => string; resume: () => Promise<void> } {
  const chunks: string[] = []
  let stalled = true
  let waiting: (() => void) | null = null
  const out = new Writable({
    highWaterMark: 16,
    decodeStrings: false,
    write(chunk: string, _encoding, done) {
      chunks.push(chunk)
      if (stalled) waiting = done
      else process.nextTick(done)
    }
  })
  const resume = async (): Promise<void> => {
    stalled = false
    const drained = new Promise(resolve => out.once('drain', resolve))
    waiting?.()
    await drained
  }
  return { out, received: () => chunks.join(''), resume }
}

const settled = (): Promise<void> => new Promise(resolve => setImmediate(resolve))

describe('liveWriter', () => {
  const entries = Array.from({ length: 100 }, (_, i) => `entry ${i}`)
  const options = {
    encode: (entry: string) => entry + '\n',
    catchUp: (skipped: number, latest: string) => `skipped ${skipped}, the last ${latest}`,
    limitBytes: 64
  }

  it('holds at most the limit, then writes one catch-up entry for what it skipped and goes on', async () => {
    const reader = stalledReader()
    const writer = liveWriter(reader.out, options)
    for (const entry of entries) writer.write(entry)
    expect(reader.out.writableLength).toBeLessThanOrEqual(64 + 'entry 99\n'.length)
    await reader.resume()
    writer.write('after')
    await settled()
    const lines = reader.received().split('\n')
    const kept = lines.findIndex(line => line.startsWith('skipped'))
    expect(kept).toBeGreaterThan(0)
    expect(lines).toEqual([
      ...entries.slice(0, kept),
      `skipped ${100 - kept}, the last entry 99`,
      'after',
      ''
    ])
  })

  it('writes the catch-up entry on flush, so an ending stream still says what was skipped', async () => {
    const reader = stalledReader()
    const writer = liveWriter(reader.out, options)
    writer.flush()
    for (const entry of entries) writer.write(entry)
    writer.flush()
    writer.flush()
    await reader.resume()
    const lines = reader.received().split('\n')
    expect(lines.filter(line => line.startsWith('skipped'))).toHaveLength(1)
    expect(lines.at(-2)).toMatch(/^skipped \d+, the last entry 99$/)
  })

  it('says how many log lines and why', () => {
    expect(skippedLines(1, 'app')).toBe(
      "1 log line skipped: this stream's reader fell behind the app"
    )
    expect(skippedLines(1234, 'build')).toBe(
      "1234 log lines skipped: this stream's reader fell behind the build"
    )
  })
})

// Each request prints `n` lines tagged `tag`, then `<tag> done`.
const FLOODER = `
Deno.serve(request => {
  const url = new URL(request.url)
  const n = Number(url.searchParams.get('n'))
  const tag = url.searchParams.get('tag')
  for (let i = 0; i < n; i++) console.log(tag + ' ' + i + ' ' + 'x'.repeat(100))
  console.log(tag + ' done')
  return new Response('flooded ' + n)
})
`
const FLOOD_LINES = 100_000

interface LogEntry {
  level: string
  message: string
  [field: string]: unknown
}

/** Opens a live stream whose reader reads nothing until told to (node:http, socket paused). */
function openPaused(server: LocalServer, url: string, accept: string): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => {
    const headers = { authorization: `Bearer ${server.token}`, accept }
    const req = request(url, { headers }, res => {
      res.pause()
      expect(res.statusCode).toBe(200)
      resolve(res)
    })
    req.on('error', reject)
    req.end()
  })
}

/**
 * Reads a stream's entries (JSON lines or SSE `data:` frames), calling `onEntry` with each, until
 * it returns true; then closes the stream.
 */
async function readEntries(
  res: IncomingMessage,
  onEntry: (entry: LogEntry) => boolean
): Promise<LogEntry[]> {
  const entries: LogEntry[] = []
  let rest = ''
  res.setEncoding('utf8')
  for await (const chunk of res as AsyncIterable<string>) {
    const lines = (rest + chunk).split('\n')
    rest = lines.pop()!
    for (const line of lines) {
      const json = line.startsWith('data: ') ? line.slice('data: '.length) : line
      if (!json) continue
      const entry = JSON.parse(json) as LogEntry
      entries.push(entry)
      if (onEntry(entry)) {
        res.destroy()
        return entries
      }
    }
  }
  throw new Error(`the stream ended after ${entries.length} entries`)
}

async function waitUntil(condition: () => Promise<boolean>, ms: number): Promise<void> {
  const deadline = Date.now() + ms
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`not true within ${ms} ms`)
    await new Promise(resolve => setTimeout(resolve, 100))
  }
}

const SKIPPED_APP_LINES = /^(\d+) log lines skipped: this stream's reader fell behind the app$/

/**
 * Resumes a stream that fell behind and reads it until the app's next lines, which the app
 * prints (via `printMore`) once the catch-up entry came, or the flood's `lastLine` (read only if
 * nothing was skipped: then the test fails at once). Returns the entries in order.
 */
async function resumeAfterFlood(
  res: IncomingMessage,
  lastLine: string,
  printMore: () => Promise<unknown>
) {
  let more: Promise<unknown> | null = null
  const entries = await readEntries(res, entry => {
    if (SKIPPED_APP_LINES.test(entry.message) || entry.message === lastLine) more ??= printMore()
    return entry.message === 'after done'
  })
  await more
  const notices = entries.filter(entry => SKIPPED_APP_LINES.test(entry.message))
  expect(notices).toHaveLength(1)
  const at = entries.indexOf(notices[0])
  expect(entries.slice(at + 1).map(entry => entry.message)).toEqual([
    `after 0 ${'x'.repeat(100)}`,
    'after done'
  ])
  return { before: entries.slice(0, at), notice: notices[0] }
}

describe('live streams of a flooding app', () => {
  let server: LocalServer
  const opened: IncomingMessage[] = []
  const open = async (url: string, accept: string): Promise<IncomingMessage> => {
    const res = await openPaused(server, url, accept)
    opened.push(res)
    return res
  }

  beforeAll(async () => {
    server = await startLocalServer()
  })
  afterAll(async () => {
    for (const res of opened) res.destroy()
    await server?.stop()
  })

  it('v1 app_logs: ten stalled readers cost bounded memory, a prompt reader misses nothing, a resumed one gets a count', async () => {
    const project = await server.createProject('flood-v1')
    const d = await deployAssets(server, project.id, {
      'main.ts': { kind: 'file', content: FLOODER, encoding: 'utf-8' }
    })
    expect(d.status).toBe('success')
    const flood = (tag: string, n = FLOOD_LINES) =>
      server.fetchHost(d.domains[0], `/?n=${n}&tag=${tag}`)
    expect((await flood('warm-up', 1)).text()).toBe('flooded 1')
    const url = `${server.apiUrl}/deployments/${d.id}/app_logs`
    const stalled = await Promise.all(
      Array.from({ length: 10 }, () => open(url, 'application/x-ndjson'))
    )
    const prompt = { tail: '', done: false, skipped: false }
    const promptRes = await open(url, 'application/x-ndjson')
    promptRes.setEncoding('utf8')
    promptRes.on('data', (chunk: string) => {
      prompt.tail = prompt.tail.slice(-200) + chunk
      prompt.done ||= prompt.tail.includes('"flood3 done"')
      prompt.skipped ||= prompt.tail.includes('skipped: this stream')
    })
    promptRes.resume()

    const pid = serverPid(server)
    // Resets the peak to the current RSS (proc(5), clear_refs "5").
    writeFileSync(`/proc/${pid}/clear_refs`, '5')
    const before = statusKiB(pid, 'VmRSS')
    for (const tag of ['flood1', 'flood2', 'flood3']) {
      expect((await flood(tag)).text()).toBe(`flooded ${FLOOD_LINES}`)
      const q = encodeURIComponent(`${tag} done`)
      await waitUntil(async () => {
        const found = await api<unknown[]>(server, 'GET', `/deployments/${d.id}/app_logs?q=${q}`)
        return found.body.length === 1
      }, 60_000)
    }
    const peak = statusKiB(pid, 'VmHWM')
    process.stdout.write(
      `v1 live app logs, 10 stalled readers, 3 x ${FLOOD_LINES} lines: server RSS ${before >> 10} MiB, peak ${peak >> 10} MiB (+${(peak - before) >> 10} MiB)\n`
    )
    // ~1 MiB per stream, plus the garbage of 300,000 lines until V8 collects it (about +90 MiB
    // with no stream open at all). Unbounded, each stalled stream held every line: +950 MiB.
    expect((peak - before) >> 10).toBeLessThan(300)

    await waitUntil(async () => prompt.done, 10_000)
    expect(prompt.skipped).toBe(false)

    const { before: read, notice } = await resumeAfterFlood(stalled[0], 'flood3 done', () =>
      flood('after', 1)
    )
    expect(notice).toEqual({
      time: expect.any(String),
      level: 'warning',
      message: expect.stringMatching(SKIPPED_APP_LINES),
      region: read[0].region
    })
    expect(Object.keys(notice)).toEqual(Object.keys(read[0]))
    // Every line of the floods was either read or counted.
    const floodLines = read.filter(entry => /^flood\d /.test(entry.message)).length
    const skipped = Number(SKIPPED_APP_LINES.exec(notice.message)![1])
    expect(floodLines + skipped).toBe(3 * (FLOOD_LINES + 1))
  })

  it('v2 app logs (SSE): a resumed reader gets the count as a runtime log of the revision', async () => {
    const v2 = v2Client(server)
    await v2.createApp('flood-v2', { config: DYNAMIC })
    const start = new Date(Date.now() - 1000).toISOString()
    const assets = { 'main.ts': { content: FLOODER } }
    const rev = await v2.settle((await v2.deploy('flood-v2', { assets })).id)
    expect(rev.status).toBe('succeeded')
    const flood = (tag: string, n = FLOOD_LINES) =>
      server.fetchHost(prodHost(server, 'flood-v2'), `/?n=${n}&tag=${tag}`)
    const url = `${server.v2Url}/apps/flood-v2/logs?start=${encodeURIComponent(start)}`
    const stalled = await open(url, 'text/event-stream')

    expect((await flood('flood1')).text()).toBe(`flooded ${FLOOD_LINES}`)
    await waitUntil(async () => {
      const end = encodeURIComponent(new Date().toISOString())
      const page = await v2.call<{ logs: unknown[] }>(
        'GET',
        `/apps/flood-v2/logs?start=${encodeURIComponent(start)}&end=${end}&query=flood1%20done`
      )
      return page.body.logs.length === 1
    }, 60_000)

    const { before: read, notice } = await resumeAfterFlood(stalled, 'flood1 done', () =>
      flood('after', 1)
    )
    expect(notice).toEqual({
      timestamp: expect.any(String),
      level: 'warn',
      message: expect.stringMatching(SKIPPED_APP_LINES),
      revision_id: rev.id,
      region: read[0].region
    })
    expect(Object.keys(notice)).toEqual(Object.keys(read[0]))
    const floodLines = read.filter(entry => /^flood1 /.test(entry.message)).length
    const skipped = Number(SKIPPED_APP_LINES.exec(notice.message)![1])
    expect(floodLines + skipped).toBe(FLOOD_LINES + 1)
  })
})
