import type { IncomingMessage, ServerResponse } from 'node:http'
import { HttpError, invalidRequest } from './errors.js'
import { createGunzip } from 'node:zlib'

/**
 * Streamed deployment bodies (see asset-upload.ts): deployments may total 1 GB of decoded
 * assets; base64 and JSON framing add about a third.
 */
export const MAX_BODY_BYTES = 1.5 * 1024 ** 3

/**
 * Every other body is read whole and parsed as one string, so it is kept far below V8's string
 * limit and below what a settings request could need.
 */
export const MAX_JSON_BODY_BYTES = 16 * 1024 ** 2

/**
 * Request content codings this server decodes, advertised on every answer (RFC 7694 §3) so a
 * client can compress its next request bodies.
 */
export const ACCEPTED_CODINGS = 'gzip'

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

/** A body limit and what to do when a request goes over it. */
export interface BodyLimit {
  bytes: number
  fix: string
}

const DEPLOYMENT_BODY: BodyLimit = {
  bytes: MAX_BODY_BYTES,
  fix: 'Deploy fewer or smaller assets (a deployment may total 1 GB).'
}

const JSON_BODY: BodyLimit = {
  bytes: MAX_JSON_BODY_BYTES,
  fix: 'Only deployment requests (POST /v1/projects/{id}/deployments, POST /v2/apps/{app}/deploy) take larger bodies; send less data here.'
}

/**
 * The request body's bytes, decompressed when it is sent with `Content-Encoding: gzip`, checked
 * against `limit` as they arrive (after decompression, so a small bomb is refused too).
 */
export async function* requestBytes(
  req: IncomingMessage,
  limit: BodyLimit = DEPLOYMENT_BODY
): AsyncGenerator<Buffer> {
  const declared = Number(req.headers['content-length'] ?? 0)
  if (declared > limit.bytes) throw tooLarge(declared, limit)
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
      if (size > limit.bytes) throw tooLarge(size, limit)
      yield chunk
    }
  } catch (err) {
    if (coding === 'gzip' && String((err as { code?: unknown }).code).startsWith('Z_'))
      throw invalidRequest(`The request body is not valid gzip: ${(err as Error).message}`)
    throw err
  }
}

/** A whole body of at most MAX_JSON_BODY_BYTES (deployment bodies are streamed instead). */
export async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = []
  for await (const chunk of requestBytes(req, JSON_BODY)) chunks.push(chunk)
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

function tooLarge(size: number, limit: BodyLimit): HttpError {
  return new HttpError(
    413,
    'requestTooLarge',
    `The request body has at least ${size} bytes; this route accepts at most ${limit.bytes} bytes (${limit.bytes / 1024 ** 2} MiB). ${limit.fix}`
  )
}

/** Parses a JSON body read by readBody; an empty body is `undefined`. */
export function parseJsonBody(raw: Buffer): unknown {
  if (raw.length === 0) return undefined
  try {
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
  sendJson(res, err.status, { code: err.code, message: err.message, ...err.fields }, err.headers)
}

export function wantsNdjson(req: IncomingMessage): boolean {
  return (req.headers.accept ?? '').includes('application/x-ndjson')
}
