// The first step of every API request: the bearer token this server printed at start-up.
import { timingSafeEqual } from 'node:crypto'
import type { IncomingMessage } from 'node:http'
import { HttpError } from './errors.js'

/** Compares in constant time so the token cannot be guessed byte by byte from answer times. */
export function checkToken(req: IncomingMessage, token: string): void {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '')
  const given = Buffer.from(match?.[1] ?? '')
  const expected = Buffer.from(token)
  if (!match || given.length !== expected.length || !timingSafeEqual(given, expected))
    throw new HttpError(
      401,
      'invalidToken',
      match
        ? 'The access token is invalid. Use the token this server printed at start-up (also in <data-dir>/state.json).'
        : 'Missing access token. Send the header "Authorization: Bearer <token>".'
    )
}

export function isLoopbackPeer(req: IncomingMessage): boolean {
  const addr = req.socket.remoteAddress ?? ''
  return addr === '::1' || /^(::ffff:)?127\./.test(addr)
}
