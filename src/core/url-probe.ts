/**
 * The public URL of a deployment and a probe that waits until it serves.
 *
 * URL rule (shared with the local server): when the API host is loopback the deployment is
 * served on the API's own port over plain HTTP (`http://<domain>:<api-port>/`), otherwise at
 * `https://<domain>/`. Node's fetch cannot resolve `*.localhost`, so the probe uses node:http(s)
 * with a lookup that maps `localhost` and `*.localhost` to 127.0.0.1 (RFC 6761).
 */
import { lookup as dnsLookup, type LookupAddress, type LookupOptions } from 'node:dns'
import http from 'node:http'
import https from 'node:https'
import { backoffDelay, sleep, type BackoffOptions } from './retry.js'

export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase()
  return (
    host === 'localhost' ||
    host.endsWith('.localhost') ||
    host === '::1' ||
    /^127(\.\d{1,3}){3}$/.test(host)
  )
}

export function deploymentUrl(apiUrl: string, domain: string): string {
  const api = new URL(apiUrl)
  if (!isLoopbackHost(api.hostname)) return `https://${domain}/`
  const port = api.port || (api.protocol === 'https:' ? '443' : '80')
  return `http://${domain}:${port}/`
}

type LookupCallback = (
  error: NodeJS.ErrnoException | null,
  address: string | LookupAddress[],
  family?: number
) => void

/** dns.lookup, except that `localhost` and `*.localhost` always resolve to 127.0.0.1. */
export function localhostAwareLookup(
  hostname: string,
  options: LookupOptions,
  callback: LookupCallback
): void {
  const host = hostname.toLowerCase()
  if (host === 'localhost' || host.endsWith('.localhost')) {
    if (options.all) callback(null, [{ address: '127.0.0.1', family: 4 }])
    else callback(null, '127.0.0.1', 4)
    return
  }
  const lookup = dnsLookup as (host: string, opts: LookupOptions, cb: LookupCallback) => void
  lookup(hostname, options, callback)
}

/** One GET; resolves with the status code (the body is drained and discarded). */
export function requestStatus(
  url: string,
  signal: AbortSignal,
  timeoutMs = 10_000
): Promise<number> {
  const target = new URL(url)
  const client = target.protocol === 'https:' ? https : http
  return new Promise((resolve, reject) => {
    const req = client.request(
      target,
      {
        method: 'GET',
        lookup: localhostAwareLookup as unknown as http.RequestOptions['lookup'],
        headers: { 'User-Agent': 'subhosting-deploy (url probe)' },
        signal,
        timeout: timeoutMs
      },
      res => {
        res.resume()
        res.on('end', () => resolve(res.statusCode ?? 0))
        res.on('error', reject)
      }
    )
    req.on('timeout', () => req.destroy(new Error(`no answer within ${timeoutMs / 1000} s`)))
    req.on('error', reject)
    req.end()
  })
}

export interface ProbeOptions {
  /** Epoch ms. */
  deadline: number
  signal?: AbortSignal
  backoff?: BackoffOptions
  /** Called with each unsuccessful attempt's outcome ("HTTP 503", "ECONNREFUSED"). */
  onAttempt?: (outcome: string) => void
}

export interface ProbeResult {
  /** The first status below 500. */
  status: number
  attempts: number
}

const PROBE_BACKOFF: BackoffOptions = { baseMs: 250, capMs: 5_000 }

/**
 * GETs `url` until it answers with a status below 500. Throws AbortedError on abort and
 * DeadlineError (message = last outcome) when the next try would pass the deadline.
 */
export async function probeUntilServing(url: string, options: ProbeOptions): Promise<ProbeResult> {
  const signals = [AbortSignal.timeout(Math.max(1, options.deadline - Date.now()))]
  if (options.signal) signals.push(options.signal)
  const signal = AbortSignal.any(signals)
  for (let attempt = 0; ; attempt++) {
    let outcome: string
    try {
      const status = await requestStatus(url, signal)
      if (status < 500) return { status, attempts: attempt + 1 }
      outcome = `HTTP ${status}`
    } catch (error) {
      outcome = describeProbeError(error)
    }
    options.onAttempt?.(outcome)
    try {
      await sleep(
        backoffDelay(attempt, options.backoff ?? PROBE_BACKOFF),
        options.signal,
        options.deadline
      )
    } catch (error) {
      if (error instanceof Error && error.name === 'DeadlineError') error.message = outcome
      throw error
    }
  }
}

function describeProbeError(error: unknown): string {
  // Duck-typed: node:http errors come from another realm under test runners.
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown }
  const text = typeof message === 'string' ? message : String(error)
  return typeof code === 'string' && !text.includes(code) ? `${code}: ${text}` : text
}
