import type { IncomingMessage, ServerResponse } from 'node:http'
import type { Dispatcher } from 'undici'

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
  /** Keep-alive connections to the deployment process's HTTP socket. */
  upstream: Dispatcher
  timeoutMs: number
  /** Why the upstream failed (e.g. the process crashed); resolved shortly after a socket error. */
  explainFailure(error: Error): Promise<string>
}

/** The client's `x-forwarded-*` are never trusted: these are set by the server alone. */
function isForwardedHeader(name: string): boolean {
  return name.startsWith('x-forwarded-')
}

/** `Expect: 100-continue` is answered by the server itself before the body is read. */
const ANSWERED_HERE = 'expect'

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
 * forwardHeaders as a flat [name, value, ...] list, which undici writes as given (each pair still
 * validated): no per-request header object to build and copy.
 */
export function forwardHeaderList(req: IncomingMessage): string[] {
  const out: string[] = []
  const raw = req.rawHeaders
  for (let i = 0; i < raw.length; i += 2) {
    const name = raw[i].toLowerCase()
    if (HOP_BY_HOP.has(name) || isForwardedHeader(name) || name === ANSWERED_HERE) continue
    out.push(name, raw[i + 1])
  }
  const remote = clientAddress(req)
  if (remote) out.push('x-forwarded-for', remote)
  out.push('x-forwarded-proto', 'http')
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

/** The upstream's raw header list (names as sent, duplicates kept) minus hop-by-hop fields. */
function responseHeaderList(raw: Buffer[]): string[] {
  const out: string[] = []
  for (let i = 0; i < raw.length; i += 2) {
    const name = raw[i].toString('latin1')
    if (!HOP_BY_HOP.has(name.toLowerCase())) out.push(name, raw[i + 1].toString('latin1'))
  }
  return out
}

/**
 * One request's exchange with the deployment's process, as an undici dispatch handler: bodies
 * stream both ways unbuffered, the client's backpressure pauses the upstream, and a client that
 * goes away aborts the upstream request. The timeout covers the whole exchange: 504 before the
 * response starts, a cut connection after.
 */
class ProxyExchange implements Dispatcher.DispatchHandlers {
  private abortUpstream: ((error?: Error) => void) | undefined
  private resumeUpstream: () => void = () => undefined
  private done = false
  private readonly timer: NodeJS.Timeout

  constructor(
    private readonly res: ServerResponse,
    private readonly target: ProxyTarget,
    private readonly resolve: () => void
  ) {
    this.timer = setTimeout(() => this.timeOut(), target.timeoutMs)
    res.on('close', () => {
      if (!res.writableFinished) this.abortUpstream?.(new Error('the client went away'))
      this.finish()
    })
  }

  onConnect(abort: (error?: Error) => void): void {
    this.abortUpstream = abort
    if (this.done) abort(new Error('the exchange already ended'))
  }

  onHeaders(status: number, raw: Buffer[], resume: () => void, statusText: string): boolean {
    // 1xx answers (e.g. 103 Early Hints) are informational; the final response follows.
    if (this.done || status < 200) return true
    this.resumeUpstream = resume
    this.res.writeHead(status, statusText || undefined, responseHeaderList(raw))
    return true
  }

  onData(chunk: Buffer): boolean {
    if (this.done || this.res.write(chunk)) return true
    this.res.once('drain', this.resumeUpstream)
    return false
  }

  onComplete(): void {
    if (this.done) return
    this.res.end()
    this.finish()
  }

  onError(error: Error): void {
    if (this.done) return
    if (this.res.headersSent) {
      this.res.destroy()
      this.finish()
      return
    }
    void this.target.explainFailure(error).then(reason => {
      if (this.done) return
      sendPlainError(this.res, 502, `Bad Gateway: ${reason}.`)
      this.finish()
    })
  }

  private timeOut(): void {
    this.abortUpstream?.(new Error('request timeout'))
    sendPlainError(
      this.res,
      504,
      `Gateway Timeout: the deployment did not answer within its request timeout of ` +
        `${this.target.timeoutMs} ms.`
    )
    this.finish()
  }

  private finish(): void {
    if (this.done) return
    this.done = true
    clearTimeout(this.timer)
    this.resolve()
  }
}

/** Streams one request to the deployment's process and its response back (see ProxyExchange). */
export function proxyRequest(
  req: IncomingMessage,
  res: ServerResponse,
  target: ProxyTarget
): Promise<void> {
  return new Promise(resolve => {
    const exchange = new ProxyExchange(res, target, resolve)
    const body = hasBody(req) ? req : null
    // Any method token Node accepted goes on as is (WebDAV's among them); the type lists a few.
    const method = (req.method ?? 'GET') as Dispatcher.HttpMethod
    const headers = forwardHeaderList(req)
    target.upstream.dispatch({ method, path: req.url ?? '/', headers, body }, exchange)
    // Most requests (GET, HEAD) have no body to send; their end is still consumed.
    if (!body) req.resume()
  })
}
