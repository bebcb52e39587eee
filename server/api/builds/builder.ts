import { readFile, rm } from 'node:fs/promises'
import type { LogLevel, RunSpec } from '../../runtime/types.js'
import { materialize, type AssetPlan } from '../assets/assets.js'
import { attachableHost } from '../v1/records.js'
import { deploymentRecordDir, LOCAL_REGION, manifestOf, srcDirOf } from '../layout.js'
import { type Ctx } from '../context.js'
import type { Manifest } from '../layout.js'
import { timestamp } from '../storage/ids.js'
import type { DeploymentRec } from '../storage/store.js'

/** Builds run in the background; two at a time keeps a 2-core machine responsive. */
const MAX_PARALLEL_BUILDS = 2

export function runSpecOf(ctx: Ctx, d: DeploymentRec): RunSpec {
  return {
    deploymentId: d.id,
    srcDir: srcDirOf(ctx.options.dataDir, d.id),
    entryPointUrl: d.entryPointUrl,
    importMapUrl: d.importMapUrl,
    compilerOptions: d.compilerOptions,
    envVars: d.envVars,
    databaseId: d.databases.default ?? null,
    net: d.permissions?.net ?? null,
    requestTimeoutMs: d.requestTimeout,
    onAppLog: (level, message) =>
      ctx.appLogs.append(d.id, { time: timestamp(), level, message, region: LOCAL_REGION }),
    onMetric: (metric, count) => ctx.analytics.record(d.projectId, metric, count)
  }
}

/** Attaches the domains a deployment asked for (default domain when null) once it succeeded. */
function bindRequestedDomains(ctx: Ctx, d: DeploymentRec, log: (message: string) => void): void {
  const project = ctx.store.state.projects[d.projectId]
  if (!project) return
  const wanted = d.requestedDomains ?? [
    `{project.name}-{deployment.id}.${ctx.options.domainSuffix}`
  ]
  for (const raw of wanted) {
    try {
      const host = attachableHost(ctx, project, d.id, raw)
      ctx.store.state.bindings[host] = d.id
    } catch (err) {
      log(`Could not attach domain ${raw}: ${(err as Error).message}`)
    }
  }
}

export class Builder {
  private running = 0
  private readonly queue: DeploymentRec[] = []
  private readonly idle = new Set<() => void>()
  /** Set on shutdown: results of builds cut short by stopping Deno must not be recorded. */
  private stopped = false

  constructor(private readonly ctx: Ctx) {}

  start(d: DeploymentRec): void {
    this.queue.push(d)
    this.pump()
  }

  /** Resolves when no build is running or queued. */
  async drain(): Promise<void> {
    if (this.running === 0 && this.queue.length === 0) return
    await new Promise<void>(resolve => this.idle.add(resolve))
  }

  /** Builds still pending at shutdown are marked failed on the next start. */
  stop(): void {
    this.stopped = true
    this.queue.length = 0
  }

  private pump(): void {
    while (this.running < MAX_PARALLEL_BUILDS && this.queue.length > 0) {
      const d = this.queue.shift()!
      this.running++
      void this.build(d).finally(() => {
        this.running--
        this.pump()
        if (this.running === 0 && this.queue.length === 0) {
          for (const resolve of this.idle) resolve()
          this.idle.clear()
        }
      })
    }
  }

  private async build(d: DeploymentRec): Promise<void> {
    const { ctx } = this
    const log = (level: LogLevel, message: string): void => {
      if (!this.stopped && ctx.store.state.deployments[d.id])
        ctx.buildLogs.append(d.id, { level, message })
    }
    let status: 'success' | 'failed' = 'failed'
    try {
      const manifest = JSON.parse(
        await readFile(manifestOf(ctx.options.dataDir, d.id), 'utf8')
      ) as Manifest
      const plan: AssetPlan = {
        files: new Map(manifest.files),
        symlinks: new Map(manifest.symlinks),
        totalBytes: 0
      }
      const srcDir = srcDirOf(ctx.options.dataDir, d.id)
      await rm(srcDir, { recursive: true, force: true })
      await materialize(plan, ctx.blobs, d.projectId, srcDir)
      const result = await ctx.runtime.build({
        deploymentId: d.id,
        srcDir,
        entryPointUrl: d.entryPointUrl,
        importMapUrl: d.importMapUrl,
        lockFileUrl: d.lockFileUrl,
        compilerOptions: d.compilerOptions,
        onLog: log
      })
      status = result.ok ? 'success' : 'failed'
    } catch (err) {
      log('error', `Build failed: ${(err as Error).message}`)
    }
    if (this.stopped) return
    if (!ctx.store.state.deployments[d.id]) {
      // Deleted while building: materializing may have recreated its directory.
      await rm(deploymentRecordDir(ctx.options.dataDir, d.id), { recursive: true, force: true })
      return
    }
    if (status === 'success') bindRequestedDomains(ctx, d, message => log('warning', message))
    d.status = status
    d.updatedAt = timestamp()
    if (status === 'success') ctx.runtime.register(runSpecOf(ctx, d), { prepare: true })
    await ctx.store.save(d)
    ctx.buildLogs.finish(d.id)
  }
}
