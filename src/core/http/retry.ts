/**
 * Jittered exponential backoff bounded by a deadline and an AbortSignal.
 *
 * Hand-written rather than p-retry: p-retry neither honours a server's Retry-After nor stops at
 * an absolute deadline, and wrapping it for both would be longer than this file.
 */

export interface BackoffOptions {
  /** First delay in ms (before jitter). */
  baseMs: number
  /** Largest delay in ms (before jitter). */
  capMs: number
}

export const API_BACKOFF: BackoffOptions = { baseMs: 500, capMs: 15_000 }

/**
 * Delay before retry number `attempt` (0 = first retry): "equal jitter", i.e. a uniformly random
 * value in [d/2, d] with d = min(cap, base·2^attempt), so concurrent clients spread out but never
 * retry immediately.
 */
export function backoffDelay(
  attempt: number,
  options: BackoffOptions = API_BACKOFF,
  random: () => number = Math.random
): number {
  const ceiling = Math.min(options.capMs, options.baseMs * 2 ** Math.max(0, attempt))
  return Math.round(ceiling / 2 + (random() * ceiling) / 2)
}

/**
 * Parses Retry-After (delta-seconds or an HTTP date) into milliseconds from `now`, or null when
 * absent or malformed. A date in the past means "now" (0).
 */
export function parseRetryAfter(value: string | null | undefined, now = Date.now()): number | null {
  if (value == null) return null
  const trimmed = value.trim()
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000)
  // A bare number that is not a valid delta (negative, exponent, ...) must not fall through to
  // Date.parse, which would read it as a year.
  if (!/[a-z]/i.test(trimmed)) return null
  const date = Date.parse(trimmed)
  if (Number.isNaN(date)) return null
  return Math.max(0, date - now)
}

/** Raised when waiting would pass the deadline; callers turn it into a domain-specific message. */
export class DeadlineError extends Error {
  constructor(message = 'deadline reached') {
    super(message)
    this.name = 'DeadlineError'
  }
}

/** Raised when the caller's AbortSignal fires while we wait. */
export class AbortedError extends Error {
  constructor(message = 'aborted') {
    super(message)
    this.name = 'AbortedError'
  }
}

/**
 * Sleeps `ms`, rejecting with AbortedError as soon as `signal` aborts, or with DeadlineError at
 * once when the sleep would end after `deadline` (epoch ms): there is no point waiting for a
 * retry that may not happen.
 */
export function sleep(ms: number, signal?: AbortSignal, deadline?: number): Promise<void> {
  if (signal?.aborted) return Promise.reject(new AbortedError())
  if (deadline !== undefined && Date.now() + ms > deadline) {
    return Promise.reject(new DeadlineError())
  }
  return new Promise((resolve, reject) => {
    const onAbort = (): void => {
      clearTimeout(timer)
      reject(new AbortedError())
    }
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort)
      resolve()
    }, ms)
    signal?.addEventListener('abort', onAbort, { once: true })
  })
}

/** What to do after a failed attempt. */
export type RetryDecision =
  | { retry: false }
  /** `until` (epoch ms): no wait of this retry may end after it (tighter than the deadline). */
  | { retry: true; delayMs?: number; until?: number }

export interface RetryOptions {
  /** Epoch ms after which no new attempt starts. */
  deadline: number
  signal?: AbortSignal
  /** Total attempts including the first. */
  maxAttempts: number
  backoff?: BackoffOptions
  random?: () => number
  /** Classifies an error; `delayMs` (e.g. from Retry-After) overrides the backoff delay. */
  classify(error: unknown, attempt: number): RetryDecision | Promise<RetryDecision>
  /** Called before each wait, e.g. to log "retrying in 2 s". */
  onRetry?(error: unknown, attempt: number, delayMs: number): void
}

/**
 * Runs `fn` until it succeeds, the error is not retryable, attempts run out or the next wait
 * would pass the deadline; then the last error is rethrown (never a DeadlineError, so the caller
 * sees why the call failed). Aborting rejects with AbortedError.
 */
export async function retry<T>(
  fn: (attempt: number) => Promise<T>,
  options: RetryOptions
): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    if (options.signal?.aborted) throw new AbortedError()
    try {
      return await fn(attempt)
    } catch (error) {
      if (options.signal?.aborted) throw new AbortedError()
      if (attempt + 1 >= options.maxAttempts) throw error
      const decision = await options.classify(error, attempt)
      if (!decision.retry) throw error
      const delayMs = decision.delayMs ?? backoffDelay(attempt, options.backoff, options.random)
      const until = Math.min(options.deadline, decision.until ?? Infinity)
      if (Date.now() + delayMs > until) throw error
      options.onRetry?.(error, attempt, delayMs)
      await sleep(delayMs, options.signal)
    }
  }
}
