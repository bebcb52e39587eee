import {
  request as httpRequest,
  type Agent,
  type IncomingMessage,
  type ServerResponse
} from 'node:http'

// RFC 9110 §7.6.1: connection-specific headers are never forwarded.
export const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'proxy-authenticate',
  'proxy-authorization',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade'
])

export interface ProxyTarget {
  /** The deployment process's HTTP socket. */
  socketPath: string
  agent: Agent
  timeoutMs: number
  /** Why the upstream failed (e.g. the process crashed); resolved shortly after a socket error. */
  explainFailure(error: Error): Promise<string>
}

/** The client's `x-forwarded-*` are never trusted: these are set by the server alone. */
function isForwardedHeader(name: string): boolean {
  return name.startsWith('x-forwarded-')
}

function clientAddress(req: IncomingMessage): string | undefined {
  const remote = req.socket.remoteAddress
  return remote?.startsWith('::ffff:') ? remote.slice(7) : remote
}

export function forwardHeaders(req: IncomingMessage): Record<string, string | string[]> {
  const headers: Record<string, string | string[]> = {}
  const raw = req.rawHeaders
  for (let i = 0; i < raw.length; i += 2) {
    const name = raw[i].toLowerCase()
    if (HOP_BY_HOP.has(name) || isForwardedHeader(name)) continue
    const existing = headers[name]
    if (existing === undefined) headers[name] = raw[i + 1]
    else
      headers[name] = Array.isArray(existing) ? [...existing, raw[i + 1]] : [existing, raw[i + 1]]
  }
  const remote = clientAddress(req)
  if (remote) headers['x-forwarded-for'] = remote
  headers['x-forwarded-proto'] = 'http'
  return headers
}

/**
 * forwardHeaders as a flat [name, value, ...] list, which `http.request` writes as given (each
 * pair still validated): no per-request header object to build and copy.
 */
export function forwardHeaderList(req: IncomingMessage): string[] {
  const out: string[] = []
  const raw = req.rawHeaders
  for (let i = 0; i < raw.length; i += 2) {
    const name = raw[i].toLowerCase()
    if (HOP_BY_HOP.has(name) || isForwardedHeader(name)) continue
    out.push(name, raw[i + 1])
  }
  const remote = clientAddress(req)
  if (remote) out.push('x-forwarded-for', remote)
  out.push('x-forwarded-proto', 'http')
  return out
}

function responseHeaders(upstream: IncomingMessage): string[] {
  const out: string[] = []
  const raw = upstream.rawHeaders
  for (let i = 0; i < raw.length; i += 2) {
    if (!HOP_BY_HOP.has(raw[i].toLowerCase())) out.push(raw[i], raw[i + 1])
  }
  return out
}

export function sendPlainError(
  res: ServerResponse,
  status: number,
  message: string,
  headers: Record<string, string> = {}
): void {
  if (res.headersSent) {
    res.destroy()
    return
  }
  const body = message.endsWith('\n') ? message : message + '\n'
  res.writeHead(status, {
    'content-type': 'text/plain; charset=utf-8',
    'content-length': Buffer.byteLength(body),
    'x-subhosting-error': status === 504 ? 'timeout' : 'upstream',
    ...headers
  })
  res.end(body)
}

/** A request without Content-Length or Transfer-Encoding has no body (RFC 9112 §6.3). */
function hasBody(req: IncomingMessage): boolean {
  return (
    req.headers['content-length'] !== undefined || req.headers['transfer-encoding'] !== undefined
  )
}

/**
 * Streams one request to the deployment's process and its response back, both bodies unbuffered.
 * The timeout covers the whole exchange: 504 before the response starts, a cut connection after.
 */
export function proxyRequest(
  req: IncomingMessage,
  res: ServerResponse,
  target: ProxyTarget
): Promise<void> {
  return new Promise(resolve => {
    let done = false
    const finish = () => {
      if (done) return
      done = true
      clearTimeout(timer)
      resolve()
    }
    const upstream = httpRequest({
      socketPath: target.socketPath,
      method: req.method,
      path: req.url,
      headers: forwardHeaderList(req),
      agent: target.agent
    })
    const timer = setTimeout(() => {
      upstream.destroy()
      sendPlainError(
        res,
        504,
        `Gateway Timeout: the deployment did not answer within its request timeout of ` +
          `${target.timeoutMs} ms.`
      )
      finish()
    }, target.timeoutMs)

    upstream.on('response', response => {
      if (done) return response.destroy()
      res.writeHead(response.statusCode ?? 502, response.statusMessage, responseHeaders(response))
      response.on('error', () => {
        res.destroy()
        finish()
      })
      response.pipe(res)
      response.on('end', finish)
    })
    upstream.on('error', error => {
      if (done) return
      void target.explainFailure(error).then(reason => {
        if (done) return
        sendPlainError(res, 502, `Bad Gateway: ${reason}.`)
        finish()
      })
    })
    res.on('close', () => {
      if (!res.writableFinished) upstream.destroy()
      finish()
    })
    if (hasBody(req)) req.pipe(upstream)
    else {
      // Most requests (GET, HEAD): no body stream to pipe; the request's end is still consumed.
      upstream.end()
      req.resume()
    }
  })
}
