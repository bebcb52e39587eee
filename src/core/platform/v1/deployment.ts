/**
 * The life of one deployment: create (upload) → follow the build → probe the URL → live.
 * Every wait is bounded by the deadline (the `timeout` input) and the AbortSignal; both end in
 * an error that names the deployment and its last state.
 *
 * Upload rule (hashes first, only where the server says so): when the API answers with the
 * hashes-first header (the local server does), the first create sends every file as
 * `{kind:'file', gitSha1}`; the server answers 400 `missingAssets` whose `missingAssets` field
 * lists every hash it lacks, and the second create inlines exactly those, so re-deploying
 * unchanged files uploads nothing. A 400 never creates a deployment, so this is safe. Two
 * creates at most: when the answer has no readable list, everything goes inline at once. The
 * hosted v1 API's behaviour for unknown hashes is unconfirmed (it might create a deployment that
 * then fails) and it sends no such header, so there every file is sent inline from the start.
 *
 * Duplicate avoidance for the create POST itself is documented in api-client.ts; its
 * description match relies on the run marker added by `withRunMarker`.
 */
import { randomBytes } from 'node:crypto'
import type { SubhostingClient } from './client.js'
import { LOOKUP_AFTER_CANCEL_MS, lookbackStart } from '../lost-create.js'
import { ApiError, describeCause } from '../../http/api-errors.js'
import { CancelledError } from '../../deploy/outcome-errors.js'
import type { BuildLogEntry, CreateDeploymentFields, Deployment } from './wire-types.js'
import {
  buildFailure,
  formatLogLine,
  stoppable,
  probeLive,
  rethrowStop,
  type WaitContext
} from '../../deploy/wait.js'
import { MAX_DESCRIPTION_LENGTH } from '../../pack/limits.js'
import type { PackEntry } from '../../pack/pack.js'
import { backoffDelay, sleep, type BackoffOptions } from '../../http/retry.js'
import { planUpload } from '../../http/upload-body.js'
import { deploymentUrl, hostNames } from '../../deploy/url-probe.js'

const POLL_BACKOFF: BackoffOptions = { baseMs: 1_000, capMs: 5_000 }

export interface DeploymentContext extends WaitContext {
  client: SubhostingClient
  apiUrl: string
}

/** Appends a random marker so the description identifies this run's create request. */
export function withRunMarker(
  description: string,
  marker = randomBytes(4).toString('hex')
): string {
  const suffix = `${description ? ' ' : ''}[deploy ${marker}]`
  return description.slice(0, MAX_DESCRIPTION_LENGTH - suffix.length) + suffix
}

export interface Uploaded {
  deployment: Deployment
  filesUploaded: number
  bytesUploaded: number
}

/** Creates the deployment (hashes first where supported, see above). */
export async function createDeployment(
  ctx: DeploymentContext,
  projectId: string,
  fields: CreateDeploymentFields & { description: string },
  entries: PackEntry[]
): Promise<Uploaded> {
  const hashesFirst = await stoppable(ctx, null, 'creating', () =>
    ctx.client.supportsHashesFirst(projectId)
  )
  let missing: Set<string> | 'all' = hashesFirst ? new Set() : 'all'
  // Every attempt's body counts: the hashes-only request and the resend after missingAssets.
  let sent = 0
  const countSent = (bytes: number) => (sent += bytes)
  for (;;) {
    const want = missing
    const plan = planUpload(fields, entries, file => want === 'all' || want.has(file.gitSha1))
    const byHash = countFiles(entries) - plan.filesInline
    ctx.reporter.info(
      plan.filesInline === 0 && byHash > 0
        ? `Sending ${byHash} file hash(es) first; the server names the contents it lacks.`
        : `Uploading ${plan.filesInline} file(s) (${plan.bytesInline} bytes)` +
            (byHash ? `; ${byHash} unchanged file(s) by hash.` : '.')
    )
    const attemptStarted = Date.now()
    try {
      const { deployment, adopted } = await stoppable(ctx, null, 'creating', () =>
        ctx.client.createDeployment(projectId, plan.body, fields.description, countSent)
      )
      if (adopted) ctx.reporter.info(`Recovered deployment ${deployment.id} after a lost response.`)
      return { deployment, filesUploaded: plan.filesInline, bytesUploaded: sent }
    } catch (error) {
      if (error instanceof CancelledError && !error.deploymentId) {
        throw await namedCancel(ctx, projectId, fields.description, attemptStarted, error)
      }
      if (!(error instanceof ApiError && error.code === 'missingAssets') || want === 'all')
        throw error
      // The first answer's list is complete; should the second create still miss some (a
      // content removed meanwhile), everything goes inline rather than another round.
      missing = want.size === 0 ? (missingList(error.body, entries) ?? 'all') : 'all'
      ctx.reporter.info(
        missing === 'all'
          ? 'The server lacks some file contents; sending every file inline.'
          : `The server lacks ${missing.size} file content(s); sending those inline.`
      )
    }
  }
}

/**
 * The hashes the server's 400 lists in its `missingAssets` field, when that is a list of ours
 * (anything else, e.g. a list naming hashes we never sent, means: send everything).
 */
function missingList(
  body: Record<string, unknown> | null,
  entries: PackEntry[]
): Set<string> | null {
  const listed = body?.missingAssets
  if (!Array.isArray(listed) || listed.length === 0) return null
  const ours = new Set(entries.flatMap(e => (e.kind === 'file' ? [e.gitSha1] : [])))
  return listed.every(h => typeof h === 'string' && ours.has(h))
    ? new Set(listed as string[])
    : null
}

/**
 * A cancel can land after the server took the create request but before its answer came back.
 * One short lookup by this run's description marker then names the deployment, so the user
 * knows what was left building; when it finds nothing (or fails), the plain cancel stands.
 */
async function namedCancel(
  ctx: DeploymentContext,
  projectId: string,
  description: string,
  since: number,
  cancel: CancelledError
): Promise<CancelledError> {
  try {
    const found = await ctx.client
      .detached(LOOKUP_AFTER_CANCEL_MS)
      .findCreated(projectId, description, lookbackStart(since))
    return found
      ? new CancelledError(found.id, `${found.status} (created just before the cancel)`)
      : cancel
  } catch {
    return cancel
  }
}

/** A v1 deployment that serves, in the v1 wire shape (the Platform maps it to `Live`). */
export interface V1Live {
  deployment: Deployment
  /** null when the deployment has no domain. */
  url: string | null
  /** Build time: from the create answer to the terminal state. */
  buildMs: number
}

/**
 * Follows the build until it is terminal (NDJSON log stream, polling when the stream breaks),
 * then probes the URL until it answers below 500. Throws DeployFailedError,
 * DeployTimeoutError or CancelledError.
 */
export async function waitUntilLive(ctx: DeploymentContext, created: Deployment): Promise<V1Live> {
  const id = created.id
  const started = Date.now()
  const { deployment, logs } = await ctx.reporter.group(`Build logs (deployment ${id})`, () =>
    followBuild(ctx, created)
  )
  const buildMs = Date.now() - started
  if (deployment.status === 'failed') throw buildFailure(ctx, id, logs)

  const [domain] = hostNames(deployment.domains ?? [])
  if (!domain) {
    ctx.reporter.info(`Deployment ${id} is live but has no domain attached.`)
    return { deployment, url: null, buildMs }
  }
  const url = deploymentUrl(ctx.apiUrl, domain)
  await probeLive(ctx, id, url)
  return { deployment, url, buildMs }
}

async function followBuild(
  ctx: DeploymentContext,
  created: Deployment
): Promise<{ deployment: Deployment; logs: BuildLogEntry[] }> {
  const id = created.id
  const logs: BuildLogEntry[] = []
  let complete = false
  const state = (): string => `pending (building, ${logs.length} log line(s) so far)`
  try {
    const stream = await stoppable(ctx, id, state, () => ctx.client.streamBuildLogs(id))
    for await (const entry of stream) {
      if (typeof entry?.message !== 'string') continue // keep-alives and unknown events
      logs.push(entry)
      ctx.reporter.info(formatLogLine(entry))
    }
    complete = true
  } catch (error) {
    rethrowStop(ctx, id, state(), error)
    ctx.reporter.info(
      `The build log stream broke (${describeCause(error)}); ` +
        'polling the deployment status instead.'
    )
  }
  const deployment = await pollUntilTerminal(ctx, created)
  if (deployment.status === 'failed' && !complete) {
    // The stream broke: fetch the whole log once and show what we missed.
    const all = await stoppable(ctx, id, 'failed', () => ctx.client.getBuildLogs(id)).catch(
      error => {
        rethrowStop(ctx, id, 'failed', error)
        ctx.reporter.warning(`Could not fetch the build log: ${(error as Error).message}`)
        return logs
      }
    )
    for (const entry of all.slice(logs.length)) ctx.reporter.info(formatLogLine(entry))
    return { deployment, logs: all }
  }
  return { deployment, logs }
}

async function pollUntilTerminal(ctx: DeploymentContext, created: Deployment): Promise<Deployment> {
  let current = created
  const state = (): string => `${current.status} (polling)`
  for (let attempt = 0; ; attempt++) {
    current = await stoppable(ctx, created.id, state, () => ctx.client.getDeployment(created.id))
    if (current.status !== 'pending') return current
    const delay = backoffDelay(attempt, POLL_BACKOFF)
    await stoppable(ctx, created.id, state, () => sleep(delay, ctx.signal, ctx.deadline))
  }
}

function countFiles(entries: PackEntry[]): number {
  return entries.filter(e => e.kind === 'file').length
}
