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
import { AppCrashedError } from './outcome-errors.js'
import { backoffDelay, sleep, type BackoffOptions } from '../http/retry.js'
import { inputName } from '../text/wording.js'

export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase()
  return (
    host === 'localhost' ||
    host.endsWith('.localhost') ||
    host === '::1' ||
    /^127(\.\d{1,3}){3}$/.test(host)
  )
}

/** A bare host name as the API should name one; anything else never becomes a URL we visit. */
const HOST_NAME =
  /^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/i

/** The host names of an API answer that are host names (a hostile or broken answer's others dropped). */
export function hostNames(names: readonly unknown[]): string[] {
  return names.filter((name): name is string => typeof name === 'string' && HOST_NAME.test(name))
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

/** What one GET got back: the status and, for errors, the start of the body. */
export interface ProbeAnswer {
  status: number
  /** Up to BODY_LIMIT bytes of a 5xx or 404 body (UTF-8); '' for other statuses. */
  body: string
}

/** Enough for the platform's one-line explanation; the rest of a 5xx body is drained unread. */
const BODY_LIMIT = 8 * 1024

/**
 * One GET; resolves with the status and the start of an error body (the rest is drained).
 * `connectTo` is the host to connect to whatever the URL names (its name still goes as Host).
 */
export function requestAnswer(
  url: string,
  signal: AbortSignal,
  timeoutMs = 10_000,
  connectTo?: string
): Promise<ProbeAnswer> {
  const target = new URL(url)
  const client = target.protocol === 'https:' ? https : http
  return new Promise((resolve, reject) => {
    const req = client.request(
      target,
      {
        method: 'GET',
        ...(connectTo ? { hostname: connectTo, servername: target.hostname } : {}),
        headers: {
          'User-Agent': 'subhosting-deploy (url probe)',
          ...(connectTo ? { Host: target.host } : {})
        },
        lookup: localhostAwareLookup as unknown as http.RequestOptions['lookup'],
        signal,
        timeout: timeoutMs
      },
      res => {
        const status = res.statusCode ?? 0
        const chunks: Buffer[] = []
        let kept = 0
        res.on('data', (chunk: Buffer) => {
          if ((status < 500 && status !== 404) || kept >= BODY_LIMIT) return
          chunks.push(chunk.subarray(0, BODY_LIMIT - kept))
          kept += Math.min(chunk.length, BODY_LIMIT - kept)
        })
        res.on('end', () => resolve({ status, body: Buffer.concat(chunks).toString('utf8') }))
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
  /**
   * Crash answers in a row (see `appCrashIn`) after which the probe gives up with
   * AppCrashedError instead of waiting for the deadline. Default 2: one confirmation, since the
   * platform restarts the process on every request and a second crash rules out a fluke.
   */
  crashConfirmations?: number
  /**
   * Connect here instead of resolving the URL's host: a custom domain a loopback server routes
   * by its Host header has no DNS of its own.
   */
  connectTo?: string
}

export interface ProbeResult {
  /** The first status below 500. */
  status: number
  attempts: number
}

const PROBE_BACKOFF: BackoffOptions = { baseMs: 250, capMs: 5_000 }

/**
 * GETs `url` until it answers with a status below 500. Throws AbortedError on abort,
 * DeadlineError (message = last outcome) when the next try would pass the deadline, and
 * AppCrashedError once the platform said `crashConfirmations` times in a row that the app's
 * process stopped: no amount of waiting makes such a deployment serve.
 */
export async function probeUntilServing(url: string, options: ProbeOptions): Promise<ProbeResult> {
  const deadline = AbortSignal.timeout(Math.max(1, options.deadline - Date.now()))
  const signal = AbortSignal.any(options.signal ? [deadline, options.signal] : [deadline])
  const confirmations = Math.max(1, options.crashConfirmations ?? 2)
  let crashes = 0
  let outcome = ''
  for (let attempt = 0; ; attempt++) {
    try {
      const { status, body } = await requestAnswer(url, signal, undefined, options.connectTo)
      const unrouted = status === 404 && unroutedIn(body)
      if (status < 500 && !unrouted) return { status, attempts: attempt + 1 }
      const appError = appCrashIn(body)
      crashes = appError === null ? 0 : crashes + 1
      if (appError !== null && crashes >= confirmations) {
        throw new AppCrashedError({
          deploymentUrl: url,
          appError,
          hint: crashHint(appError),
          answers: crashes
        })
      }
      outcome = unrouted
        ? `HTTP 404 from the platform: it routes nothing to this host name yet`
        : appError === null
          ? `HTTP ${status}`
          : `HTTP ${status}: ${appError}`
    } catch (error) {
      if (error instanceof AppCrashedError) throw error
      crashes = 0
      // An attempt the deadline cut short tells nothing new: the last answer seen is the reason.
      if (!(deadline.aborted && outcome)) outcome = describeProbeError(error)
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

/**
 * The platform's own 404 for a host name it routes to no deployment (the local server's "No
 * deployment is served at …" / "No revision is served at …", Deno Deploy's "DEPLOYMENT_NOT_FOUND"
 * page): the host is not serving the app, whatever the status says.
 */
export function unroutedIn(body: string): boolean {
  return /^No (?:deployment|revision) is served at |\bDEPLOYMENT_NOT_FOUND\b/.test(body.trimStart())
}

/**
 * The platform's verdict that the app cannot serve: the local server (and Deno Deploy's
 * "isolate" errors alike) answers 502 with "the deployment's process exited with code N: <the
 * app's last error line>" or "... was killed by SIGKILL". Returns the quoted app error (or the
 * verdict itself when it quotes none); null for any other 5xx, which may still pass.
 */
export function appCrashIn(body: string): string | null {
  const match =
    /the deployment's process (?:exited with code -?\d+|was killed by \w+)(?::\s*([^]*))?/i.exec(
      body
    )
  if (!match) return null
  const quoted = (match[1] ?? '').trim().replace(/\.+$/, '.')
  return quoted === '' ? match[0] : quoted
}

/**
 * The inputs that fix the usual start-up crashes; wording matches the other input hints (worded
 * when asked: the surface names inputs its own way).
 */
const CRASH_HINTS: [RegExp, () => string][] = [
  [
    /openKv|\bKV\b/,
    () =>
      `The app opens a KV database: set ${inputName('database-id')} to a KV database of the organization.`
  ],
  [
    /\benv(?:ironment)?[ _-]?var|Deno\.env|process\.env|NotCapable.*\benv\b/i,
    () => `The app needs an environment variable: pass it with ${inputName('env-vars')}.`
  ]
]

/** The entry point (or a module it imports) does not exist: the one crash `entrypoint` fixes. */
export const MODULE_NOT_FOUND =
  /Module not found|Cannot find module|ERR_MODULE_NOT_FOUND|Unable to load .*(?:entry|main) module/i

export function crashHint(appError: string): string | null {
  const known = CRASH_HINTS.find(([pattern]) => pattern.test(appError))?.[1]()
  if (known) return known
  if (MODULE_NOT_FOUND.test(appError)) {
    return `A module was not found: check ${inputName('entrypoint')} and the files it imports.`
  }
  if (/\bUncaught\b|\bthrew\b|Error\b/.test(appError)) {
    // The app ran and threw: most often configuration it reads at start-up that is not set.
    return (
      `The app threw at start-up; if it reads configuration (API keys, URLs), pass it with ` +
      `${inputName('env-vars')}. Run the app locally to reproduce the error.`
    )
  }
  return null
}

function describeProbeError(error: unknown): string {
  // Duck-typed: node:http errors come from another realm under test runners.
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown }
  const text = typeof message === 'string' ? message : String(error)
  return typeof code === 'string' && !text.includes(code) ? `${code}: ${text}` : text
}
