/**
 * Typed client for the Subhosting v2 REST API (apps, revisions, timelines) on the shared
 * transport. Paths are relative to the base URL, which is `…/v2` (api.deno.com) or `…/api/v2`
 * (console.deno.com); `Link` URLs are followed as given, absolute or not.
 *
 * A deploy is sent at most once in effect: the POST goes through ApiTransport.createOnce, and a
 * lost answer is found again by this run's marker label (lost-create.ts).
 */
import { seg, transient, type ApiTransport, type BodyFactory } from '../../http/transport.js'
import { readJsonStream } from '../../http/ndjson.js'
import { findCreatedSince, lookbackStart } from '../lost-create.js'
import type { AnalyticsTable } from '../platform.js'
import type {
  App,
  RuntimeLog,
  Revision,
  RevisionDomains,
  RevisionProgress,
  TimelineListItem,
  V2BuildLogEntry
} from './wire-types.js'

/** The label that carries a run's marker, so a lost deploy answer is found again. */
export const RUN_LABEL = 'custom.deploy_run'
const STREAM_ACCEPT = 'application/x-ndjson, text/event-stream;q=0.5'

export interface DeployOutcome {
  revision: Revision
  /** True when a lost response was recovered by finding our revision in the app. */
  adopted: boolean
}

export class V2Client {
  constructor(readonly http: ApiTransport) {}

  /** The same client without the run's signal and with a short deadline of its own. */
  detached(timeoutMs: number): V2Client {
    return new V2Client(this.http.detached(timeoutMs))
  }

  /** For clean-up after the run's own deadline passed (cancelling a build left running). */
  afterDeadline(timeoutMs: number): V2Client {
    return new V2Client(this.http.afterDeadline(timeoutMs))
  }

  getApp(app: string): Promise<App> {
    return this.http.json('GET', `/apps/${seg(app)}`)
  }

  getRevision(id: string): Promise<Revision> {
    return this.http.json('GET', `/revisions/${seg(id)}`)
  }

  timelines(id: string): Promise<TimelineListItem[]> {
    return this.http.json('GET', `/revisions/${seg(id)}/timelines`)
  }

  /** The revision's newest runtime log lines since `start`, oldest first. */
  async recentLogs(
    app: string,
    revisionId: string,
    start: string,
    limit = 50
  ): Promise<RuntimeLog[]> {
    const query = new URLSearchParams({
      start,
      end: new Date().toISOString(),
      revision_id: revisionId,
      limit: String(limit)
    })
    const page = await this.http.json<{ logs?: RuntimeLog[] }>(
      'GET',
      `/apps/${seg(app)}/logs?${query}`
    )
    return Array.isArray(page?.logs) ? page.logs : []
  }

  cancel(id: string): Promise<Revision> {
    return this.http.json('POST', `/revisions/${seg(id)}/cancel`)
  }

  async promote(id: string): Promise<void> {
    await this.http.json('POST', `/revisions/${seg(id)}/promote`)
  }

  async deleteRevision(id: string): Promise<void> {
    await this.http.json('DELETE', `/revisions/${seg(id)}`)
  }

  /** Idempotent: binds the host names to the revision (placeholders in the first label). */
  async bindDomains(id: string, domains: RevisionDomains): Promise<void> {
    await this.http.json('PUT', `/revisions/${seg(id)}/domains`, domains)
  }

  /** Detaches one host name from the revision (404 when it is not bound). */
  async unbindDomain(id: string, host: string): Promise<void> {
    await this.http.json('DELETE', `/revisions/${seg(id)}/domains/${seg(host)}`)
  }

  /** `GET /apps/{app}/analytics` for [since, until) (RFC 3339). */
  analytics(app: string, since: string, until: string): Promise<AnalyticsTable> {
    const query = new URLSearchParams({ since, until })
    return this.http.json('GET', `/apps/${seg(app)}/analytics?${query}`)
  }

  /** Revisions of an app, newest first, until `until` says a page is old enough. */
  listRevisions(app: string, until?: (page: Revision[]) => boolean): Promise<Revision[]> {
    return this.http.list(`/apps/${seg(app)}/revisions?limit=100`, until)
  }

  /** RevisionProgress snapshots until the revision is terminal (JSON Lines or SSE). */
  progress(id: string, signal?: AbortSignal): Promise<AsyncGenerator<RevisionProgress>> {
    return this.stream<RevisionProgress>(`/revisions/${seg(id)}/progress`, signal)
  }

  /** Build log entries as they come, until the build is over (JSON Lines or SSE). */
  buildLogs(id: string, signal?: AbortSignal): Promise<AsyncGenerator<V2BuildLogEntry>> {
    return this.stream<V2BuildLogEntry>(`/revisions/${seg(id)}/build_logs`, signal)
  }

  /**
   * Deploys from a streamed body, sent at most once in effect (see the top of this file). `marker` must be the value of RUN_LABEL inside the body.
   */
  async deploy(
    app: string,
    body: BodyFactory,
    marker: string,
    onBodySent?: (bytes: number) => void
  ): Promise<DeployOutcome> {
    const since = lookbackStart()
    const { created, adopted } = await this.http.createOnce<Revision>(
      `/apps/${seg(app)}/deploy`,
      body,
      'revision',
      () => this.findByMarker(app, marker, since),
      onBodySent
    )
    return { revision: created, adopted }
  }

  /** The revision created since `since` (epoch ms) whose run label is `marker`. */
  findByMarker(app: string, marker: string, since: number): Promise<Revision | undefined> {
    return findCreatedSince(
      {
        list: done => this.listRevisions(app, done),
        createdAt: r => r.created_at,
        isOurs: r => r.labels?.[RUN_LABEL] === marker
      },
      since
    )
  }

  private async stream<T>(path: string, signal?: AbortSignal): Promise<AsyncGenerator<T>> {
    const res = await this.http.call(`GET ${path}`, transient, 2, () =>
      this.http.send('GET', path, { accept: STREAM_ACCEPT, stream: true, signal })
    )
    if (!res.body) throw new Error(`GET ${path} returned no body`)
    return readJsonStream<T>(res.body, res.headers.get('content-type'))
  }
}
