import type { IncomingMessage, ServerResponse } from 'node:http'
import { HttpError, invalidRequest } from './errors.js'
import { createGunzip } from 'node:zlib'
import { parseLargeJson } from './large-json.js'

/** Deployments may total 1 GB of decoded assets; base64 and JSON framing add about a third. */
export const MAX_BODY_BYTES = 1.5 * 1024 ** 3

/**
 * Request content codings this server decodes, advertised on every answer (RFC 7694 §3) so a
 * client can compress its next request bodies.
 */
export const ACCEPTED_CODINGS = 'gzip'

/** Above this size the body is parsed from bytes, because V8 strings stop at ~512 MiB. */
const NATIVE_JSON_LIMIT = Number(process.env.SUBHOSTING_NATIVE_JSON_LIMIT ?? 256 * 1024 ** 2)

export interface JsonReply {
  status: number
  body?: unknown
  headers?: Record<string, string>
}

/** A reply that writes the response itself (log streams). */
export interface StreamReply {
  stream(res: ServerResponse): Promise<void>
}

export type Reply = JsonReply | StreamReply

export const isStream = (reply: Reply): reply is StreamReply => 'stream' in reply

export const ok = (body?: unknown, headers?: Record<string, string>): JsonReply => ({
  status: 200,
  body,
  headers
})

/**
 * The request body's bytes, decompressed when it is sent with `Content-Encoding: gzip`, checked
 * against MAX_BODY_BYTES as they arrive (after decompression, so a small bomb is refused too).
 */
export async function* requestBytes(req: IncomingMessage): AsyncGenerator<Buffer> {
  const declared = Number(req.headers['content-length'] ?? 0)
  if (declared > MAX_BODY_BYTES) throw tooLarge(declared)
  const coding = (req.headers['content-encoding'] ?? 'identity').trim().toLowerCase()
  if (coding !== 'identity' && coding !== 'gzip')
    throw new HttpError(
      415,
      'unsupportedContentEncoding',
      `The request body is sent with Content-Encoding ${JSON.stringify(coding)}; this server accepts gzip or none. Send the body uncompressed or gzip it.`,
      { 'accept-encoding': ACCEPTED_CODINGS }
    )
  const source = coding === 'gzip' ? req.pipe(createGunzip()) : req
  let size = 0
  try {
    // Not destroyed when the reader stops early: the socket must stay up for the answer.
    for await (const chunk of source.iterator({
      destroyOnReturn: false
    }) as AsyncIterable<Buffer>) {
      size += chunk.length
      if (size > MAX_BODY_BYTES) throw tooLarge(size)
      yield chunk
    }
  } catch (err) {
    if (coding === 'gzip' && String((err as { code?: unknown }).code).startsWith('Z_'))
      throw invalidRequest(`The request body is not valid gzip: ${(err as Error).message}`)
    throw err
  }
}

export async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = []
  for await (const chunk of requestBytes(req)) chunks.push(chunk)
  return Buffer.concat(chunks)
}

/**
 * Reads and drops what is left of a body a reply was chosen for early (an invalid asset), so
 * the client still gets the answer instead of a reset while it is sending.
 */
export async function discardRest(req: IncomingMessage): Promise<void> {
  if (req.readableEnded || req.destroyed) return
  req.unpipe()
  req.resume()
  await new Promise<void>(resolve => {
    req.once('end', resolve)
    req.once('close', resolve)
  })
}

function tooLarge(size: number): HttpError {
  return new HttpError(
    413,
    'requestTooLarge',
    `The request body has ${size} bytes; at most ${MAX_BODY_BYTES} are accepted. Deploy fewer or smaller assets (a deployment may total 1 GB).`
  )
}

/** Parses a JSON body; an empty body is `undefined`. Large string values may come back as Buffers. */
export function parseJsonBody(raw: Buffer): unknown {
  if (raw.length === 0) return undefined
  try {
    if (raw.length > NATIVE_JSON_LIMIT) return parseLargeJson(raw)
    return JSON.parse(raw.toString('utf8'))
  } catch (err) {
    throw invalidRequest(`The request body is not valid JSON: ${(err as Error).message}`)
  }
}

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {}
): void {
  if (body === undefined) {
    // Empty 200s carry no content type so clients do not try to parse them as JSON.
    res.writeHead(status, {
      'accept-encoding': ACCEPTED_CODINGS,
      ...headers,
      'content-length': '0'
    })
    res.end()
    return
  }
  const text = JSON.stringify(body)
  res.writeHead(status, {
    'accept-encoding': ACCEPTED_CODINGS,
    ...headers,
    'content-type': 'application/json; charset=utf-8',
    'content-length': String(Buffer.byteLength(text))
  })
  res.end(text)
}

export function sendError(res: ServerResponse, err: HttpError): void {
  sendJson(res, err.status, { code: err.code, message: err.message }, err.headers)
}

export function wantsNdjson(req: IncomingMessage): boolean {
  return (req.headers.accept ?? '').includes('application/x-ndjson')
}

/** Absolute base URL of this request, as the client addressed the server. */
export function requestOrigin(req: IncomingMessage): string {
  return `http://${req.headers.host ?? 'localhost'}`
}
