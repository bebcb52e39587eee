/**
 * The HTTP layer both platform clients (v1 and v2) stand on: bearer auth, one attempt timeout,
 * the run's deadline and abort signal, retries with backoff (Retry-After wins), error bodies
 * turned into ApiError (the flat `{code, message}` and the nested `{error:{code, message}}`
 * envelope alike) and `Link: rel="next"` pagination that follows relative and absolute URLs.
 */
import { ApiError, NetworkError, REFUSED_RETRY_MS, type ApiErrorDetails } from './api-errors.js'
import { AbortedError, DeadlineError, parseRetryAfter, retry, type RetryDecision } from './retry.js'
import { noteAcceptEncoding, sendStreamed } from './streamed-request.js'

/** Kept equal to package.json's version (a test checks it). */
export const CLIENT_VERSION = '0.1.0'
export const USER_AGENT = `subhosting-deploy/${CLIENT_VERSION}`

export interface TransportOptions {
  /** Base URL of the API without trailing slash, e.g. https://api.deno.com/v2 */
  apiUrl: string
  token: string
  /** What to do about an error answer, by the rules of the API this transport speaks. */
  hintFor?: ApiErrorDetails['hintFor']
  /** Epoch ms; no attempt or wait goes beyond it. */
  deadline: number
  signal?: AbortSignal
  /** Receives one line per retry ("… HTTP 503, retrying in 1.2 s"), e.g. reporter.info. */
  log?: (message: string) => void
  /** How long one ordinary request may take before it counts as a network failure. */
  attemptTimeoutMs?: number
  /** Attempts per call, including the first. */
  maxAttempts?: number
  /** Sent with every request (v2: `X-Deno-Org`). */
  headers?: Record<string, string>
}

/** A request body that can be produced again for a resend (files are re-read from disk). */
export type BodyFactory = () => AsyncIterable<Uint8Array>

export interface SendOptions {
  body?: BodyFactory | string
  accept?: string
  /** Keep the response body unread (streams); the header timeout still applies. */
  stream?: boolean
  /** Header timeout; 0 = only the deadline and the signal bound the request. */
  timeoutMs?: number
  /** Ends this request (and a streamed body) early, e.g. a log stream no longer needed. */
  signal?: AbortSignal
  /**
   * A BodyFactory body's bytes as they reach the socket (compressed size when gzip'd), every
   * attempt: the sum of the calls is what went on the wire as request bodies.
   */
  onBodySent?: (bytes: number) => void
}

const MAX_LIST_PAGES = 50

export class ApiTransport {
  readonly apiUrl: string
  readonly maxAttempts: number
  private readonly options: TransportOptions
  private readonly log: (message: string) => void
  private readonly attemptTimeoutMs: number

  constructor(options: TransportOptions) {
    this.options = options
    this.apiUrl = options.apiUrl.replace(/\/+$/, '')
    this.log = options.log ?? (() => {})
    this.attemptTimeoutMs = options.attemptTimeoutMs ?? 60_000
    this.maxAttempts = options.maxAttempts ?? 10
  }

  /**
   * The same transport without the run's abort signal and with a short deadline of its own:
   * after a cancel or a timeout, one last call may still clean up or name what was left.
   */
  detached(timeoutMs: number): ApiTransport {
    return new ApiTransport({
      ...this.options,
      signal: undefined,
      deadline: Math.min(this.options.deadline, Date.now() + timeoutMs),
      attemptTimeoutMs: Math.min(this.attemptTimeoutMs, timeoutMs),
      maxAttempts: 2
    })
  }

  /** Also ignores the run's deadline: for the clean-up after the deadline itself passed. */
  afterDeadline(timeoutMs: number): ApiTransport {
    return new ApiTransport({
      ...this.options,
      signal: undefined,
      deadline: Date.now() + timeoutMs,
      attemptTimeoutMs: timeoutMs,
      maxAttempts: 2
    })
  }

  /** An idempotent call with a JSON (or JSON-less) answer, retried when transient. */
  json<T>(method: string, path: string, body?: unknown): Promise<T> {
    const payload = body === undefined ? undefined : JSON.stringify(body)
    return this.call(`${method} ${pathOf(path, this.apiUrl)}`, transient, this.maxAttempts, () =>
      this.send(method, path, { body: payload }).then(readJson<T>)
    )
  }

  /**
   * Every item of a list across pages (follows `Link: rel="next"`, relative or absolute).
   * `until` stops paging early once it returns true for a page.
   */
  async list<T>(firstPath: string, until?: (page: T[]) => boolean): Promise<T[]> {
    let url: string | null = absolute(firstPath, this.apiUrl)
    const all: T[] = []
    for (let page = 0; url && page < MAX_LIST_PAGES; page++) {
      const pageUrl: string = url
      const { items, next } = await this.call(
        `GET ${pathOf(pageUrl, this.apiUrl)}`,
        transient,
        this.maxAttempts,
        async () => {
          const res = await this.send('GET', pageUrl)
          return { items: await readJson<T[]>(res), next: nextLink(res, pageUrl) }
        }
      )
      if (!Array.isArray(items)) throw new Error(`GET ${pathOf(pageUrl, this.apiUrl)}: not a list`)
      all.push(...items)
      if (items.length === 0 || until?.(items)) break
      url = next && this.followable(next)
    }
    return all
  }

  /**
   * A next page the token may be sent to: the API's own origin, or another Deno host over https
   * (api.deno.com answers with console.deno.com links). Anything else would hand the bearer
   * token to whoever wrote the Link header.
   */
  private followable(next: string): string {
    const api = new URL(this.apiUrl)
    const target = new URL(next)
    const denoHosts =
      target.protocol === 'https:' &&
      api.hostname.endsWith('.deno.com') &&
      target.hostname.endsWith('.deno.com')
    if (target.origin === api.origin || denoHosts) return next
    throw new Error(
      `The API's next page is on another host (${target.origin}, not ${api.origin}); not sending ` +
        'the token there. Check the api-url.'
    )
  }

  /**
   * A POST that creates something, sent so that it creates it once. It is resent only when it
   * provably never reached the server (the connection failed before the body was sent); after an
   * ambiguous failure (408, 429, 5xx, a reset after the body left) `findLost` looks for what the
   * lost request may have created first, and a find is adopted instead of creating again.
   */
  createOnce<T extends { id: string }>(
    path: string,
    body: BodyFactory,
    what: string,
    findLost: () => Promise<T | undefined>,
    onBodySent?: (bytes: number) => void
  ): Promise<{ created: T; adopted: boolean }> {
    let ambiguous = false
    return this.call(
      `POST ${path}`,
      error => {
        if (error instanceof NetworkError && !error.bodySent) return true
        ambiguous = transient(error)
        return ambiguous
      },
      this.maxAttempts,
      async () => {
        if (ambiguous) {
          ambiguous = false
          const found = await findLost()
          if (found) {
            this.log(`Found ${what} ${found.id} created by the lost request; adopting it.`)
            return { created: found, adopted: true }
          }
        }
        const res = await this.send('POST', path, { body, timeoutMs: 0, onBodySent })
        return { created: await readJson<T>(res), adopted: false }
      }
    )
  }

  /** Retries `attempt` per `retryable` (Retry-After honoured); maps abort and deadline. */
  call<T>(
    operation: string,
    retryable: (error: unknown) => boolean,
    maxAttempts: number,
    attempt: () => Promise<T>
  ): Promise<T> {
    const started = Date.now()
    return retry(attempt, {
      deadline: this.options.deadline,
      signal: this.options.signal,
      maxAttempts,
      classify: (error): RetryDecision => {
        // A name that does not resolve will not start resolving; a refused connection gets the
        // few seconds a starting server needs, not the whole backoff.
        if (error instanceof NetworkError && error.permanent) return { retry: false }
        if (!retryable(error)) return { retry: false }
        if (error instanceof NetworkError && error.refused) {
          return { retry: true, until: started + REFUSED_RETRY_MS }
        }
        const delayMs = error instanceof ApiError ? (error.retryAfterMs ?? undefined) : undefined
        return { retry: true, delayMs }
      },
      onRetry: (error, n, delayMs) => {
        const why = error instanceof ApiError ? `HTTP ${error.status}` : describe(error)
        this.log(
          `${operation}: ${why}; retrying in ${(delayMs / 1000).toFixed(1)} s ` +
            `(attempt ${n + 2} of ${maxAttempts}).`
        )
      }
    })
  }

  /**
   * One HTTP exchange. Non-2xx → ApiError; transport failure → NetworkError (with whether the
   * body was fully sent); the deadline → DeadlineError; the caller's signal → AbortedError.
   */
  async send(method: string, pathOrUrl: string, options: SendOptions = {}): Promise<Response> {
    const { signal } = this.options
    const url = absolute(pathOrUrl, this.apiUrl)
    const operation = `${method} ${pathOf(url, this.apiUrl)}`
    const headerTimeout = new AbortController()
    const remaining = this.options.deadline - Date.now()
    if (remaining <= 0) throw new DeadlineError(`${operation}: deadline reached`)
    const signals = [headerTimeout.signal, AbortSignal.timeout(remaining)]
    if (signal) signals.push(signal)
    if (options.signal) signals.push(options.signal)
    const timeoutMs = options.timeoutMs ?? this.attemptTimeoutMs
    const timer = timeoutMs > 0 ? setTimeout(() => headerTimeout.abort(), timeoutMs) : undefined

    let bodySent = options.body === undefined || typeof options.body === 'string'
    const body = options.body
    const headers: Record<string, string> = {
      ...this.options.headers,
      Authorization: `Bearer ${this.options.token}`,
      'User-Agent': USER_AGENT,
      Accept: options.accept ?? 'application/json'
    }
    if (body !== undefined) headers['Content-Type'] = 'application/json'

    let res: Response
    try {
      res =
        typeof body === 'function'
          ? await sendStreamed({
              method,
              url,
              headers,
              body,
              signal: AbortSignal.any(signals),
              onBodySent: options.onBodySent,
              onBodyComplete: () => (bodySent = true)
            })
          : // A redirect would carry the request (and an answer) to a host no one chose.
            await fetch(url, {
              method,
              headers,
              body,
              redirect: 'error',
              signal: AbortSignal.any(signals)
            })
      // The server's Accept-Encoding lets the next streamed body go gzip'd (streamed-request.ts).
      noteAcceptEncoding(url, res.headers)
      if (!options.stream || !res.ok) await bufferBody(res)
    } catch (error) {
      if (signal?.aborted) throw new AbortedError(`${operation} aborted`)
      if (Date.now() >= this.options.deadline)
        throw new DeadlineError(`${operation}: deadline reached`)
      const cause = headerTimeout.signal.aborted
        ? new Error(`no answer within ${Math.round(timeoutMs / 1000)} s`)
        : error
      throw new NetworkError(operation, this.apiUrl, cause, bodySent && !neverConnected(error))
    } finally {
      clearTimeout(timer)
    }
    if (res.ok) return res
    throw toApiError(res, operation, this.options.hintFor)
  }
}

/** The connection was never established, so no byte of the request reached a server. */
function neverConnected(error: unknown): boolean {
  const code = (error as { cause?: { code?: unknown } } | null)?.cause?.code
  return code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'EAI_AGAIN'
}

/** Network failures and 408/429/5xx answers: worth another attempt of an idempotent call. */
export function transient(error: unknown): boolean {
  return error instanceof NetworkError || (error instanceof ApiError && error.transient)
}

/** A path segment, percent-encoded (domains carry `{` `}` placeholders). */
export function seg(value: string): string {
  return encodeURIComponent(value)
}

function absolute(pathOrUrl: string, apiUrl: string): string {
  return /^https?:\/\//.test(pathOrUrl) ? pathOrUrl : `${apiUrl}${pathOrUrl}`
}

/** The request path below the API's base (for messages: `GET /projects/{id}`). */
function pathOf(pathOrUrl: string, apiUrl: string): string {
  const base = new URL(apiUrl).pathname.replace(/\/+$/, '')
  const { pathname } = new URL(absolute(pathOrUrl, apiUrl))
  const relative = pathname.startsWith(`${base}/`) ? pathname.slice(base.length) : pathname
  return relative.replace(/^(?:\/api)?\/v[12](?=\/)/, '')
}

function describe(error: unknown): string {
  return error instanceof NetworkError ? `network error (${error.reason})` : String(error)
}

/**
 * Reads the whole body inside the attempt (so a connection dropped mid-body is retried as a
 * network error) and keeps it on the response for readJson.
 */
async function bufferBody(res: Response): Promise<void> {
  const chunks: Uint8Array[] = []
  let size = 0
  for await (const chunk of (res.body ?? []) as AsyncIterable<Uint8Array>) {
    size += chunk.length
    if (size > MAX_ANSWER_BYTES) {
      await res.body?.cancel()
      throw new Error(
        `the answer is over ${MAX_ANSWER_BYTES / 1024 / 1024} MiB, more than any API answer ` +
          'this action reads; check the api-url'
      )
    }
    chunks.push(chunk)
  }
  bufferedText.set(res, Buffer.concat(chunks).toString('utf8'))
}

/** No JSON answer of either API comes near this; a bigger one is a broken or hostile server. */
const MAX_ANSWER_BYTES = 32 * 1024 * 1024
/** How much of a server's error message an error quotes. */
const MAX_QUOTED_MESSAGE = 1000

const bufferedText = new WeakMap<Response, string>()

export async function readJson<T>(res: Response): Promise<T> {
  const text = bufferedText.get(res) ?? (await res.text())
  if (text.trim() === '') return undefined as T
  try {
    return JSON.parse(text) as T
  } catch {
    throw new Error(`The API answered with invalid JSON: ${text.slice(0, 200)}`)
  }
}

function toApiError(
  res: Response,
  operation: string,
  hintFor: ApiErrorDetails['hintFor']
): ApiError {
  const text = bufferedText.get(res) ?? ''
  const retryAfterMs =
    res.headers.has('retry-after-ms') && /^\d+$/.test(res.headers.get('retry-after-ms') ?? '')
      ? Number(res.headers.get('retry-after-ms'))
      : parseRetryAfter(res.headers.get('retry-after'))
  const details: ApiErrorDetails = {
    status: res.status,
    code: '',
    serverMessage: res.statusText || 'no message',
    ray: res.headers.get('x-deno-ray') ?? res.headers.get('x-deno-trace-id'),
    operation,
    retryAfterMs,
    url: res.url || undefined,
    hintFor
  }
  const parsed = errorBody(text)
  if (parsed) {
    details.body = parsed.body
    details.code = parsed.code.slice(0, 100)
    details.serverMessage = (parsed.message || details.serverMessage).slice(0, MAX_QUOTED_MESSAGE)
  } else if (text.trim()) {
    details.serverMessage = summarize(text)
  }
  return new ApiError(details)
}

/** `{code, message}` or `{error: {code, message}}` (v2's envelope); null for anything else. */
function errorBody(
  text: string
): { code: string; message: string; body: Record<string, unknown> } | null {
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch {
    return null
  }
  if (!parsed || typeof parsed !== 'object') return null
  const outer = parsed as { code?: unknown; message?: unknown; error?: unknown }
  const inner = (outer.error && typeof outer.error === 'object' ? outer.error : {}) as {
    code?: unknown
    message?: unknown
  }
  const code = typeof inner.code === 'string' ? inner.code : outer.code
  const message = typeof inner.message === 'string' ? inner.message : outer.message
  if (typeof code !== 'string' && typeof message !== 'string') return null
  return {
    code: typeof code === 'string' ? code : '',
    message: typeof message === 'string' ? message : '',
    body: parsed as Record<string, unknown>
  }
}

/** A non-JSON error body (a proxy's HTML page) reduced to its text, short. */
function summarize(text: string): string {
  const plain = text
    .replace(/<[^>]*>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
  return plain.slice(0, 300)
}

/** The `rel="next"` target of an RFC 8288 Link header, resolved against the request URL. */
export function nextLink(res: Response, requestUrl: string): string | null {
  const header = res.headers.get('link')
  if (!header) return null
  for (const part of header.split(/,(?=\s*<)/)) {
    const match = /<([^>]*)>((?:\s*;\s*[^;]+)*)/.exec(part.trim())
    if (match && /;\s*rel\s*=\s*"?([^";]*\s)?next(\s[^";]*)?"?/i.test(match[2])) {
      return new URL(match[1], requestUrl).toString()
    }
  }
  return null
}
