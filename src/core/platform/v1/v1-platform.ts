/**
 * The Platform of the v1 API: a project of immutable deployments. Production has no timeline of
 * its own: a deployment serves its generated domain, and custom domains attached to it make it
 * production. Creating, following and probing live in deployment.ts.
 */
import type { AnalyticsTable } from '../platform.js'
import { ApiError, nullWhenMissing } from '../../http/api-errors.js'
import type { SubhostingClient } from './client.js'
import { V1_PROFILE } from './profile.js'
import type { Deployment } from './wire-types.js'
import { probeDomain, probeLive, withAppLogLines, type WaitContext } from '../../deploy/wait.js'
import {
  createDeployment,
  waitUntilLive,
  withRunMarker,
  type DeploymentContext
} from './deployment.js'
import { requestPreview, v1RequestFields } from './request-fields.js'
import {
  NotInTargetError,
  type AttachOutcome,
  type Created,
  type CreateRequest,
  type DeleteOutcome,
  type Live,
  type Platform,
  type PlatformDeployment,
  type PreviewInfo,
  type RequestPreview
} from '../platform.js'
import type { DeploySettings } from '../../settings/settings.js'
import { deploymentUrl, hostNames } from '../../deploy/url-probe.js'
import { readOnce } from '../read-once.js'

/** The marker `withRunMarker` appends to the description of every deployment of this action. */
const RUN_MARKER = /\[deploy [0-9a-f]{8}\]$/
/** The default description of a pull-request preview: `PR #12 · abc1234 [deploy …]`. */
const PR_DESCRIPTION = /^PR #(\d+) · ([0-9a-f]{7,40})\b/

/** How long the look at a crashed app's logs may take: the user is waiting for the step. */
const LOG_LOOKUP_MS = 5_000

export class V1Platform implements Platform {
  readonly profile = V1_PROFILE
  private readonly created = new Map<string, Deployment>()
  /** The project of the settings, read once. */
  private readonly theProject = readOnce(() => this.client.getProject(this.settings.projectId))

  constructor(
    private readonly settings: DeploySettings,
    private readonly client: SubhostingClient,
    private readonly wait: WaitContext
  ) {}

  async checkTarget(): Promise<string> {
    return (await this.theProject()).name
  }

  /**
   * The deployment when it is this project's; null when it does not exist. Another project's
   * (GET /deployments/{id} answers for any the token reaches) is refused by its projectId.
   */
  private async ownDeployment(id: string): Promise<Deployment | null> {
    const deployment = await nullWhenMissing(this.client.getDeployment(id))
    if (!deployment) return null
    if (deployment.projectId.toLowerCase() === this.settings.projectId.toLowerCase())
      return deployment
    const nameOf = (projectId: string): Promise<string> =>
      this.client.getProject(projectId).then(
        p => p.name,
        () => projectId
      )
    const [theirs, ours] = await Promise.all([
      nameOf(deployment.projectId),
      this.theProject().then(
        p => p.name,
        () => this.settings.projectId
      )
    ])
    throw new NotInTargetError(
      id,
      'foreign',
      `deployment ${id} belongs to project ${theirs}, not ${ours}`
    )
  }

  private async missing(id: string): Promise<NotInTargetError> {
    const project = await this.theProject()
    return new NotInTargetError(id, 'missing', `no deployment ${id} in project ${project.name}`)
  }

  requestPreview({ packed }: CreateRequest): RequestPreview {
    return {
      method: 'POST',
      url: `${this.settings.apiUrl}/projects/${this.settings.projectId}/deployments`,
      body: requestPreview(packed, this.settings)
    }
  }

  async create({ packed }: CreateRequest): Promise<Created> {
    const description = withRunMarker(this.settings.description)
    const uploaded = await createDeployment(
      this.context(),
      this.settings.projectId,
      { ...v1RequestFields(this.settings), description },
      packed.entries
    )
    this.created.set(uploaded.deployment.id, uploaded.deployment)
    return {
      deployment: fromV1(uploaded.deployment),
      description,
      filesUploaded: uploaded.filesUploaded,
      bytesUploaded: uploaded.bytesUploaded
    }
  }

  async waitUntilLive(created: Created): Promise<Live> {
    const raw =
      this.created.get(created.deployment.id) ??
      (await this.client.getDeployment(created.deployment.id))
    try {
      const live = await waitUntilLive(this.context(), raw)
      return { deployment: fromV1(live.deployment), url: live.url, buildMs: live.buildMs }
    } catch (error) {
      throw await withAppLogLines(error, () =>
        this.client.detached(LOG_LOOKUP_MS).recentAppLogs(raw.id, raw.createdAt)
      )
    }
  }

  async get(id: string): Promise<PlatformDeployment | null> {
    const deployment = await nullWhenMissing(this.client.getDeployment(id))
    return deployment && fromV1(deployment)
  }

  /** v1 has no production timeline: the preview keeps serving its own URL, now as production. */
  async promote(id: string): Promise<Live> {
    const own = await this.ownDeployment(id)
    if (!own) throw await this.missing(id)
    const deployment = fromV1(own)
    const url = deployment.domains[0] ? this.urlOf(deployment.domains[0]) : null
    if (url) await probeLive(this.wait, id, url)
    return { deployment, url, buildMs: 0 }
  }

  async attachDomains(id: string, domains: string[]): Promise<AttachOutcome> {
    const outcome: AttachOutcome = { attached: [], failures: [] }
    for (const domain of domains) {
      try {
        const answer = await this.client.attachDomain(id, domain)
        outcome.attached.push(answer.domain || domain)
      } catch (error) {
        outcome.failures.push(`${domain}: ${(error as Error).message}`)
      }
    }
    return outcome
  }

  /** A deployment serving a domain other than its own `<project>-<id>.…` was promoted: kept. */
  async delete(id: string): Promise<DeleteOutcome> {
    const deployment = await this.ownDeployment(id)
    if (!deployment) return { kind: 'gone' }
    try {
      const foreign = (deployment.domains ?? []).filter(d => !d.includes(`-${id}.`))
      if (foreign.length) return { kind: 'kept', reason: `it serves ${foreign.join(', ')}` }
      await this.client.deleteDeployment(id)
      return { kind: 'deleted' }
    } catch (error) {
      if (error instanceof ApiError && error.status === 404) return { kind: 'gone' }
      throw error
    }
  }

  /** v1 records no PR of its own; what the default description says is used (see below). */
  async previewsOf(): Promise<{ id: string; sha: string }[]> {
    return []
  }

  /** Deployments with this action's run marker whose description names a pull request. */
  async listPreviews(): Promise<PreviewInfo[]> {
    const all = await this.client.listDeployments(this.settings.projectId, {
      sort: 'created_at',
      order: 'asc',
      limit: 100
    })
    return all
      .map(d => this.previewInfo(d))
      .filter((p): p is PreviewInfo => p !== null && p.pullRequest !== null)
      .sort((a, b) => a.createdAt.localeCompare(b.createdAt))
  }

  async inspect(id: string): Promise<PreviewInfo | null> {
    const deployment = await this.ownDeployment(id)
    return deployment && this.previewInfo(deployment, true)
  }

  /** null for a deployment without this action's run marker (unless `any`). */
  private previewInfo(d: Deployment, any = false): PreviewInfo | null {
    const description = d.description ?? ''
    if (!any && !RUN_MARKER.test(description)) return null
    const pr = PR_DESCRIPTION.exec(description)
    const domains = hostNames(d.domains ?? [])
    const own = domains.filter(host => host.includes(`-${d.id}.`))
    return {
      id: d.id,
      pullRequest: pr ? Number(pr[1]) : null,
      sha: pr?.[2] ?? '',
      createdAt: d.createdAt,
      building: d.status === 'pending',
      status: d.status,
      url: (own[0] ?? domains[0]) ? this.urlOf(own[0] ?? domains[0]) : null,
      production: false,
      customDomains: domains.filter(host => !own.includes(host))
    }
  }

  /** v1 has no way to stop a build: it finishes (or fails) on the platform. */
  async cancel(): Promise<boolean> {
    return false
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

  /** The wait context (the deploy built it with the packed asset paths) plus the v1 client. */
  private context(): DeploymentContext {
    return { ...this.wait, client: this.client, apiUrl: this.settings.apiUrl }
  }
}

function fromV1(deployment: Deployment): PlatformDeployment {
  return {
    id: deployment.id,
    status: deployment.status,
    domains: hostNames(deployment.domains ?? []),
    createdAt: deployment.createdAt
  }
}
