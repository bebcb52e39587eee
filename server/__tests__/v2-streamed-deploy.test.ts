// POST /v2/apps/{app}/deploy reads its body as a stream, like v1's create: a 190 MB deploy
// leaves the server's peak memory far below the body size, and the revision serves every file.
// Gzip bodies, bad JSON and invalid assets in the middle of a large body answer as before.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { createHash } from 'node:crypto'
import { writeFileSync } from 'node:fs'
import { gzipSync } from 'node:zlib'
import {
  rawRequest,
  serverPid,
  startLocalServer,
  statusKiB,
  type LocalServer
} from '../testing/harness.js'
import { previewHost, v2Client, type Revision } from '../testing/v2-helpers.js'

let server: LocalServer
let api: ReturnType<typeof v2Client>

beforeAll(async () => {
  server = await startLocalServer()
  api = v2Client(server)
})

afterAll(async () => {
  await server?.stop()
})

/** POSTs a deploy body given as chunks, sent as they are produced (and gzip as is). */
function postDeploy(app: string, chunks: Iterable<Buffer>, headers: Record<string, string> = {}) {
  return rawRequest(server, `${server.origin}/v2/apps/${app}/deploy`, 'POST', chunks, headers)
}

const FILE_BYTES = 4 * 1024 * 1024
const FILES = 40

/** Distinct, incompressible-looking content for file `i`. */
function fileContent(i: number): Buffer {
  const block = createHash('sha512').update(`file ${i}`).digest('hex')
  return Buffer.alloc(FILE_BYTES, block)
}

/**
 * A static-site deploy request of FILES files, produced chunk by chunk: even files as UTF-8
 * text, odd ones base64 with the encoding after the content (the case decoded last).
 */
function* bigDeployBody(): Generator<Buffer> {
  yield Buffer.from(
    `{"config":{"runtime":{"type":"static","cwd":"."}},"production":false,"preview":true,"assets":{`
  )
  for (let i = 0; i < FILES; i++) {
    const content = fileContent(i)
    const base64 = i % 2 === 1
    yield Buffer.from(`${i ? ',' : ''}"files/${i}.txt":{"content":"`)
    yield base64 ? Buffer.from(content.toString('base64')) : content
    yield Buffer.from(base64 ? '","encoding":"base64"}' : '"}')
  }
  yield Buffer.from('}}')
}

const bodySize = (chunks: Iterable<Buffer>): number =>
  [...chunks].reduce((sum, chunk) => sum + chunk.length, 0)

describe('streamed v2 deploy', () => {
  it('stores a 190 MB deploy while the peak RSS grows far less than the body', async () => {
    await api.createApp('big-stream')
    const size = bodySize(bigDeployBody())
    expect(size).toBeGreaterThan(190_000_000)
    const pid = serverPid(server)
    // Resets the peak to the current RSS (proc(5), clear_refs "5").
    writeFileSync(`/proc/${pid}/clear_refs`, '5')
    const before = statusKiB(pid, 'VmRSS')

    const answer = await postDeploy('big-stream', bigDeployBody())
    expect(answer.status).toBe(202)
    const growthBytes = (statusKiB(pid, 'VmHWM') - before) * 1024
    process.stdout.write(
      `v2 streamed deploy: body ${size} bytes, server peak RSS grew by ${growthBytes} bytes (${((100 * growthBytes) / size).toFixed(1)}% of the body)\n`
    )
    // Buffering holds the body at least twice (the bytes, then the string). Streaming leaves
    // only garbage behind (socket chunks), which V8 collects after ~50-60 MB whatever the
    // body size: hence a body well above that.
    expect(growthBytes).toBeLessThan(size / 2)

    const rev = await api.settle((answer.body as unknown as Revision).id)
    expect([rev.status, rev.failure_reason]).toEqual(['succeeded', null])
    const host = previewHost(server, 'big-stream', rev.id)
    for (const i of [0, 1, FILES - 1]) {
      const res = await server.fetchHost(host, `/files/${i}.txt`)
      expect([i, res.status]).toEqual([i, 200])
      expect(res.body.equals(fileContent(i))).toBe(true)
    }
  }, 180_000)

  it('accepts a gzip body', async () => {
    await api.createApp('gzip-stream')
    const body = {
      assets: { 'main.ts': { content: 'Deno.serve(() => new Response("gzipped v2"))\n' } },
      config: { runtime: { type: 'dynamic', entrypoint: 'main.ts' } },
      production: false,
      preview: true
    }
    const answer = await postDeploy('gzip-stream', [gzipSync(JSON.stringify(body))], {
      'content-encoding': 'gzip'
    })
    expect(answer.status).toBe(202)
    const rev = await api.settle((answer.body as unknown as Revision).id)
    expect(rev.status).toBe('succeeded')
    const res = await server.fetchHost(previewHost(server, 'gzip-stream', rev.id))
    expect(res.text()).toBe('gzipped v2')
  }, 60_000)

  it('answers MALFORMED_REQUEST for bad JSON, bad gzip and bad assets, even mid-body', async () => {
    await api.createApp('bad-stream')
    const cases: [Buffer[], Record<string, string>, RegExp][] = [
      [[Buffer.from('{"assets": {')], {}, /not valid JSON/],
      [[Buffer.from('not gzip')], { 'content-encoding': 'gzip' }, /not valid gzip/],
      [[Buffer.from('{"assets":{"a":{"content":"x","gitSha1":"0"}}}')], {}, /gitSha1/],
      [[Buffer.from('{"assets":{"a":{"content":"*","encoding":"base64"}}}')], {}, /base64/],
      [[Buffer.from('{"assets":{"../up":{"content":"x"}}}')], {}, /'\.\.' segment/],
      [[Buffer.from('{"asets":{}}')], {}, /asets/],
      // An invalid asset first, then 16 MB more: the answer still arrives.
      [
        [
          Buffer.from('{"assets":{"/abs":{"content":"x"},"big":{"content":"'),
          ...Array.from({ length: 16 }, () => Buffer.alloc(1024 * 1024, 'a')),
          Buffer.from('"}}}')
        ],
        {},
        /absolute/
      ]
    ]
    for (const [chunks, headers, message] of cases) {
      const answer = await postDeploy('bad-stream', chunks, headers)
      expect(answer.status).toBe(400)
      expect(answer.body.code).toBe('MALFORMED_REQUEST')
      expect(String(answer.body.message)).toMatch(message)
    }
    const unknown = await postDeploy('nobody-here', [Buffer.from('{"assets":{}}')])
    expect(unknown.status).toBe(404)
  }, 60_000)
})
