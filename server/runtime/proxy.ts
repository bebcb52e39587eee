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

/**
 * Fields of the client's that never reach the app: who the client is and how it came is said by
 * the server alone (`x-forwarded-*`, set below; `Forwarded` and `X-Real-IP` would contradict
 * them), and `Expect: 100-continue` is answered by the server before the body is read.
 */
function isServersToSay(name: string): boolean {
  return (
    name.startsWith('x-forwarded-') ||
    name === 'forwarded' ||
    name === 'x-real-ip' ||
    name === 'expect'
  )
}

/** Fields a `Connection` header names are hop-by-hop too (RFC 9110 §7.6.1). */
function connectionNamed(values: string | string[] | undefined): Set<string> {
  const names = new Set<string>()
  for (const value of [values ?? []].flat())
    for (const token of value.split(',')) names.add(token.trim().toLowerCase())
  return names
}

/** Whether a client field stays behind (see HOP_BY_HOP, connectionNamed, isServersToSay). */
function staysHere(name: string, named: Set<string>): boolean {
  return HOP_BY_HOP.has(name) || named.has(name) || isServersToSay(name)
}

function clientAddress(req: IncomingMessage): string | undefined {
  const remote = req.socket.remoteAddress
  return remote?.startsWith('::ffff:') ? remote.slice(7) : remote
}

/** forwardHeaderList as a header object (repeated fields as arrays), for `http.request`. */
export function forwardHeaders(req: IncomingMessage): Record<string, string | string[]> {
  const headers: Record<string, string | string[]> = {}
  const list = forwardHeaderList(req)
  for (let i = 0; i < list.length; i += 2) {
    const [name, value] = [list[i], list[i + 1]]
    const existing = headers[name]
    if (existing === undefined) headers[name] = value
    else headers[name] = Array.isArray(existing) ? [...existing, value] : [existing, value]
  }
  return headers
}

/**
 * The request's fields as the app gets them, as a flat [name, value, ...] list, which undici
 * writes as given (each pair still validated): no per-request header object to build and copy.
 */
export function forwardHeaderList(req: IncomingMessage): string[] {
  const out: string[] = []
  const raw = req.rawHeaders
  const named = connectionNamed(req.headers.connection)
  for (let i = 0; i < raw.length; i += 2) {
    const name = raw[i].toLowerCase()
    if (staysHere(name, named)) continue
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

/**
 * The upstream's raw header list (names as sent, duplicates kept) minus hop-by-hop fields,
 * including those its `Connection` header names.
 */
function responseHeaderList(raw: Buffer[]): string[] {
  const fields: string[] = raw.map(part => part.toString('latin1'))
  const connection: string[] = []
  for (let i = 0; i < fields.length; i += 2)
    if (fields[i].toLowerCase() === 'connection') connection.push(fields[i + 1])
  const named = connectionNamed(connection)
  const out: string[] = []
  for (let i = 0; i < fields.length; i += 2) {
    const name = fields[i].toLowerCase()
    if (!HOP_BY_HOP.has(name) && !named.has(name)) out.push(fields[i], fields[i + 1])
  }
  return out
}

/**
 * The request target as the app gets it: origin-form. An absolute-form target
 * (`GET http://other.example/x`) was routed by its Host header, so its own authority is dropped.
 */
function originForm(target: string | undefined): string {
  if (!target) return '/'
  if (target.startsWith('/') || target === '*') return target
  try {
    const url = new URL(target)
    return url.pathname + url.search
  } catch {
    return '/'
  }
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
    target.upstream.dispatch({ method, path: originForm(req.url), headers, body }, exchange)
    // Most requests (GET, HEAD) have no body to send; their end is still consumed.
    if (!body) req.resume()
  })
}
