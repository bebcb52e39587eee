/**
 * The Platform of the v2 API: an app of revisions. A deploy is one streamed POST (v2 has no
 * content dedupe: every file goes inline), answered 202 with a queued revision; waiting follows
 * the `progress` snapshots while echoing `build_logs`, polls `GET /revisions/{id}` when a stream
 * breaks, then reads the host names from the revision's timelines (they may lag) and probes
 * them. A run stopped by its timeout or a cancel cancels the revision, so nothing keeps building.
 */
import { randomBytes } from 'node:crypto'
import { ApiError, nullWhenMissing } from '../../http/api-errors.js'
import { AppCrashedError, CancelledError, DeployFailedError } from '../../deploy/outcome-errors.js'
import {
  buildFailure,
  formatLogLine,
  stoppable,
  probeDomain,
  probeLive,
  rethrowStop,
  withAppLogLines,
  type WaitContext
} from '../../deploy/wait.js'
import {
  NotInTargetError,
  type AttachOutcome,
  type Created,
  type CreateRequest,
  type DeleteOutcome,
  type DeployOrigin,
  type Live,
  type Platform,
  type PlatformDeployment,
  type PreviewInfo,
  type RequestPreview,
  type Timeline
} from '../platform.js'
import { requestPreviewAssets } from '../../deploy/manifest.js'
import type { AnalyticsTable } from '../platform.js'
import { backoffDelay, sleep, type BackoffOptions } from '../../http/retry.js'
import type { DeploySettings } from '../../settings/settings.js'
import { planUpload } from '../../http/upload-body.js'
import { crashHint, deploymentUrl, hostNames } from '../../deploy/url-probe.js'
import { RUN_LABEL, type V2Client } from './client.js'
import { V2_PROFILE } from './profile.js'
import { LOOKUP_AFTER_CANCEL_MS, lookbackStart } from '../lost-create.js'
import {
  COMMIT_LABEL,
  PULL_REQUEST_LABEL,
  previewDomainsFor,
  previewDomainsLeftOut,
  v2DeployFields,
  v2Options
} from './request-fields.js'
import type { Revision, RevisionProgress, V2BuildLogEntry } from './wire-types.js'
import { inputName } from '../../text/wording.js'
import { readOnce } from '../read-once.js'

const POLL_BACKOFF: BackoffOptions = { baseMs: 1_000, capMs: 5_000 }
/** Timelines are eventually consistent: how long a succeeded revision may lack host names. */
const TIMELINE_LAG_MS = 30_000
/** After the build is over, how long the log stream may take to deliver its last lines. */
const LOG_TAIL_MS = 2_000
/** Short: after a SIGTERM the runner kills the step a few seconds later. */
const CLEANUP_MS = 3_000
const STAGES = ['queued', 'preparing', 'installing', 'building', 'deploying'] as const

export class V2Platform implements Platform {
  readonly profile = V2_PROFILE
  /** The app of the settings, read once (the project may be its slug or its ID). */
  private readonly theApp = readOnce(() => this.client.getApp(this.settings.projectId))
  /** Revisions known to be this app's: created by this run or seen in its own listing. */
  private readonly ownIds = new Set<string>()

  constructor(
    private readonly settings: DeploySettings,
    private readonly client: V2Client,
    private readonly wait: WaitContext
  ) {}

  async checkTarget(): Promise<string> {
    return (await this.theApp()).slug
  }

  /**
   * The revision when it is this app's; null when it does not exist (or was deleted). Another
   * app's revision (GET /revisions/{id} answers for any the token reaches) is refused: a revision
   * names no app, so it must be in the app's own list of revisions.
   */
  private async ownRevision(id: string): Promise<Revision | null> {
    const revision = await nullWhenMissing(this.client.getRevision(id))
    if (!revision || revision.deleted_at) return null
    if (this.ownIds.has(id)) return revision
    const app = await this.theApp()
    const listed = await this.client.listRevisions(this.settings.projectId, page =>
      page.some(r => r.id === id)
    )
    for (const r of listed) this.ownIds.add(r.id)
    if (this.ownIds.has(id)) return revision
    const owner = await this.ownerOf(id)
    throw new NotInTargetError(
      id,
      'foreign',
      owner
        ? `revision ${id} belongs to app ${owner}, not ${app.slug}`
        : `revision ${id} belongs to another app, not ${app.slug}`
    )
  }

  /** The slug of the app a revision serves in, when its timelines say (best effort). */
  private async ownerOf(id: string): Promise<string | null> {
    const timelines = await this.client.timelines(id).catch(() => [])
    return timelines.map(t => t.app?.slug).find((slug): slug is string => Boolean(slug)) ?? null
  }

  private async missing(id: string): Promise<NotInTargetError> {
    const app = await this.theApp()
    return new NotInTargetError(id, 'missing', `no revision ${id} in app ${app.slug}`)
  }

  requestPreview({ packed, timeline, origin }: CreateRequest): RequestPreview {
    const fields = v2DeployFields(this.settings, origin, timeline, '<run marker>')
    const env_vars = fields.env_vars.map(({ key }) => ({ key, value: '***' }))
    return {
      method: 'POST',
      url: `${this.settings.apiUrl}/apps/${this.settings.projectId}/deploy`,
      body: { ...fields, env_vars, assets: requestPreviewAssets(packed) }
    }
  }

  async create({ packed, timeline, origin }: CreateRequest): Promise<Created> {
    const marker = randomBytes(4).toString('hex')
    const fields = v2DeployFields(this.settings, origin, timeline, marker)
    if (timeline === 'preview') this.warnLeftOut(origin)
    const plan = planUpload(fields, packed.entries, () => true)
    this.wait.reporter.info(`Uploading ${plan.filesInline} file(s) (${plan.bytesInline} bytes).`)
    const started = Date.now()
    let sent = 0
    try {
      const { revision } = await stoppable(this.wait, null, 'creating', () =>
        this.client.deploy(this.settings.projectId, plan.body, marker, bytes => (sent += bytes))
      )
      this.ownIds.add(revision.id)
      return {
        deployment: fromRevision(revision),
        description: this.settings.description,
        filesUploaded: plan.filesInline,
        bytesUploaded: sent
      }
    } catch (error) {
      if (error instanceof CancelledError && !error.deploymentId)
        throw await this.namedCancel(marker, started, error)
      throw error
    }
  }

  async waitUntilLive(created: Created, timeline: Timeline): Promise<Live> {
    const id = created.deployment.id
    const started = Date.now()
    const { revision, logs } = await this.wait.reporter.group(`Build logs (revision ${id})`, () =>
      this.follow(id)
    )
    const buildMs = Date.now() - started
    try {
      if (revision.status !== 'succeeded') throw revisionFailure(this.wait, revision, logs)
      const url = await this.liveUrl(id, timeline)
      return { deployment: fromRevision(await this.client.getRevision(id)), url, buildMs }
    } catch (error) {
      throw await withAppLogLines(error, () =>
        this.client
          .detached(CLEANUP_MS)
          .recentLogs(this.settings.projectId, id, revision.created_at)
      )
    }
  }

  async get(id: string): Promise<PlatformDeployment | null> {
    const revision = await nullWhenMissing(this.client.getRevision(id))
    return revision && fromRevision(revision)
  }

  /** Pins the built revision to production (no rebuild) and waits until production serves it. */
  async promote(id: string): Promise<Live> {
    if (!(await this.ownRevision(id))) throw await this.missing(id)
    await stoppable(this.wait, id, 'promoting', () => this.client.promote(id))
    const url = await this.liveUrl(id, 'production')
    return { deployment: fromRevision(await this.client.getRevision(id)), url, buildMs: 0 }
  }

  /** One idempotent PUT binds every domain to the production timeline of the revision. */
  async attachDomains(id: string, domains: string[]): Promise<AttachOutcome> {
    try {
      await this.client.bindDomains(id, { production: domains })
    } catch (error) {
      return { attached: [], failures: [`${domains.join(', ')}: ${(error as Error).message}`] }
    }
    return { attached: await this.resolvedHosts(id, 'production', domains), failures: [] }
  }

  /**
   * The host names the platform reports for `domains` (placeholders resolved), in their order;
   * a name it does not list within the timeline lag stays as the platform would resolve it.
   */
  private async resolvedHosts(
    id: string,
    timeline: Timeline,
    domains: string[]
  ): Promise<string[]> {
    if (!domains.some(d => d.includes('{'))) return domains
    const until = Math.min(this.wait.deadline, Date.now() + TIMELINE_LAG_MS)
    for (let attempt = 0; ; attempt++) {
      const hosts = await this.timelineHostsOf(id, timeline)
      const found = domains.map(d => hosts.find(h => templatePattern(d).test(h)))
      if (found.every(Boolean)) return found as string[]
      const delay = backoffDelay(attempt, { baseMs: 500, capMs: 3_000 })
      if (Date.now() + delay > until) {
        const missing = domains.filter((_, i) => !found[i])
        this.wait.reporter.warning(
          `The platform lists no host name for ${missing.join(', ')} on revision ${id} yet.`
        )
        return found.filter((h): h is string => Boolean(h))
      }
      await stoppable(this.wait, id, 'succeeded', () => sleep(delay, this.wait.signal))
    }
  }

  private async timelineHostsOf(id: string, timeline: Timeline): Promise<string[]> {
    const hosts = timelineHosts(await this.client.getRevision(id), timeline)
    if (hosts.length) return hosts
    const listed = await this.client.timelines(id).catch(() => [])
    return listed
      .filter(t => matchesTimeline(contextOf(t), timeline))
      .flatMap(t => hostNames((t.domains ?? []).map(d => d.domain)))
  }

  async delete(id: string): Promise<DeleteOutcome> {
    if (!(await this.ownRevision(id))) return { kind: 'gone' }
    try {
      await this.unbindPreviewDomains(id)
      await this.client.deleteRevision(id)
      return { kind: 'deleted' }
    } catch (error) {
      if (!(error instanceof ApiError)) throw error
      if (error.status === 404) return { kind: 'gone' }
      if (error.status === 409) return { kind: 'kept', reason: error.serverMessage }
      throw error
    }
  }

  /**
   * Removes this run's preview-domains from a preview revision, so it goes with the preview:
   * the names its preview timeline lists that match one, and the ones its labels expand to.
   * Production bindings are never touched. A name that is not bound (404) is skipped.
   */
  private async unbindPreviewDomains(id: string): Promise<void> {
    const templates = v2Options(this.settings).previewDomains
    if (!templates.length) return
    const revision = await nullWhenMissing(this.client.getRevision(id))
    if (!revision) return
    const origin = {
      commit: null,
      ref: revision.labels?.['custom.git_ref'] ?? null,
      pullRequest: Number(revision.labels?.[PULL_REQUEST_LABEL]) || null
    }
    const expanded = previewDomainsFor(v2Options(this.settings), origin).map(d =>
      d.replace('{deno.revision.id}', id).replace('{deno.app.slug}', this.settings.projectId)
    )
    const listed = timelineHosts(revision, 'preview').filter(h =>
      templates.some(t => templatePattern(t).test(h))
    )
    for (const host of new Set([...listed, ...expanded.filter(d => !d.includes('{'))])) {
      try {
        await this.client.unbindDomain(id, host)
        this.wait.reporter.info(`Unbound ${host} from preview revision ${id}.`)
      } catch (error) {
        if (!(error instanceof ApiError) || error.status !== 404) throw error
      }
    }
  }

  /** Revisions carrying this action's run label and the PR's label, not yet deleted. */
  async previewsOf(pr: number): Promise<{ id: string; sha: string }[]> {
    const revisions = await this.client.listRevisions(this.settings.projectId)
    for (const r of revisions) this.ownIds.add(r.id)
    return revisions
      .filter(
        r => r.labels?.[RUN_LABEL] && r.labels[PULL_REQUEST_LABEL] === String(pr) && !r.deleted_at
      )
      .map(r => ({ id: r.id, sha: r.labels?.[COMMIT_LABEL] ?? '' }))
  }

  /** Revisions with this action's run label and a PR label, each read for its timelines. */
  async listPreviews(): Promise<PreviewInfo[]> {
    const revisions = await this.client.listRevisions(this.settings.projectId)
    for (const r of revisions) this.ownIds.add(r.id)
    const ours = revisions.filter(
      r => r.labels?.[RUN_LABEL] && r.labels[PULL_REQUEST_LABEL] && !r.deleted_at
    )
    const found = await Promise.all(ours.map(r => this.inspect(r.id)))
    return found
      .filter((p): p is PreviewInfo => p !== null)
      .sort((a, b) => a.createdAt.localeCompare(b.createdAt))
  }

  async inspect(id: string): Promise<PreviewInfo | null> {
    const revision = await this.ownRevision(id)
    if (!revision) return null
    const pr = Number(revision.labels?.[PULL_REQUEST_LABEL] ?? '')
    const production = (revision.timelines ?? []).some(t =>
      matchesTimeline(`${t.name} ${t.context ?? ''}`, 'production')
    )
    const preview = timelineHosts(revision, 'preview')
    const status = fromRevision(revision).status
    return {
      id,
      pullRequest: Number.isInteger(pr) && pr > 0 ? pr : null,
      sha: revision.labels?.[COMMIT_LABEL] ?? '',
      createdAt: revision.created_at,
      building: revision.status === 'queued' || revision.status === 'building',
      status,
      url: preview[0] ? this.urlOf(preview[0]) : null,
      production,
      customDomains: preview.filter(host => !host.includes(id))
    }
  }

  async cancel(id: string): Promise<boolean> {
    try {
      await this.client.afterDeadline(CLEANUP_MS).cancel(id)
      return true
    } catch (error) {
      this.wait.reporter.warning(`Could not cancel revision ${id}: ${(error as Error).message}`)
      return false
    }
  }

  urlOf(domain: string): string {
    return deploymentUrl(this.settings.apiUrl, domain)
  }

  waitForDomain(id: string, domain: string): Promise<string> {
    return probeDomain(this.wait, id, this.settings.apiUrl, domain)
  }

  analytics(since: string, until: string): Promise<AnalyticsTable> {
    return this.client.analytics(this.settings.projectId, since, until)
  }

  /** The build until terminal: progress drives, logs are echoed, polling covers broken streams. */
  private async follow(id: string): Promise<{ revision: Revision; logs: V2BuildLogEntry[] }> {
    const logs: V2BuildLogEntry[] = []
    const stopLogs = new AbortController()
    const echo = this.echoLogs(id, logs, stopLogs.signal)
    try {
      const progress = await stoppable(this.wait, id, 'queued', () =>
        this.client.progress(id, this.wait.signal)
      )
      await this.reportStages(progress)
    } catch (error) {
      rethrowStop(this.wait, id, 'building', error)
      this.wait.reporter.info(
        `The progress stream broke (${(error as Error).message}); polling the revision instead.`
      )
    }
    const revision = await this.pollUntilTerminal(id)
    let tail: NodeJS.Timeout | undefined
    await Promise.race([echo, new Promise(resolve => (tail = setTimeout(resolve, LOG_TAIL_MS)))])
    clearTimeout(tail)
    stopLogs.abort()
    await echo
    return { revision, logs }
  }

  /** Logs each stage as it changes ("installing: running"), from complete snapshots. */
  private async reportStages(progress: AsyncIterable<RevisionProgress>): Promise<void> {
    const seen = new Map<string, string>()
    for await (const snapshot of progress) {
      for (const stage of STAGES) {
        const status = snapshot?.[stage]?.status
        if (!status || status === 'pending' || seen.get(stage) === status) continue
        seen.set(stage, status)
        this.wait.reporter.info(`Stage ${stage}: ${status}`)
      }
    }
  }

  /** Echoes build log lines until the stream ends or `stop` fires; never throws. */
  private async echoLogs(id: string, logs: V2BuildLogEntry[], stop: AbortSignal): Promise<void> {
    try {
      for await (const entry of await this.client.buildLogs(id, stop)) {
        if (typeof entry?.message !== 'string') continue
        logs.push(entry)
        this.wait.reporter.info(formatLogLine(entry))
      }
    } catch (error) {
      if (!stop.aborted && !this.wait.signal?.aborted)
        this.wait.reporter.debug(`Build log stream ended: ${(error as Error).message}`)
    }
  }

  private async pollUntilTerminal(id: string): Promise<Revision> {
    let current: Revision | undefined
    const state = (): string => current?.status ?? 'queued'
    for (let attempt = 0; ; attempt++) {
      current = await stoppable(this.wait, id, state, () => this.client.getRevision(id))
      if (!['queued', 'building'].includes(current.status)) return current
      const delay = backoffDelay(attempt, POLL_BACKOFF)
      await stoppable(this.wait, id, state, () =>
        sleep(delay, this.wait.signal, this.wait.deadline)
      )
    }
  }

  /** The first host name of the timeline, once the revision lists it; probed until it serves. */
  private async liveUrl(id: string, timeline: Timeline): Promise<string | null> {
    const hosts = await this.hostnames(id, timeline)
    if (!hosts.length) {
      this.wait.reporter.warning(
        `Revision ${id} succeeded but lists no ${timeline} host name after ` +
          `${TIMELINE_LAG_MS / 1000} s; the outputs carry no URL.`
      )
      return null
    }
    const url = this.urlOf(firstBound(hosts, this.boundPreviewNames(timeline)))
    await probeLive(this.wait, id, url)
    return url
  }

  /** The preview-domains of this run as templates (preview timeline only). */
  private boundPreviewNames(timeline: Timeline): string[] {
    return timeline === 'preview' ? v2Options(this.settings).previewDomains : []
  }

  private async hostnames(id: string, timeline: Timeline): Promise<string[]> {
    const until = Math.min(this.wait.deadline, Date.now() + TIMELINE_LAG_MS)
    for (let attempt = 0; ; attempt++) {
      const revision = await stoppable(this.wait, id, 'succeeded', () =>
        this.client.getRevision(id)
      )
      const hosts = timelineHosts(revision, timeline)
      if (hosts.length) return hosts
      const listed = await this.client.timelines(id).catch(() => [])
      const fromList = listed
        .filter(t => matchesTimeline(contextOf(t), timeline))
        .flatMap(t => hostNames((t.domains ?? []).map(d => d.domain)))
      if (fromList.length) return fromList
      const delay = backoffDelay(attempt, { baseMs: 500, capMs: 3_000 })
      if (Date.now() + delay > until) return []
      await stoppable(this.wait, id, 'succeeded', () => sleep(delay, this.wait.signal))
    }
  }

  /** Says which preview host names this deploy could not fill, instead of dropping them quietly. */
  private warnLeftOut(origin: DeployOrigin): void {
    for (const domain of previewDomainsLeftOut(v2Options(this.settings), origin)) {
      const missing = origin.pullRequest === null && domain.includes('{pr}')
      this.wait.reporter.warning(
        `Preview domain ${domain} left out: ` +
          (missing
            ? `this deploy is for no pull request, so {pr} has no value (give ${inputName('pull-request')}).`
            : 'this deploy has no branch, so {branch} has no value.')
      )
    }
  }

  /** A cancel during the POST: one short look for the revision it may have created anyway. */
  private async namedCancel(
    marker: string,
    since: number,
    cancel: CancelledError
  ): Promise<CancelledError> {
    try {
      const found = await this.client
        .detached(LOOKUP_AFTER_CANCEL_MS)
        .findByMarker(this.settings.projectId, marker, lookbackStart(since))
      if (!found) return cancel
      const cancelled = await this.cancel(found.id)
      return new CancelledError(
        found.id,
        `${found.status} (created just before the cancel${cancelled ? '; cancelled on the platform' : ''})`
      )
    } catch {
      return cancel
    }
  }
}

function fromRevision(revision: Revision): PlatformDeployment {
  const status =
    revision.status === 'succeeded'
      ? 'success'
      : revision.status === 'queued' || revision.status === 'building'
        ? 'pending'
        : 'failed'
  const domains = hostNames((revision.timelines ?? []).flatMap(t => t.hostnames ?? []))
  return { id: revision.id, status, domains: [...new Set(domains)], createdAt: revision.created_at }
}

/** A host name with `{...}` placeholders (or `{pr}` already expanded) as a pattern. */
function templatePattern(domain: string): RegExp {
  const parts = domain.split(/\{[^}]*\}/).map(p => p.replace(/[.*+?^$()|[\]\\]/g, '\\$&'))
  return new RegExp(`^${parts.join('[a-z0-9-]+')}$`, 'i')
}

/** The first host that one of `bound` names (the comment links it first), else the first. */
function firstBound(hosts: string[], bound: string[]): string {
  for (const template of bound) {
    const host = hosts.find(h =>
      templatePattern(template.replace(/\{(pr|branch)\}/g, '{x}')).test(h)
    )
    if (host) return host
  }
  return hosts[0]
}

function timelineHosts(revision: Revision, timeline: Timeline): string[] {
  return hostNames(
    (revision.timelines ?? [])
      .filter(t => matchesTimeline(`${t.name} ${t.context ?? ''}`, timeline))
      .flatMap(t => t.hostnames ?? [])
  )
}

function contextOf(item: { slug?: string; context?: { slug?: string } | string }): string {
  const context = typeof item.context === 'string' ? item.context : item.context?.slug
  return `${item.slug ?? ''} ${context ?? ''}`
}

function matchesTimeline(text: string, timeline: Timeline): boolean {
  return new RegExp(`\\b${timeline}\\b`, 'i').test(text)
}

/** Why a revision did not succeed, as an error that says what to fix. */
function revisionFailure(ctx: WaitContext, revision: Revision, logs: V2BuildLogEntry[]): Error {
  const id = revision.id
  const detail = revision.failure_detail
  if (revision.failure_reason === 'cancelled')
    return new CancelledError(id, 'cancelled on the platform (by a user or a newer deploy)')
  if (detail?.message || detail?.code === 'boot_failed') {
    const appError = detail.message ?? 'the app did not start'
    return new AppCrashedError(
      {
        deploymentUrl: '',
        appError,
        hint: v2CrashHint(appError),
        answers: 0,
        verdict: `the platform's boot check failed (${detail.stage ?? 'warmup'}: ${detail.code ?? 'boot_failed'})`
      },
      id
    )
  }
  if (revision.failure_reason === 'timed_out')
    return buildFailure(
      ctx,
      id,
      logs,
      `Revision ${id} timed out on the platform while building; make the install and build ` +
        'commands faster, or build in the workflow and deploy the output'
    )
  if (revision.status === 'skipped' || revision.failure_reason === 'skipped')
    return new DeployFailedError(id, [], undefined, `Revision ${id} was skipped by the platform`)
  return buildFailure(ctx, id, logs, `Revision ${id} failed to build`)
}

/** The v2 fix for a start-up crash: v2 has no `database-id`; databases belong to the app. */
function v2CrashHint(appError: string): string {
  if (/openKv|\bKV\b/.test(appError))
    return 'The app opens a KV database: attach one to the app in the Deno Deploy dashboard.'
  return (
    crashHint(appError) ??
    `The app did not start; if it reads configuration, pass it with ${inputName('env-vars')}, ` +
      'and run the app locally to see the error.'
  )
}
