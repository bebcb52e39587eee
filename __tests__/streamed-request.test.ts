// The streamed create request: node:http with backpressure, gzip only after the server said it
// decodes gzip (Accept-Encoding on an answer), and a count of the body bytes put on the wire.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { gunzipSync } from 'node:zlib'
import { acceptsGzip, sendStreamed } from '../src/core/http/streamed-request.js'

let server: http.Server
let origin: string
const received: { headers: http.IncomingHttpHeaders; raw: Buffer }[] = []

beforeAll(async () => {
  server = http.createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', chunk => chunks.push(chunk))
    req.on('end', () => {
      received.push({ headers: req.headers, raw: Buffer.concat(chunks) })
      const advertise = req.url === '/advertise' ? { 'accept-encoding': 'gzip' } : {}
      res.writeHead(200, { 'content-type': 'application/json', ...advertise })
      res.end('{"ok":true}')
    })
  })
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})

afterAll(async () => {
  server.closeAllConnections()
  await new Promise(resolve => server.close(resolve))
})

const text = Buffer.from(`{"assets":"${'hello streamed body '.repeat(50_000)}"}`)
const body = () =>
  (async function* () {
    for (let at = 0; at < text.length; at += 10_000) yield text.subarray(at, at + 10_000)
  })()

async function send(path: string) {
  let sent = 0
  let complete = false
  const res = await sendStreamed({
    method: 'POST',
    url: `${origin}${path}`,
    headers: { 'Content-Type': 'application/json' },
    body,
    signal: new AbortController().signal,
    onBodySent: bytes => (sent += bytes),
    onBodyComplete: () => (complete = true)
  })
  return { res, sent, complete, request: received.at(-1)! }
}

describe('sendStreamed', () => {
  it('sends the body as is until the server advertises gzip, then compresses it', async () => {
    const plain = await send('/advertise')
    expect(await plain.res.json()).toEqual({ ok: true })
    expect(plain.request.headers['content-encoding']).toBeUndefined()
    expect(plain.request.raw.equals(text)).toBe(true)
    expect([plain.sent, plain.complete]).toEqual([text.length, true])
    expect(acceptsGzip(`${origin}/other/path`)).toBe(true)

    const packed = await send('/after')
    expect(packed.request.headers['content-encoding']).toBe('gzip')
    expect(gunzipSync(packed.request.raw).equals(text)).toBe(true)
    // The count is what crossed the wire: the compressed size.
    expect(packed.sent).toBe(packed.request.raw.length)
    expect(packed.sent).toBeLessThan(text.length / 10)
  })

  it('names a refused connection in the cause, and rejects when aborted', async () => {
    const closed = http.createServer()
    await new Promise<void>(resolve => closed.listen(0, '127.0.0.1', resolve))
    const port = (closed.address() as AddressInfo).port
    await new Promise(resolve => closed.close(resolve))
    const refused = await sendStreamed({
      method: 'POST',
      url: `http://127.0.0.1:${port}/`,
      headers: {},
      body,
      signal: new AbortController().signal
    }).catch((error: Error) => error)
    expect((refused as Error & { cause: { code: string } }).cause.code).toBe('ECONNREFUSED')

    const abort = new AbortController()
    const endless = () =>
      (async function* () {
        for (;;) {
          yield Buffer.alloc(64 * 1024, 32)
          abort.abort()
        }
      })()
    const aborted = sendStreamed({
      method: 'POST',
      url: `${origin}/`,
      headers: {},
      body: endless,
      signal: abort.signal
    })
    await expect(aborted).rejects.toThrow()
  })
})
