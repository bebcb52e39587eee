/**
 * Typed client for the Subhosting v1 REST API (projects, deployments, logs, domains) on the
 * shared transport. A create is sent at most once in effect: `ApiTransport.createOnce` resends
 * only what provably never arrived and otherwise first looks for the deployment by this run's
 * description marker (lost-create.ts).
 */
import type { AnalyticsTable } from '../platform.js'
import type {
  AttachDomainResponse,
  BuildLogEntry,
  Deployment,
  ListDeploymentsQuery,
  Organization,
  Project,
  RedeployRequest
} from './wire-types.js'
import {
  ApiTransport,
  transient,
  seg,
  readJson,
  type BodyFactory,
  type TransportOptions
} from '../../http/transport.js'
import { NetworkError } from '../../http/api-errors.js'
import { readNdjson } from '../../http/ndjson.js'
import { v1HintFor } from './hints.js'
import { findCreatedSince, lookbackStart } from '../lost-create.js'

export { CLIENT_VERSION, USER_AGENT, type BodyFactory } from '../../http/transport.js'

export type ClientOptions = Omit<TransportOptions, 'hintFor'>

/** One app log line (v1 `AppLogsResponseEntry`, the fields this action reads). */
export interface AppLogLine {
  time?: string
  level: string
  message: string
}

export interface CreateOutcome {
  deployment: Deployment
  /** True when a lost response was recovered by finding our deployment in the project. */
  adopted: boolean
}

/** Names the local server's hashes-first upload support (see supportsHashesFirst). */
const HASHES_FIRST_HEADER = 'x-subhosting-hashes-first'

/** The Subhosting v1 REST API (projects and deployments). */
export class SubhostingClient {
  readonly apiUrl: string
  private readonly http: ApiTransport

  constructor(options: ClientOptions | ApiTransport) {
    this.http =
      options instanceof ApiTransport
        ? options
        : new ApiTransport({ ...options, hintFor: v1HintFor })
    this.apiUrl = this.http.apiUrl
  }

  /**
   * The same client without the run's abort signal and with a short deadline of its own: after a
   * cancel, one last lookup may still tell the user which deployment the cancelled create made.
   */
  detached(timeoutMs: number): SubhostingClient {
    return new SubhostingClient(this.http.detached(timeoutMs))
  }

  getOrganization(organizationId: string): Promise<Organization> {
    return this.http.json('GET', `/organizations/${seg(organizationId)}`)
  }

  getProject(projectId: string): Promise<Project> {
    return this.http.json('GET', `/projects/${seg(projectId)}`)
  }

  /** `GET /projects/{id}/analytics` for [since, until) (RFC 3339). */
  analytics(projectId: string, since: string, until: string): Promise<AnalyticsTable> {
    const query = new URLSearchParams({ since, until })
    return this.http.json('GET', `/projects/${seg(projectId)}/analytics?${query}`)
  }

  getDeployment(deploymentId: string): Promise<Deployment> {
    return this.http.json('GET', `/deployments/${seg(deploymentId)}`)
  }

  async deleteDeployment(deploymentId: string): Promise<void> {
    await this.http.json('DELETE', `/deployments/${seg(deploymentId)}`)
  }

  /**
   * Whether the server says a create may name contents by hash alone and lists every missing
   * one in the 400's `missingAssets` field (the local server's header on any answer). The
   * hosted API says nothing, so there every content goes inline.
   */
  supportsHashesFirst(projectId: string): Promise<boolean> {
    const path = `/projects/${seg(projectId)}`
    return this.http.call(`GET ${path}`, transient, this.http.maxAttempts, async () => {
      const res = await this.http.send('GET', path)
      return res.headers.get(HASHES_FIRST_HEADER) === 'missingAssets'
    })
  }

  /** Not idempotent (each call creates a deployment): resent only when it never left. */
  redeploy(deploymentId: string, request: RedeployRequest): Promise<Deployment> {
    const path = `/deployments/${seg(deploymentId)}/redeploy`
    return this.http.call(
      `POST ${path}`,
      error => error instanceof NetworkError && !error.bodySent,
      this.http.maxAttempts,
      () =>
        this.http.send('POST', path, { body: JSON.stringify(request) }).then(readJson<Deployment>)
    )
  }

  /** `domain` may hold the placeholders {project.name} and {deployment.id} (sent encoded). */
  attachDomain(deploymentId: string, domain: string): Promise<AttachDomainResponse> {
    return this.http.json('PUT', `/deployments/${seg(deploymentId)}/domains/${seg(domain)}`)
  }

  async detachDomain(deploymentId: string, domain: string): Promise<void> {
    await this.http.json('DELETE', `/deployments/${seg(deploymentId)}/domains/${seg(domain)}`)
  }

  /**
   * Every deployment of a project across pages (follows `Link: rel="next"`). `until` stops
   * paging early once it returns true for a page (e.g. "all older than X, newest first").
   */
  listDeployments(
    projectId: string,
    query: ListDeploymentsQuery = {},
    until?: (page: Deployment[]) => boolean
  ): Promise<Deployment[]> {
    const params = new URLSearchParams()
    for (const [key, value] of Object.entries(query)) params.set(key, String(value))
    const search = params.size ? `?${params}` : ''
    return this.http.list(`/projects/${seg(projectId)}/deployments${search}`, until)
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
    const res = await this.http.call(`GET ${path}`, transient, attempts, () =>
      this.http.send('GET', path, { accept: 'application/x-ndjson', stream: true })
    )
    if (!res.body) throw new Error(`GET ${path} returned no body`)
    return readNdjson<BuildLogEntry>(res.body)
  }

  /** The deployment's newest app log lines since `since` (past mode), oldest first. */
  async recentAppLogs(deploymentId: string, since: string, limit = 50): Promise<AppLogLine[]> {
    const query = new URLSearchParams({ since, limit: String(limit), order: 'desc' })
    const lines = await this.http.json<AppLogLine[]>(
      'GET',
      `/deployments/${seg(deploymentId)}/app_logs?${query}`
    )
    return Array.isArray(lines) ? lines.reverse() : []
  }

  /** The whole build log as a JSON array (the server answers once the build is terminal). */
  getBuildLogs(deploymentId: string): Promise<BuildLogEntry[]> {
    return this.http.json('GET', `/deployments/${seg(deploymentId)}/build_logs`)
  }

  /**
   * Creates a deployment from a streamed body, sent at most once in effect (see the top of this
   * file). `description` must be exactly the description inside the body.
   */
  async createDeployment(
    projectId: string,
    body: BodyFactory,
    description: string,
    onBodySent?: (bytes: number) => void
  ): Promise<CreateOutcome> {
    const since = lookbackStart()
    const { created, adopted } = await this.http.createOnce<Deployment>(
      `/projects/${seg(projectId)}/deployments`,
      body,
      'deployment',
      () => this.findCreated(projectId, description, since),
      onBodySent
    )
    return { deployment: created, adopted }
  }

  /** The deployment created since `since` (epoch ms) whose description is `description`. */
  findCreated(
    projectId: string,
    description: string,
    since: number
  ): Promise<Deployment | undefined> {
    return findCreatedSince(
      {
        list: done =>
          this.listDeployments(projectId, { sort: 'created_at', order: 'desc', limit: 100 }, done),
        createdAt: d => d.createdAt,
        isOurs: d => d.description === description
      },
      since
    )
  }
}

export { nextLink } from '../../http/transport.js'
