/**
 * Typed client for the Subhosting v1 REST API over fetch, with retries.
 *
 * Retries: 408, 429, 5xx and network errors are retried with jittered exponential backoff
 * (Retry-After wins when the server sends it), never past the deadline (the `timeout` input)
 * and never after the AbortSignal fired. Reads, DELETE and the domain PUT are idempotent and
 * simply resent.
 *
 * NO DUPLICATE DEPLOYMENTS — when a failed create POST may be sent again:
 *  1. The request provably never reached the server's handler: the connection failed before
 *     the whole body was handed to it (refused, DNS, reset or timeout mid-upload). A create
 *     needs the complete JSON body, so nothing can have been created → resend.
 *  2. The server answered a non-transient 4xx (400 missingAssets, 401, 404, ...): nothing was
 *     created → never retried here (the caller may resend a corrected body).
 *  3. Anything else is AMBIGUOUS: 408/429/5xx answers (a proxy can lose a response the backend
 *     produced, so not even 429/503 are trusted), or a reset/timeout after the body was sent.
 *     Then, after the backoff, we RECONCILE: list the project's deployments (newest first, only
 *     those created since the first attempt, with 10 minutes of clock-skew slack) and adopt one
 *     whose `description` equals ours. Only when none matches is the POST resent.
 *  The description is unique per run: deploy() appends a random run marker to it (see
 *  deployment.ts), so a match can only be our own request. Caveat: the hosted API documents
 *  `description` only on successful deployments, so a lost-then-pending deployment may be
 *  missed there and a duplicate created; the local server returns it whenever set.
 */
import { ApiError, NetworkError, type ApiErrorDetails } from './api-errors.js'
import type {
  AttachDomainResponse,
  BuildLogEntry,
  Deployment,
  ListDeploymentsQuery,
  Organization,
  Project,
  RedeployRequest
} from './api-types.js'
import { readNdjson } from './ndjson.js'
import { AbortedError, DeadlineError, parseRetryAfter, retry, type RetryDecision } from './retry.js'

/** Kept equal to package.json's version (a test checks it). */
export const CLIENT_VERSION = '0.1.0'
export const USER_AGENT = `subhosting-deploy/${CLIENT_VERSION}`

export interface ClientOptions {
  /** Base URL of the v1 API without trailing slash, e.g. https://api.deno.com/v1 */
  apiUrl: string
  token: string
  /** Epoch ms; no attempt or wait goes beyond it. */
  deadline: number
  signal?: AbortSignal
  /** Receives one line per retry ("… HTTP 503, retrying in 1.2 s"), e.g. reporter.info. */
  log?: (message: string) => void
  /** How long one ordinary request may take before it counts as a network failure. */
  attemptTimeoutMs?: number
  /** Attempts per call, including the first. */
  maxAttempts?: number
}

/** A request body that can be produced again for a resend (files are re-read from disk). */
export type BodyFactory = () => AsyncIterable<Uint8Array>

export interface CreateOutcome {
  deployment: Deployment
  /** True when a lost response was recovered by finding our deployment in the project. */
  adopted: boolean
}

interface SendOptions {
  body?: BodyFactory | string
  accept?: string
  /** Keep the response body unread (streams); the header timeout still applies. */
  stream?: boolean
  /** Header timeout; 0 = only the deadline and the signal bound the request. */
  timeoutMs?: number
}

/** Clock skew allowed between us and the server when looking for a deployment we created. */
export const RECONCILE_SKEW_MS = 10 * 60_000
const MAX_LIST_PAGES = 50

export class SubhostingClient {
  readonly apiUrl: string
  private readonly token: string
  private readonly deadline: number
  private readonly signal: AbortSignal | undefined
  private readonly log: (message: string) => void
  private readonly attemptTimeoutMs: number
  private readonly maxAttempts: number

  constructor(options: ClientOptions) {
    this.apiUrl = options.apiUrl.replace(/\/+$/, '')
    this.token = options.token
    this.deadline = options.deadline
    this.signal = options.signal
    this.log = options.log ?? (() => {})
    this.attemptTimeoutMs = options.attemptTimeoutMs ?? 60_000
    this.maxAttempts = options.maxAttempts ?? 10
  }

  /**
   * The same client without the run's abort signal and with a short deadline of its own: after a
   * cancel, one last lookup may still tell the user which deployment the cancelled create made.
   */
  detached(timeoutMs: number): SubhostingClient {
    return new SubhostingClient({
      apiUrl: this.apiUrl,
      token: this.token,
      deadline: Math.min(this.deadline, Date.now() + timeoutMs),
      log: this.log,
      attemptTimeoutMs: Math.min(this.attemptTimeoutMs, timeoutMs),
      maxAttempts: 2
    })
  }

  getOrganization(organizationId: string): Promise<Organization> {
    return this.json('GET', `/organizations/${seg(organizationId)}`)
  }

  getProject(projectId: string): Promise<Project> {
    return this.json('GET', `/projects/${seg(projectId)}`)
  }

  getDeployment(deploymentId: string): Promise<Deployment> {
    return this.json('GET', `/deployments/${seg(deploymentId)}`)
  }

  async deleteDeployment(deploymentId: string): Promise<void> {
    await this.json('DELETE', `/deployments/${seg(deploymentId)}`)
  }

  /** Not idempotent (each call creates a deployment): resent only when it never left. */
  redeploy(deploymentId: string, request: RedeployRequest): Promise<Deployment> {
    const path = `/deployments/${seg(deploymentId)}/redeploy`
    return this.call(
      `POST ${path}`,
      error => error instanceof NetworkError && !error.bodySent,
      this.maxAttempts,
      () => this.send('POST', path, { body: JSON.stringify(request) }).then(readJson<Deployment>)
    )
  }

  /** `domain` may hold the placeholders {project.name} and {deployment.id} (sent encoded). */
  attachDomain(deploymentId: string, domain: string): Promise<AttachDomainResponse> {
    return this.json('PUT', `/deployments/${seg(deploymentId)}/domains/${seg(domain)}`)
  }

  async detachDomain(deploymentId: string, domain: string): Promise<void> {
    await this.json('DELETE', `/deployments/${seg(deploymentId)}/domains/${seg(domain)}`)
  }

  /**
   * Every deployment of a project across pages (follows `Link: rel="next"`). `until` stops
   * paging early once it returns true for a page (e.g. "all older than X, newest first").
   */
  async listDeployments(
    projectId: string,
    query: ListDeploymentsQuery = {},
    until?: (page: Deployment[]) => boolean
  ): Promise<Deployment[]> {
    const params = new URLSearchParams()
    for (const [key, value] of Object.entries(query)) params.set(key, String(value))
    const search = params.size ? `?${params}` : ''
    let url: string | null = `${this.apiUrl}/projects/${seg(projectId)}/deployments${search}`
    const all: Deployment[] = []
    for (let page = 0; url && page < MAX_LIST_PAGES; page++) {
      const pageUrl: string = url
      const { items, next } = await this.call(
        `GET ${pathOf(pageUrl)}`,
        transient,
        this.maxAttempts,
        async () => {
          const res = await this.send('GET', pageUrl)
          return { items: await readJson<Deployment[]>(res), next: nextLink(res, pageUrl) }
        }
      )
      all.push(...items)
      if (items.length === 0 || until?.(items)) break
      url = next
    }
    return all
  }

  /**
   * Build log lines as a live NDJSON stream, ending when the build is terminal. Opening is
   * retried only `attempts` times: callers have polling to fall back on.
   */
  async streamBuildLogs(
    deploymentId: string,
    attempts = 2
  ): Promise<AsyncGenerator<BuildLogEntry>> {
    const path = `/deployments/${seg(deploymentId)}/build_logs`
    const res = await this.call(`GET ${path}`, transient, attempts, () =>
      this.send('GET', path, { accept: 'application/x-ndjson', stream: true })
    )
    if (!res.body) throw new Error(`GET ${path} returned no body`)
    return readNdjson<BuildLogEntry>(res.body)
  }

  /** The whole build log as a JSON array (the server answers once the build is terminal). */
  getBuildLogs(deploymentId: string): Promise<BuildLogEntry[]> {
    return this.json('GET', `/deployments/${seg(deploymentId)}/build_logs`)
  }

  /**
   * Creates a deployment from a streamed body, applying the no-duplicate rule documented at
   * the top of this file. `description` must be exactly the description inside the body.
   */
  async createDeployment(
    projectId: string,
    body: BodyFactory,
    description: string
  ): Promise<CreateOutcome> {
    const path = `/projects/${seg(projectId)}/deployments`
    const operation = `POST ${path}`
    const since = Date.now() - RECONCILE_SKEW_MS
    let ambiguous = false
    return this.call(
      operation,
      error => {
        if (error instanceof NetworkError && !error.bodySent) return true
        ambiguous = transient(error)
        return ambiguous
      },
      this.maxAttempts,
      async () => {
        if (ambiguous) {
          ambiguous = false
          const found = await this.findCreated(projectId, description, since)
          if (found) {
            this.log(`Found deployment ${found.id} created by the lost request; adopting it.`)
            return { deployment: found, adopted: true }
          }
        }
        const res = await this.send('POST', path, { body, timeoutMs: 0 })
        return { deployment: await readJson<Deployment>(res), adopted: false }
      }
    )
  }

  /** The deployment created since `since` (epoch ms) whose description is `description`. */
  async findCreated(
    projectId: string,
    description: string,
    since: number
  ): Promise<Deployment | undefined> {
    const isOld = (d: Deployment): boolean => Date.parse(d.createdAt) < since
    // Stop at a page of only old deployments, but only if the server really sorted newest
    // first; a server that ignored `order` could hold ours on a later page.
    const pastRecent = (page: Deployment[]): boolean =>
      page.every(isOld) &&
      Date.parse(page[0].createdAt) >= Date.parse(page[page.length - 1].createdAt)
    const recent = await this.listDeployments(
      projectId,
      { sort: 'created_at', order: 'desc', limit: 100 },
      pastRecent
    )
    return recent.find(d => d.description === description && !isOld(d))
  }

  private json<T>(method: string, path: string): Promise<T> {
    return this.call(`${method} ${path}`, transient, this.maxAttempts, () =>
      this.send(method, path).then(readJson<T>)
    )
  }

  /** Retries `attempt` per `retryable` (Retry-After honoured); maps abort and deadline. */
  private call<T>(
    operation: string,
    retryable: (error: unknown) => boolean,
    maxAttempts: number,
    attempt: () => Promise<T>
  ): Promise<T> {
    return retry(attempt, {
      deadline: this.deadline,
      signal: this.signal,
      maxAttempts,
      classify: (error): RetryDecision => {
        if (!retryable(error)) return { retry: false }
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
  private async send(
    method: string,
    pathOrUrl: string,
    options: SendOptions = {}
  ): Promise<Response> {
    const url = pathOrUrl.startsWith('http') ? pathOrUrl : `${this.apiUrl}${pathOrUrl}`
    const operation = `${method} ${pathOf(url)}`
    const headerTimeout = new AbortController()
    const remaining = this.deadline - Date.now()
    if (remaining <= 0) throw new DeadlineError(`${operation}: deadline reached`)
    const signals = [headerTimeout.signal, AbortSignal.timeout(remaining)]
    if (this.signal) signals.push(this.signal)
    const timeoutMs = options.timeoutMs ?? this.attemptTimeoutMs
    const timer = timeoutMs > 0 ? setTimeout(() => headerTimeout.abort(), timeoutMs) : undefined

    let bodySent = options.body === undefined || typeof options.body === 'string'
    let body: string | AsyncIterable<Uint8Array> | undefined
    if (typeof options.body === 'function') {
      const source = options.body
      body = (async function* () {
        yield* source()
        bodySent = true
      })()
    } else {
      body = options.body
    }
    const headers: Record<string, string> = {
      Authorization: `Bearer ${this.token}`,
      'User-Agent': USER_AGENT,
      Accept: options.accept ?? 'application/json'
    }
    if (body !== undefined) headers['Content-Type'] = 'application/json'

    let res: Response
    try {
      res = await fetch(url, {
        method,
        headers,
        body,
        signal: AbortSignal.any(signals),
        ...(typeof body === 'object' ? { duplex: 'half' } : {})
      } as RequestInit)
      if (!options.stream || !res.ok) await bufferBody(res)
    } catch (error) {
      if (this.signal?.aborted) throw new AbortedError(`${operation} aborted`)
      if (Date.now() >= this.deadline) throw new DeadlineError(`${operation}: deadline reached`)
      const cause = headerTimeout.signal.aborted
        ? new Error(`no answer within ${Math.round(timeoutMs / 1000)} s`)
        : error
      throw new NetworkError(operation, this.apiUrl, cause, bodySent && !neverConnected(error))
    } finally {
      clearTimeout(timer)
    }
    if (res.ok) return res
    throw toApiError(res, operation)
  }
}

/** The connection was never established, so no byte of the request reached a server. */
function neverConnected(error: unknown): boolean {
  const code = (error as { cause?: { code?: unknown } } | null)?.cause?.code
  return code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'EAI_AGAIN'
}

function transient(error: unknown): boolean {
  return error instanceof NetworkError || (error instanceof ApiError && error.transient)
}

function seg(value: string): string {
  return encodeURIComponent(value)
}

function pathOf(url: string): string {
  const { pathname } = new URL(url)
  return pathname.replace(/^\/v1(?=\/)/, '')
}

function describe(error: unknown): string {
  return error instanceof NetworkError ? 'network error' : String(error)
}

/**
 * Reads the whole body inside the attempt (so a connection dropped mid-body is retried as a
 * network error) and keeps it on the response for readJson.
 */
async function bufferBody(res: Response): Promise<void> {
  const text = await res.text()
  bufferedText.set(res, text)
}

const bufferedText = new WeakMap<Response, string>()

async function readJson<T>(res: Response): Promise<T> {
  const text = bufferedText.get(res) ?? (await res.text())
  if (text.trim() === '') return undefined as T
  try {
    return JSON.parse(text) as T
  } catch {
    throw new Error(`The Subhosting API answered with invalid JSON: ${text.slice(0, 200)}`)
  }
}

function toApiError(res: Response, operation: string): ApiError {
  const text = bufferedText.get(res) ?? ''
  const retryAfterMs =
    res.headers.has('retry-after-ms') && /^\d+$/.test(res.headers.get('retry-after-ms') ?? '')
      ? Number(res.headers.get('retry-after-ms'))
      : parseRetryAfter(res.headers.get('retry-after'))
  const details: ApiErrorDetails = {
    status: res.status,
    code: '',
    serverMessage: res.statusText || 'no message',
    ray: res.headers.get('x-deno-ray'),
    operation,
    retryAfterMs
  }
  try {
    const parsed = JSON.parse(text) as { code?: unknown; message?: unknown }
    if (typeof parsed.code === 'string') details.code = parsed.code
    if (typeof parsed.message === 'string') details.serverMessage = parsed.message
  } catch {
    if (text.trim()) details.serverMessage = text.trim().slice(0, 300)
  }
  return new ApiError(details)
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
