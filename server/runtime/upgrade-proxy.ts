import {
  request as httpRequest,
  STATUS_CODES,
  type ClientRequest,
  type IncomingMessage
} from 'node:http'
import type { Duplex } from 'node:stream'
import { forwardHeaders, HOP_BY_HOP } from './proxy.js'

export interface UpgradeTarget {
  /** The deployment process's HTTP socket. */
  socketPath: string
  /** Limit for the app to answer the handshake; an upgraded connection may stay open for good. */
  timeoutMs: number
  /** Why the upstream failed (e.g. the process crashed); resolved shortly after a socket error. */
  explainFailure(error: Error): Promise<string>
}

function headerBlock(status: number, statusMessage: string | undefined, headers: string[]): string {
  const lines = [`HTTP/1.1 ${status} ${statusMessage || STATUS_CODES[status] || ''}`]
  for (let i = 0; i < headers.length; i += 2) lines.push(`${headers[i]}: ${headers[i + 1]}`)
  return lines.join('\r\n') + '\r\n\r\n'
}

/**
 * Answers on a raw socket with a complete plain-text HTTP/1.1 response, then destroys it: an
 * upgrade request has no ServerResponse to answer with.
 */
export function writeSocketResponse(
  socket: Duplex,
  status: number,
  message: string,
  headers: Record<string, string> = {}
): void {
  if (!socket.writable) {
    socket.destroy()
    return
  }
  const body = message.endsWith('\n') ? message : message + '\n'
  const fields = [
    'content-type',
    'text/plain; charset=utf-8',
    'content-length',
    String(Buffer.byteLength(body)),
    'connection',
    'close',
    ...Object.entries(headers).flat()
  ]
  socket.end(headerBlock(status, undefined, fields) + body, () => socket.destroy())
}

/** Like sendPlainError, for upgrade requests. */
export function rejectUpgrade(
  socket: Duplex,
  status: number,
  message: string,
  headers: Record<string, string> = {}
): void {
  writeSocketResponse(socket, status, message, {
    'x-subhosting-error': status === 504 ? 'timeout' : 'upstream',
    ...headers
  })
}

interface UpgradeSide {
  socket: Duplex
  /** Bytes that arrived after the head of the request or answer. */
  head: Buffer
}

/** The app accepted: its 101 goes to the client, then the two sockets become one pipe. */
function spliceUpgraded(
  client: UpgradeSide,
  app: UpgradeSide & { response: IncomingMessage }
): void {
  const { socket } = client
  if (socket.destroyed) return void app.socket.destroy()
  app.socket.on('error', () => socket.destroy())
  app.socket.once('close', () => socket.destroy())
  const { statusCode, statusMessage, rawHeaders } = app.response
  socket.write(headerBlock(statusCode ?? 101, statusMessage, rawHeaders))
  if (app.head.length) socket.write(app.head)
  if (client.head.length) app.socket.write(client.head)
  app.socket.pipe(socket)
  socket.pipe(app.socket)
}

/** The app answered without upgrading: relay that answer, then close the connection. */
function relayDeclined(socket: Duplex, response: IncomingMessage): void {
  const headers: string[] = []
  const raw = response.rawHeaders
  for (let i = 0; i < raw.length; i += 2) {
    if (!HOP_BY_HOP.has(raw[i].toLowerCase())) headers.push(raw[i], raw[i + 1])
  }
  // The body arrives de-chunked, so without a content-length the close delimits it.
  headers.push('connection', 'close')
  socket.write(headerBlock(response.statusCode ?? 502, response.statusMessage, headers))
  socket.once('finish', () => socket.destroy())
  response.pipe(socket)
  response.on('error', () => socket.destroy())
}

/** Its own connection: an upgraded socket leaves the keep-alive pool for good anyway. */
const requestUpgrade = (req: IncomingMessage, target: UpgradeTarget): ClientRequest =>
  httpRequest({
    socketPath: target.socketPath,
    method: req.method,
    path: req.url,
    headers: { ...forwardHeaders(req), connection: 'Upgrade', upgrade: req.headers.upgrade ?? '' },
    agent: false
  })

/**
 * Forwards one upgrade request to the deployment's process. On 101 the connection becomes a
 * byte pipe in both directions; any other answer (the app declined) is relayed and the
 * connection closed. Resolves once the client's socket is closed; either side closing or
 * failing tears down both.
 */
export function proxyUpgrade(
  req: IncomingMessage,
  socket: Duplex,
  head: Buffer,
  target: UpgradeTarget
): Promise<void> {
  return new Promise(resolve => {
    if (socket.destroyed) return resolve()
    let answered = false
    const upstream = requestUpgrade(req, target)
    let upstreamSocket: Duplex | undefined
    const timer = setTimeout(() => {
      answered = true
      upstream.destroy()
      rejectUpgrade(
        socket,
        504,
        `Gateway Timeout: the deployment did not answer the upgrade request within its request ` +
          `timeout of ${target.timeoutMs} ms.`
      )
    }, target.timeoutMs)
    socket.once('close', () => {
      clearTimeout(timer)
      upstream.destroy()
      upstreamSocket?.destroy()
      resolve()
    })
    socket.on('error', () => socket.destroy())

    upstream.on('upgrade', (response: IncomingMessage, upSocket: Duplex, upHead: Buffer) => {
      answered = true
      clearTimeout(timer)
      upstreamSocket = upSocket
      spliceUpgraded({ socket, head }, { response, socket: upSocket, head: upHead })
    })
    upstream.on('response', response => {
      answered = true
      clearTimeout(timer)
      relayDeclined(socket, response)
    })
    upstream.on('error', error => {
      if (answered) return
      void target.explainFailure(error).then(reason => {
        if (answered) return
        answered = true
        clearTimeout(timer)
        rejectUpgrade(socket, 502, `Bad Gateway: ${reason}.`)
      })
    })
    upstream.end()
  })
}
