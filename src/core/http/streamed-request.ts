/**
 * A request whose body is produced as it is sent (a create request of up to 1 GB), over
 * node:http(s) rather than fetch: fetch keeps the streamed body referenced until the response
 * arrives, which held ~850 MB for a 524 MB tree, while a node:http request with backpressure
 * reads the next chunk from disk only once the socket took the last one.
 *
 * The body is gzip-compressed when the server said it decodes gzip request bodies: an
 * `Accept-Encoding` header on any of its answers (RFC 7694 §3), as the local server sends.
 * The hosted APIs never said so, so their bodies go uncompressed.
 */
import http from 'node:http'
import https from 'node:https'
import { Readable, Writable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { constants, createGzip } from 'node:zlib'

export interface StreamedRequest {
  method: string
  url: string
  headers: Record<string, string>
  /** Produces the body (called once per attempt). */
  body: () => AsyncIterable<Uint8Array>
  signal: AbortSignal
  /** Receives, as they are flushed to the socket, the sizes of the body bytes (gzip'd or not). */
  onBodySent?: (bytes: number) => void
  /** Called once the whole body has been handed to the socket. */
  onBodyComplete?: () => void
}

/** Origins (`http://127.0.0.1:8000`) whose answers said they decode gzip request bodies. */
const gzipOrigins = new Set<string>()

/**
 * Learns from an answer's `Accept-Encoding` whether its server decodes gzip bodies. Every
 * answer to sendStreamed is noted; call it for other answers too so that the first streamed
 * request to a server can already be compressed.
 */
export function noteAcceptEncoding(url: string, headers: Headers | http.IncomingHttpHeaders): void {
  const value =
    headers instanceof Headers ? headers.get('accept-encoding') : headers['accept-encoding']
  if (typeof value !== 'string') return
  const codings = value.split(',').map(part => part.split(';')[0].trim().toLowerCase())
  if (codings.includes('gzip')) gzipOrigins.add(new URL(url).origin)
}

export function acceptsGzip(url: string): boolean {
  return gzipOrigins.has(new URL(url).origin)
}

/**
 * Sends the request and resolves with the answer as a fetch Response once its headers arrive
 * (the body is read from it as with fetch). Errors carry the node error as `cause`, so
 * `cause.code` tells a refused connection from one that broke mid-way.
 */
export function sendStreamed(request: StreamedRequest): Promise<Response> {
  const target = new URL(request.url)
  const gzip = acceptsGzip(request.url)
  const headers = { ...request.headers, ...(gzip ? { 'Content-Encoding': 'gzip' } : {}) }
  const client = target.protocol === 'https:' ? https : http
  return new Promise<Response>((resolve, reject) => {
    const req = client.request(target, { method: request.method, headers, signal: request.signal })
    const fail = (error: unknown): void =>
      reject(new Error(`request failed: ${(error as Error).message}`, { cause: error }))
    req.on('error', fail)
    req.on('response', res => {
      noteAcceptEncoding(request.url, res.headers)
      resolve(toResponse(res))
    })
    const source = Readable.from(request.body(), { objectMode: false })
    const socketSink = new Writable({
      // One chunk in flight: the next is read from disk only after this one reached the socket.
      write(chunk: Buffer, _encoding, done) {
        req.write(chunk, error => {
          if (!error) request.onBodySent?.(chunk.length)
          done(error)
        })
      },
      final(done) {
        req.end(() => {
          request.onBodyComplete?.()
          done()
        })
      }
    })
    const stages = gzip
      ? [source, createGzip({ level: constants.Z_BEST_SPEED }), socketSink]
      : [source, socketSink]
    pipeline(stages).catch((error: unknown) => {
      // A body that cannot be read (a file changed) fails the attempt; so does a dead socket.
      req.destroy(error as Error)
      fail(error)
    })
  })
}

function toResponse(res: http.IncomingMessage): Response {
  const headers = new Headers()
  for (const [name, value] of Object.entries(res.headers)) {
    if (value === undefined) continue
    for (const one of Array.isArray(value) ? value : [value]) headers.append(name, one)
  }
  const status = res.statusCode ?? 502
  const empty = status === 204 || status === 304 || status < 200
  if (empty) res.resume()
  return new Response(empty ? null : (Readable.toWeb(res) as ReadableStream<Uint8Array>), {
    status,
    statusText: res.statusMessage,
    headers
  })
}
