// The v2 control plane's state and services: routing of v2 host names, revision run specs on the
// shared runtime, build-log and progress fan-out, recovery after a restart.
import { randomBytes } from 'node:crypto'
import { rm } from 'node:fs/promises'
import { join } from 'node:path'
import type { LogLevel, RunSpec } from '../../runtime/types.js'
import { deploymentRecordDir, LOCAL_REGION, srcDirOf, type AppLogEntry } from '../layout.js'
import { timestamp } from '../storage/ids.js'
import { LogBook } from '../storage/log-book.js'
import { buildRoutes, type Naming } from './hosts.js'
import {
  ORG_SLUG,
  v2State,
  type AppRec,
  type EnvVarRec,
  type RevisionRec,
  type StageName,
  type V2State
} from './model.js'
import type { BuildLogRec, BuildStep, Outcome, PipelineHost, V2Deps } from './build-types.js'
import { Pipeline } from './pipeline.js'
import { layerEnvVars, verifiedNames } from './state-queries.js'

// Routes import the build log types from here.
export type { BuildLogRec, BuildStep } from './build-types.js'

type AppLogListener = (revisionId: string, entry: AppLogEntry) => void

export type HostAnswer =
  { id: string } | { status: number; headers: Record<string, string>; message: string }

export const v2Level = (level: LogLevel): BuildLogRec['level'] =>
  level === 'warning' ? 'warn' : level

export class V2Service implements PipelineHost {
  readonly buildLogs: LogBook<BuildLogRec>
  readonly pipeline: Pipeline
  private routesCache: Map<string, string> | null = null
  private readonly progress = new Map<string, Set<() => void>>()
  private readonly appLogListeners = new Map<string, Set<AppLogListener>>()
  /** Revisions in their boot check, with the start error the runtime reported (if any). */
  private readonly warming = new Map<string, string | null>()
  private readonly warmupSecret = randomBytes(12).toString('hex')
  port = 0

  constructor(readonly deps: V2Deps) {
    this.buildLogs = new LogBook<BuildLogRec>(id =>
      join(deploymentRecordDir(deps.options.dataDir, id), 'v2-build-logs.ndjson')
    )
    this.pipeline = new Pipeline(this)
  }

  get state(): V2State {
    return v2State(this.deps.store)
  }

  naming(): Naming {
    const { store, options } = this.deps
    const v2 = verifiedNames(this.state)
    const v1Verified = Object.values(store.state.domains).filter(d => d.isValidated)
    return {
      org: ORG_SLUG,
      orgId: store.org.id,
      suffix: options.domainSuffix,
      // Routing follows v1 registrations (as before) and verified v2 domains ...
      registered: new Set([...this.deps.registeredDomains(), ...v2]),
      // ... while a new binding needs a verified domain of either API.
      verified: [...v1Verified.map(d => d.domain), ...v2]
    }
  }

  /** Routing is derived once per change, never per request. */
  routes(): Map<string, string> {
    this.routesCache ??= buildRoutes(this.state, this.naming())
    return this.routesCache
  }

  /** The v1 API registered or removed a domain: v2 routing follows registrations too. */
  domainsChanged(): void {
    this.routesCache = null
  }

  /**
   * Persists a change and re-derives routing: records added to or removed from a collection,
   * and those changed in place, which the caller names.
   */
  async changed(...records: object[]): Promise<void> {
    this.routesCache = null
    await this.deps.store.save(...records)
  }

  log(id: string, step: BuildStep, level: LogLevel, message: string): void {
    const rev = this.state.revisions[id]
    if (!rev) return
    const entry: BuildLogRec = { timestamp: timestamp(), level: v2Level(level), message, step }
    // Deploy-step lines belong to a timeline (the first the revision joins).
    if (step === 'deploying' && (rev.production || rev.preview))
      entry.timeline = rev.production ? 'production' : 'preview'
    this.buildLogs.append(id, entry)
  }

  notify(rev: RevisionRec): void {
    for (const listener of this.progress.get(rev.id) ?? []) listener()
  }

  onProgress(id: string, listener: () => void): () => void {
    let set = this.progress.get(id)
    if (!set) this.progress.set(id, (set = new Set()))
    set.add(listener)
    return () => set.delete(listener)
  }

  onAppLog(appId: string, listener: AppLogListener): () => void {
    let set = this.appLogListeners.get(appId)
    if (!set) this.appLogListeners.set(appId, (set = new Set()))
    set.add(listener)
    return () => set.delete(listener)
  }

  setStage(
    rev: RevisionRec,
    name: StageName,
    status: RevisionRec['stages'][StageName]['status']
  ): void {
    const stage = rev.stages[name]
    const now = timestamp()
    if (status === 'running') rev.stages[name] = { status, start: now }
    else if (status === 'pending' || status === 'skipped') rev.stages[name] = { status }
    else rev.stages[name] = { status, start: stage.start ?? now, end: now }
    this.notify(rev)
  }

  /** The name the boot check uses: unguessable, so it exposes nothing. */
  warmupHost(id: string): string {
    return `${id}.${this.warmupSecret}.warmup.invalid`
  }

  beginWarmup(id: string): void {
    this.warming.set(id, null)
  }

  /** Ends the boot check; returns the start error the runtime logged, if any. */
  endWarmup(id: string): string | null {
    const error = this.warming.get(id) ?? null
    this.warming.delete(id)
    return error
  }

  /** A v2 host's revision, a v2-flavoured 404, or null when the name is not v2's. */
  resolveHost(host: string): HostAnswer | null {
    const id = this.routes().get(host)
    if (id) return { id }
    const warm = /^([a-z0-9]{12})\.([0-9a-f]+)\.warmup\.invalid$/.exec(host)
    if (warm && warm[2] === this.warmupSecret && this.warming.has(warm[1])) return { id: warm[1] }
    const n = { org: ORG_SLUG, suffix: this.deps.options.domainSuffix }
    if (!host.endsWith(`.${n.org}.${n.suffix}`)) return null
    return {
      status: 404,
      headers: {},
      message:
        // The Host header is the client's: the text never repeats it.
        `No revision is served at this host name. v2 apps answer at <app>.${n.org}.${n.suffix} (production) and ` +
        `<app>-<revision-id>.${n.org}.${n.suffix} (revisions deployed with preview).\n`
    }
  }

  runSpec(rev: RevisionRec): RunSpec {
    const app = this.state.apps[rev.appId]
    const { dataDir } = this.deps.options
    return {
      deploymentId: rev.id,
      srcDir: srcDirOf(dataDir, rev.id),
      entryPointUrl: rev.entryPoint ?? '',
      importMapUrl: null,
      compilerOptions: null,
      envVars: this.envOf(app, rev),
      databaseId: this.databaseOf(rev),
      net: null,
      requestTimeoutMs: null,
      onAppLog: (level, message) => this.appLog(rev, level, message),
      onMetric: (metric, count) => {
        if (!this.warming.has(rev.id)) this.deps.analytics.record(rev.appId, metric, count)
      }
    }
  }

  private appLog(rev: RevisionRec, level: LogLevel, message: string): void {
    const START_FAILED = 'Deployment failed to start: '
    if (this.warming.has(rev.id) && level === 'error' && message.startsWith(START_FAILED))
      this.warming.set(rev.id, message.slice(START_FAILED.length))
    const entry: AppLogEntry = { time: timestamp(), level, message, region: LOCAL_REGION }
    this.deps.appLogs.append(rev.id, entry)
    for (const listener of this.appLogListeners.get(rev.appId) ?? []) listener(rev.id, entry)
  }

  /**
   * The revision's environment in the documented resolution order (later wins): the app's layers,
   * the app's own variables, the revision's layers, the revision's own. `build` is the context of
   * install/build/predeploy commands; a running revision is in its timeline's context.
   */
  envOf(
    app: AppRec | undefined,
    rev: RevisionRec,
    phase: 'run' | 'build' = 'run'
  ): Record<string, string> {
    const env: Record<string, string> = {}
    const contexts =
      phase === 'build' ? ['build'] : [rev.production && 'production', rev.preview && 'preview']
    const apply = (vars: EnvVarRec[]): void => {
      for (const v of vars)
        if (v.contexts === 'all' || v.contexts.some(c => contexts.includes(c))) env[v.key] = v.value
    }
    apply(layerEnvVars(this.state, app?.layerIds))
    apply(app?.envVars ?? [])
    apply(layerEnvVars(this.state, rev.layerIds))
    for (const v of rev.envVars) env[v.key] = v.value
    return env
  }

  /** The app's KV database for the revision's timeline: production and preview never share. */
  databaseOf(rev: RevisionRec): string {
    return `v2-${rev.appId}-${rev.production ? 'production' : 'preview'}`
  }

  /** Running revisions pick up a new environment: their next request starts a fresh process. */
  restart(revisions: RevisionRec[]): void {
    for (const rev of revisions)
      if (rev.status === 'succeeded') this.deps.runtime.register(this.runSpec(rev))
  }

  /** App env vars or layers changed: its running revisions restart (as on the platform). */
  reregister(app: AppRec): void {
    this.restart(Object.values(this.state.revisions).filter(rev => rev.appId === app.id))
  }

  async finish(rev: RevisionRec, outcome: Outcome): Promise<void> {
    const closing = outcome.ok
      ? 'succeeded'
      : outcome.reason === 'cancelled'
        ? 'cancelled'
        : outcome.reason === 'timed_out'
          ? 'timed_out'
          : 'errored'
    // Stages close first, so progress readers see them before the terminal status ends the stream.
    for (const [name, stage] of Object.entries(rev.stages) as [StageName, { status: string }][]) {
      if (stage.status === 'running') this.setStage(rev, name, closing)
      else if (stage.status === 'pending') this.setStage(rev, name, 'skipped')
    }
    if (outcome.ok) this.log(rev.id, 'deploying', 'info', 'Revision succeeded.')
    else this.log(rev.id, outcome.step, 'error', outcome.message)
    rev.status = outcome.ok ? 'succeeded' : 'failed'
    rev.failureReason = outcome.ok ? null : outcome.reason
    rev.failureDetail = outcome.ok ? null : (outcome.detail ?? null)
    rev.buildFinishedAt = timestamp()
    if (outcome.ok && rev.defaultAlias) rev.productionSeq = ++this.state.seq
    await this.changed(rev)
    this.notify(rev)
    this.buildLogs.finish(rev.id)
  }

  /** Re-registers what served before a restart; builds cut off by the stop become failed. */
  recover(): void {
    for (const rev of Object.values(this.state.revisions)) {
      if (rev.status === 'succeeded') this.deps.runtime.register(this.runSpec(rev))
      else if (rev.status === 'queued' || rev.status === 'building') {
        void this.finish(rev, {
          ok: false,
          reason: 'error',
          step: 'preparing',
          message: 'The build was interrupted because the server stopped; deploy again to build it.'
        })
      }
    }
  }

  async removeRevision(rev: RevisionRec): Promise<void> {
    delete this.state.revisions[rev.id]
    await this.changed()
    await this.deps.runtime.unregister(rev.id)
    this.notify(rev)
    this.progress.delete(rev.id)
    await this.buildLogs.forget(rev.id)
    await this.deps.appLogs.forget(rev.id)
    await rm(deploymentRecordDir(this.deps.options.dataDir, rev.id), {
      recursive: true,
      force: true
    })
  }

  async removeApp(app: AppRec): Promise<void> {
    for (const rev of Object.values(this.state.revisions))
      if (rev.appId === app.id) {
        this.pipeline.cancel(rev)
        await this.removeRevision(rev)
      }
    delete this.state.apps[app.id]
    await this.changed()
    this.deps.analytics.forget(app.id)
    await rm(this.deps.blobs.projectDir(app.id), { recursive: true, force: true })
  }

  async close(): Promise<void> {
    this.pipeline.stop()
    await this.buildLogs.close()
  }
}
