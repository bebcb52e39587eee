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

export { CLIENT_VERSION, USER_AGENT, type BodyFactory } from '../../http/transport.js'

export type ClientOptions = Omit<TransportOptions, 'platform'>

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

/** Clock skew allowed between us and the server when looking for a deployment we created. */
export const RECONCILE_SKEW_MS = 10 * 60_000

/** The Subhosting v1 REST API (projects and deployments). */
export class SubhostingClient {
  readonly apiUrl: string
  private readonly http: ApiTransport

  constructor(options: ClientOptions | ApiTransport) {
    this.http =
      options instanceof ApiTransport ? options : new ApiTransport({ ...options, platform: 'v1' })
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
   * Creates a deployment from a streamed body, applying the no-duplicate rule documented at
   * the top of this file. `description` must be exactly the description inside the body.
   */
  async createDeployment(
    projectId: string,
    body: BodyFactory,
    description: string,
    onBodySent?: (bytes: number) => void
  ): Promise<CreateOutcome> {
    const since = Date.now() - RECONCILE_SKEW_MS
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
}

export { nextLink } from '../../http/transport.js'
