/**
 * Errors of talking to the API: an answer that is not 2xx, or no answer at all. Each message
 * says what happened and what to do about it; none ever contains the token or an env var value.
 */
import { inputName } from '../text/wording.js'

export interface ApiErrorDetails {
  status: number
  /** The server's error code, e.g. `invalidToken`; '' when the body had none. */
  code: string
  /** The server's own message (or a summary of the body when it was not `{code, message}`). */
  serverMessage: string
  /** The `x-deno-ray` trace id, if the response had one. */
  ray: string | null
  /** What the request was about, e.g. `GET /projects/{id}`. */
  operation: string
  /** The server's Retry-After, in ms, when it sent one. */
  retryAfterMs?: number | null
  /** The URL the request went to, for hints that quote it. */
  url?: string
  /** What to do about it, by the answering API's own rules (default: `commonHint` of the status). */
  hintFor?: (details: ApiErrorDetails) => string
  /** The whole JSON error answer, for fields beyond code and message (e.g. `missingAssets`). */
  body?: Record<string, unknown> | null
}

/** A non-2xx answer of the Subhosting API. `message` is the full, actionable text. */
export class ApiError extends Error {
  readonly status: number
  readonly code: string
  readonly serverMessage: string
  readonly ray: string | null
  /** What the user should do about it. */
  readonly hint: string
  readonly retryAfterMs: number | null
  /** The whole JSON error answer (null when it was not a JSON object). */
  readonly body: Record<string, unknown> | null

  constructor(details: ApiErrorDetails) {
    const hint = details.hintFor ? details.hintFor(details) : commonHint(details.status)
    const code = details.code ? ` ${details.code}` : ''
    const ray = details.ray ? ` If it persists, quote ray ${details.ray} to support.` : ''
    super(
      `Subhosting API ${details.operation} failed (HTTP ${details.status}${code}): ` +
        `${details.serverMessage} ${hint}${ray}`
    )
    this.name = 'ApiError'
    this.status = details.status
    this.code = details.code
    this.serverMessage = details.serverMessage
    this.ray = details.ray
    this.hint = hint
    this.retryAfterMs = details.retryAfterMs ?? null
    this.body = details.body ?? null
  }

  /** 408, 429 and 5xx are worth retrying; other statuses will not change on their own. */
  get transient(): boolean {
    return this.status === 408 || this.status === 429 || this.status >= 500
  }
}

/** Advice that holds whichever API answered. */
export function commonHint(status: number): string {
  if (status === 413) {
    return `The upload is too large; leave files out with ${inputName('exclude')} (limit 1 GB).`
  }
  if (status === 429) {
    return (
      'The Subhosting API is rate limiting this organization (deployments per hour are limited); ' +
      `wait and re-run, or raise ${inputName('timeout')} so retries can wait longer.`
    )
  }
  if (status === 408 || status >= 500) {
    return (
      'The Subhosting platform had trouble (retried with backoff until it gave up); ' +
      're-run the job later or check the platform status.'
    )
  }
  return `Check the inputs and ${inputName('api-url')}.`
}

/** `null` for what the API says does not exist (404); every other failure propagates. */
export async function nullWhenMissing<T>(request: Promise<T>): Promise<T | null> {
  try {
    return await request
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) return null
    throw error
  }
}

/** The API could not be reached at all (DNS, refused, reset, per-request timeout). */
export class NetworkError extends Error {
  /** Whether the whole request body had been handed to the connection when it failed. */
  readonly bodySent: boolean
  /** The system error code of the failure (`ECONNREFUSED`, `ENOTFOUND`, ...), when it had one. */
  readonly code: string | undefined
  /** The cause, short: `ECONNREFUSED 127.0.0.1:8420`, `ENOTFOUND api.deno.comm`. */
  readonly reason: string

  constructor(operation: string, apiUrl: string, cause: unknown, bodySent: boolean) {
    const code = errorCode(cause)
    super(
      `Could not reach the Subhosting API for ${operation} (${describeCause(cause)}). ` +
        `Check ${inputName('api-url')} (${apiUrl}) and the network; ${retryNote(code)}`,
      { cause }
    )
    this.name = 'NetworkError'
    this.bodySent = bodySent
    this.code = code
    this.reason = shortCause(cause)
  }

  /** No answer will come by waiting: the host name does not exist, or fetch refuses the port. */
  get permanent(): boolean {
    return this.code === 'ENOTFOUND' || this.reason === 'bad port'
  }

  /** Nothing listens there (a stopped server, a wrong port): worth only a short wait. */
  get refused(): boolean {
    return this.code === 'ECONNREFUSED'
  }
}

/** How long a refused connection is retried in all, in ms (a server that is starting up). */
export const REFUSED_RETRY_MS = 10_000

function retryNote(code: string | undefined): string {
  if (code === 'ENOTFOUND') return 'the host name does not resolve, so it was not retried.'
  if (code === 'ECONNREFUSED') {
    return (
      'nothing accepted the connection (is the server running, is the port right?); ' +
      `retried for up to ${REFUSED_RETRY_MS / 1000} s.`
    )
  }
  return 'retried with backoff until it gave up.'
}

/** The system error code of a fetch failure (on its cause, or on the error itself). */
export function errorCode(error: unknown): string | undefined {
  const outer = error as { code?: unknown; cause?: { code?: unknown } } | null
  const code = outer?.cause?.code ?? outer?.code
  return typeof code === 'string' ? code : undefined
}

/** `connect ECONNREFUSED 127.0.0.1:8420` → `ECONNREFUSED 127.0.0.1:8420`, for one log line. */
export function shortCause(cause: unknown): string {
  return describeCause(cause)
    .replace(/^([A-Z_]+): (?:connect|getaddrinfo|read|write|querySrv) \1\b/, '$1')
    .replace(/^(?:connect|getaddrinfo|read|write) (?=[A-Z_]{4,}\b)/, '')
}

export function describeCause(cause: unknown): string {
  // Duck-typed: errors from fetch may come from another realm (instanceof fails there).
  const outer = cause as { message?: unknown; code?: unknown; cause?: unknown } | null
  if (!outer || typeof outer.message !== 'string') return String(cause)
  const inner = outer.cause as { message?: unknown; code?: unknown } | undefined
  const code = inner?.code ?? outer.code
  const message =
    typeof inner?.message === 'string' && inner.message ? inner.message : outer.message
  return [typeof code === 'string' && !message.includes(code) ? code : '', message]
    .filter(Boolean)
    .join(': ')
}

/** `[pattern, input]`: an error code or message that matches points at that input. */
export type InputRule = [RegExp, string]

/**
 * The input a rejected request points at. The API's code says it precisely (and a message that
 * names a field quotes it), so codes are matched before the message's free-text words.
 */
export function inputFor(
  codeRules: InputRule[],
  wordRules: InputRule[],
  { code, serverMessage }: ApiErrorDetails
): string | undefined {
  return (
    codeRules.find(([pattern]) => pattern.test(code))?.[1] ??
    wordRules.find(([pattern]) => pattern.test(serverMessage))?.[1]
  )
}

/** "check the `x` input" for a rejected request, or a general word when no input fits. */
export function rejectedHint(input: string | undefined): string {
  return input
    ? `The request was rejected; check ${inputName(input)}.`
    : 'The request was rejected; check the inputs the message names.'
}

/**
 * A 404 for a path the server has no route for (`routeNotFound`, or a message saying so): the
 * API URL is wrong, whatever the project or app; quotes the URL that was asked.
 */
export function routeHint(details: ApiErrorDetails): string | null {
  const noRoute =
    details.code === 'routeNotFound' || /\bno (api )?route\b/i.test(details.serverMessage)
  if (details.status !== 404 || !noRoute) return null
  const where = details.url ? ` (${details.url})` : ''
  return `The API has no such endpoint${where}: check ${inputName('api-url')}; it must be the API's base URL ending in /v1 or /v2.`
}
