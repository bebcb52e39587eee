/**
 * What waiting for a deployment means on every platform: each wait is bounded by the deadline
 * (the `timeout` input) and the AbortSignal, both ending in an error that names the deployment
 * and its last state; a live deployment's URL is probed until it serves; a failed build becomes
 * a DeployFailedError pinned to the repository file its log names.
 */
import path from 'node:path'
import { CancelledError, DeployFailedError, DeployTimeoutError } from './outcome-errors.js'
import { AppCrashedError } from './outcome-errors.js'
import type { Annotation, Reporter } from './reporter.js'
import { AbortedError, DeadlineError } from '../http/retry.js'
import { deploymentUrl, isLoopbackHost, probeUntilServing } from './url-probe.js'

const ERROR_LINES_SHOWN = 20

export interface WaitContext {
  reporter: Reporter
  /** Epoch ms. */
  deadline: number
  /** The whole budget, for messages. */
  timeoutMs: number
  signal?: AbortSignal
  /** Root's path relative to the repository (POSIX, '' = the repo root), or null if outside. */
  rootInRepo: string | null
  /** The packed asset paths, to recognise which file a build error names. */
  assetPaths: ReadonlySet<string>
  /** The path the probe GETs on a deployment's host (`/` when not given). */
  probePath?: string
}

export interface LogLine {
  level: string
  message: string
}

/** Runs `fn` so that a stop (abort, deadline) surfaces as CancelledError/DeployTimeoutError. */
export async function stoppable<T>(
  ctx: WaitContext,
  deploymentId: string | null,
  state: string | (() => string),
  fn: () => Promise<T>
): Promise<T> {
  try {
    return await fn()
  } catch (error) {
    rethrowStop(ctx, deploymentId, typeof state === 'string' ? state : state(), error)
    throw error
  }
}

/** Rethrows as CancelledError/DeployTimeoutError when the run was stopped; otherwise returns. */
export function rethrowStop(
  ctx: WaitContext,
  deploymentId: string | null,
  state: string,
  error: unknown
): void {
  if (error instanceof CancelledError || error instanceof DeployTimeoutError) throw error
  if (ctx.signal?.aborted || error instanceof AbortedError) {
    throw new CancelledError(deploymentId, state)
  }
  if (error instanceof DeadlineError || Date.now() >= ctx.deadline) {
    throw new DeployTimeoutError(ctx.timeoutMs, deploymentId, state)
  }
}

/**
 * GETs `url` until it answers below 500; a crashed app fails fast (AppCrashedError).
 * `connectTo` as in ProbeOptions (a loopback server's custom domains).
 */
export async function probeLive(
  ctx: WaitContext,
  id: string,
  url: string,
  connectTo?: string
): Promise<void> {
  let last = 'no answer yet'
  await stoppable(
    ctx,
    id,
    () => `built, URL ${url} not serving yet (last: ${last})`,
    async () => {
      try {
        const probe = await probeUntilServing(new URL(ctx.probePath ?? '/', url).href, {
          deadline: ctx.deadline,
          signal: ctx.signal,
          connectTo,
          onAttempt: outcome => {
            last = outcome
            ctx.reporter.debug(`Probe ${url}: ${outcome}`)
          }
        })
        const asked = ctx.probePath && ctx.probePath !== '/' ? ` (at ${ctx.probePath})` : ''
        ctx.reporter.info(`${url} answers HTTP ${probe.status}${asked}.`)
      } catch (error) {
        const crashed = error as { name?: string; deploymentId?: string | null }
        if (crashed?.name === 'AppCrashedError') crashed.deploymentId = id
        throw error
      }
    }
  )
}

/**
 * Waits until `domain` serves (its URL by the shared rule; a loopback API's custom domains are
 * reached through the API's host, which routes by name) and returns that URL.
 */
export async function probeDomain(
  ctx: WaitContext,
  id: string,
  apiUrl: string,
  domain: string
): Promise<string> {
  const url = deploymentUrl(apiUrl, domain)
  const api = new URL(apiUrl).hostname
  await probeLive(ctx, id, url, isLoopbackHost(api) ? api.replace(/^\[|\]$/g, '') : undefined)
  return url
}

/**
 * The app's error lines with each crash's stack once: a probe that starts the app twice logs the
 * same uncaught error twice, and the platform's own "failed to start" line repeats the verdict
 * the message already quotes. A crash starts at Deno's `error: ` line; a crash identical to an
 * earlier one is left out.
 */
export function eachCrashOnce(messages: string[]): string[] {
  const crashes: string[][] = []
  for (const message of messages) {
    if (/^Deployment failed to start: /.test(message)) continue
    if (/^error: /.test(message) || crashes.length === 0) crashes.push([])
    crashes[crashes.length - 1].push(message)
  }
  const seen = new Set<string>()
  return crashes
    .filter(crash => {
      const key = crash.join('\n')
      return !seen.has(key) && seen.add(key)
    })
    .flat()
}

/** How many of the app's last log lines a crash quotes. */
const CRASH_LINES_QUOTED = 15

/**
 * A crash quoted by the platform's one-line verdict, completed with the app's own last lines
 * (its stack trace) from the app logs, when the platform keeps them. A failed lookup keeps the
 * crash as it was: the verdict alone still says what happened.
 */
export async function withAppLogLines(
  crash: unknown,
  lines: () => Promise<{ level: string; message: string }[]>
): Promise<unknown> {
  if (!(crash instanceof AppCrashedError)) return crash
  try {
    const logged = eachCrashOnce(
      (await lines())
        .filter(line => line.level === 'error' && typeof line.message === 'string')
        .map(line => line.message)
        .filter(message => !/^isolate start time|it restarts on the next request/.test(message))
    ).slice(-CRASH_LINES_QUOTED)
    if (!logged.length || logged.join('\n').length <= crash.appError.length) return crash
    return new AppCrashedError(
      {
        deploymentUrl: crash.deploymentUrl,
        appError: logged.join('\n'),
        hint: crash.hint,
        answers: crash.answers,
        ...(crash.verdict ? { verdict: crash.verdict } : {})
      },
      crash.deploymentId
    )
  } catch {
    return crash
  }
}

/** The build's failure with its last error lines and the repository file they point at. */
export function buildFailure(
  ctx: WaitContext,
  id: string,
  logs: LogLine[],
  headline?: string
): DeployFailedError {
  const errors = logs.filter(e => e.level === 'error')
  const shown = (errors.length ? errors : logs).slice(-ERROR_LINES_SHOWN).map(e => e.message)
  const annotation = annotationFor(shown, ctx.rootInRepo, ctx.assetPaths)
  return new DeployFailedError(id, shown, annotation, headline)
}

/**
 * A path or file URL with line and column: `file:///src/main.ts:3:7`, or a platform that already
 * wrote it relative to the deployment, `main.ts:3:7`.
 */
const LOCATION = /^(?:file:\/\/)?(\S+?):(\d+):(\d+)$/

/**
 * Pins a build error to a repository file. Deno names assets `file:///src/<path>:L:C` (or a
 * longer `file:///…/src/<path>` on other hosts, or `<path>:L:C`), where <path> is relative to root; the
 * candidate after a `/src/` that is one of the packed assets wins, and its repository path is
 * root's own path joined with it. Remote modules (https://…) never match.
 */
export function annotationFor(
  lines: string[],
  rootInRepo: string | null,
  assetPaths: ReadonlySet<string>
): Annotation {
  const annotation: Annotation = { title: 'Deployment build failed' }
  if (rootInRepo === null) return annotation
  for (const line of lines) {
    for (const token of line.split(/[\s()'"`]+/)) {
      const match = LOCATION.exec(token.replace(/[,.;]+$/, ''))
      const asset = match && assetIn(match[1], assetPaths)
      if (!match || !asset) continue
      return {
        ...annotation,
        file: path.posix.join(rootInRepo, asset),
        startLine: Number(match[2]),
        startColumn: Number(match[3])
      }
    }
  }
  return annotation
}

function assetIn(absolutePath: string, assetPaths: ReadonlySet<string>): string | null {
  if (!absolutePath.startsWith('/')) {
    const relative = safeDecode(absolutePath.replace(/^\.\//, ''))
    return assetPaths.has(relative) ? relative : null
  }
  for (
    let at = absolutePath.indexOf('/src/');
    at !== -1;
    at = absolutePath.indexOf('/src/', at + 1)
  ) {
    const candidate = safeDecode(absolutePath.slice(at + '/src/'.length))
    if (assetPaths.has(candidate)) return candidate
  }
  return null
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text)
  } catch {
    return text
  }
}

export function formatLogLine(entry: LogLine): string {
  return entry.level === 'info' ? entry.message : `[${entry.level}] ${entry.message}`
}
