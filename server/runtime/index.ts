import { mkdir, rm } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { Duplex } from 'node:stream'
import type {
  BuildRequest,
  BuildResult,
  DeploymentRuntime,
  RunSpec,
  RuntimeOptions
} from './types.js'
import { buildDeployment } from './build.js'
import { denoBinary } from './deno-binary.js'
import { DenoProcess, StartError } from './deno-process.js'
import { denoEnv, RuntimeLayout } from './layout.js'
import { proxyRequest, sendPlainError } from './proxy.js'
import { proxyUpgrade, rejectUpgrade } from './upgrade-proxy.js'
import { appEnv, runFlags } from './sandbox.js'
import {
  allocateSockets,
  reapSocketDirs,
  releaseSockets,
  type ProcessSockets
} from './control-channel.js'
import { kvBytes } from './disk-watch.js'
import { removeStrays } from './kv-dir.js'
import { ProcessSlots, SlotsBusy } from './slots.js'
import { PidFiles } from './orphans.js'
import { prepareStartFiles, type StartFiles } from './start-files.js'

export type { DeploymentRuntime, RuntimeOptions } from './types.js'

const DEFAULT_REQUEST_TIMEOUT_MS = 60_000
const START_TIMEOUT_MS = 15_000
/** The platform's per-deployment memory limit. */
export const DEFAULT_MEMORY_LIMIT_MB = 512
const DEFAULT_QUEUE_TIMEOUT_MS = 10_000
/** The hosted KV's per-database storage limit. */
export const DEFAULT_KV_QUOTA_MB = 1024
const MB = 1024 * 1024
const BOOTSTRAP_PATH = fileURLToPath(new URL('./bootstrap.ts', import.meta.url))

interface Deployment {
  spec: RunSpec
  process?: DenoProcess
  starting?: Promise<DenoProcess>
  inflight: number
  lastUsed: number
  idleTimer?: NodeJS.Timeout
  /** Prepared once (see prepareStartFiles); dropped on failure so the next start tries again. */
  startFiles?: Promise<StartFiles>
}

class LocalDenoRuntime implements DeploymentRuntime {
  private readonly layout: RuntimeLayout
  private readonly deployments = new Map<string, Deployment>()
  private readonly pidFiles: PidFiles
  private readonly memoryLimitMb: number
  private readonly slots: ProcessSlots<Deployment>
  private serverPorts: number[] = []
  private tenantOf: (deploymentId: string) => string = id => id

  constructor(private readonly options: RuntimeOptions) {
    this.layout = new RuntimeLayout(options.dataDir)
    if (!(options.maxProcesses >= 1)) {
      throw new Error(`maxProcesses must be at least 1 (got ${options.maxProcesses}).`)
    }
    this.memoryLimitMb = options.memoryLimitMb ?? DEFAULT_MEMORY_LIMIT_MB
    this.slots = new ProcessSlots<Deployment>(
      {
        max: options.maxProcesses,
        perApp: options.maxProcessesPerApp ?? options.maxProcesses,
        queueTimeoutMs: options.queueTimeoutMs ?? DEFAULT_QUEUE_TIMEOUT_MS
      },
      victim => void this.stopProcess(victim)
    )
    this.pidFiles = new PidFiles(this.layout.pidDir)
    const reaped = this.pidFiles.reapLeftovers()
    if (reaped.length) {
      console.error(
        `subhosting runtime: killed ${reaped.length} process(es) left by a previous run`
      )
    }
    const staleDirs = reapSocketDirs()
    if (staleDirs) {
      console.error(`subhosting runtime: removed ${staleDirs} socket dir(s) of stopped servers`)
    }
  }

  attach(facts: { serverPorts: number[]; tenantOf(deploymentId: string): string }): void {
    this.serverPorts = facts.serverPorts
    this.tenantOf = facts.tenantOf
  }

  build(req: BuildRequest): Promise<BuildResult> {
    return buildDeployment(req, this.layout, { typeCheck: this.options.typeCheck ?? false })
  }

  register(spec: RunSpec, options: { prepare?: boolean } = {}): void {
    const previous = this.deployments.get(spec.deploymentId)
    if (previous) void this.stopProcess(previous)
    const deployment: Deployment = { spec, inflight: 0, lastUsed: Date.now() }
    this.deployments.set(spec.deploymentId, deployment)
    // A fresh deployment's first request is near: its files get ready meanwhile. (Errors wait
    // for that request, which reports them.)
    if (options.prepare) this.startFilesOf(deployment).catch(() => undefined)
  }

  private startFilesOf(deployment: Deployment): Promise<StartFiles> {
    deployment.startFiles ??= prepareStartFiles(deployment.spec, this.layout).catch(error => {
      deployment.startFiles = undefined
      throw error
    })
    return deployment.startFiles
  }

  async unregister(deploymentId: string): Promise<void> {
    const deployment = this.deployments.get(deploymentId)
    if (!deployment) return
    this.deployments.delete(deploymentId)
    await this.stopProcess(deployment)
    await rm(this.layout.deploymentDir(deploymentId), { recursive: true, force: true })
  }

  handle(deploymentId: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
    return this.serve(deploymentId, {
      fail(status, message, headers) {
        sendPlainError(res, status, message, headers)
        req.resume()
      },
      proxy: (process, spec) =>
        proxyRequest(req, res, {
          upstream: process.upstream,
          timeoutMs: spec.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS,
          explainFailure: error => this.explainFailure(process, error)
        })
    })
  }

  handleUpgrade(
    deploymentId: string,
    req: IncomingMessage,
    socket: Duplex,
    head: Buffer
  ): Promise<void> {
    return this.serve(deploymentId, {
      fail: (status, message, headers) => rejectUpgrade(socket, status, message, headers),
      proxy: (process, spec) =>
        proxyUpgrade(req, socket, head, {
          socketPath: process.socketPath,
          timeoutMs: spec.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS,
          explainFailure: error => this.explainFailure(process, error)
        })
    })
  }

  /**
   * Shared by plain and upgrade requests: counts the request, starts the process if needed and
   * keeps it busy (no idle stop) until `proxy` resolves, i.e. until the exchange or connection ends.
   */
  private async serve(
    deploymentId: string,
    exchange: {
      fail(status: number, message: string, headers?: Record<string, string>): void
      proxy(process: DenoProcess, spec: RunSpec): Promise<void>
    }
  ): Promise<void> {
    const deployment = this.deployments.get(deploymentId)
    if (!deployment) {
      exchange.fail(404, `Deployment ${deploymentId} is not running on this server.`)
      return
    }
    const { spec } = deployment
    spec.onMetric('request', 1)
    deployment.inflight++
    deployment.lastUsed = Date.now()
    try {
      // A warm process is used at once: no promise to wait for on the hot path.
      const live = deployment.process
      let process: DenoProcess
      try {
        process = live?.alive ? live : await this.ensureProcess(deployment)
      } catch (error) {
        if (error instanceof SlotsBusy) {
          spec.onAppLog('warning', `Request refused: ${error.message}.`)
          exchange.fail(503, `Service Unavailable: ${error.message}.`, {
            'retry-after': String(error.retryAfterSeconds)
          })
          return
        }
        let reason = (error as Error).message
        if (!(error instanceof StartError)) {
          // Not the app's fault: details (server paths) go to the server's log only.
          console.error(`subhosting runtime: starting ${deploymentId} failed:`, error)
          reason = "the server could not start the deployment's process (see the server log)"
        }
        spec.onAppLog('error', `Deployment failed to start: ${reason}`)
        exchange.fail(502, `Bad Gateway: ${reason}.`)
        return
      }
      await exchange.proxy(process, spec)
    } finally {
      deployment.inflight--
      deployment.lastUsed = Date.now()
      if (deployment.inflight === 0) {
        this.scheduleIdleStop(deployment)
        this.slots.changed()
      }
    }
  }

  private async explainFailure(process: DenoProcess, error: Error): Promise<string> {
    const exit = await Promise.race([
      process.exited,
      new Promise<undefined>(resolve => setTimeout(() => resolve(undefined), 300))
    ])
    // The socket's path is the server's business, not the client's.
    const why = error.message.split(process.socketPath).join('its socket')
    return exit ? process.describeExit(exit) : `the deployment's process did not answer (${why})`
  }

  async stopAll(): Promise<void> {
    await Promise.all([...this.deployments.values()].map(d => this.stopProcess(d)))
  }

  /**
   * One timer per idle spell, not one per request: when it fires it re-reads `lastUsed` and waits
   * out the rest if a request came and went meanwhile; with requests in flight it lets go, and the
   * last of them arms it again.
   */
  private scheduleIdleStop(deployment: Deployment): void {
    if (deployment.idleTimer) return
    const idleMs = this.options.idleTimeoutMs
    const check = (): void => {
      deployment.idleTimer = undefined
      if (deployment.inflight > 0) return
      const left = deployment.lastUsed + idleMs - Date.now()
      if (left > 0) arm(left)
      else void this.stopProcess(deployment)
    }
    const arm = (ms: number): void => {
      deployment.idleTimer = setTimeout(check, ms)
      deployment.idleTimer.unref()
    }
    arm(idleMs)
  }

  /** Concurrent first requests share one start (and one wait for a process slot). */
  private ensureProcess(deployment: Deployment): Promise<DenoProcess> {
    if (deployment.process?.alive) return Promise.resolve(deployment.process)
    if (!deployment.starting) {
      const tenant = this.tenantOf(deployment.spec.deploymentId)
      deployment.starting = this.slots
        .acquire(deployment, tenant)
        .then(() => this.startProcess(deployment))
        .catch(error => {
          this.slots.release(deployment)
          throw error
        })
        .finally(() => {
          deployment.starting = undefined
        })
    }
    return deployment.starting
  }

  /**
   * Before each start: only the database and SQLite's files stay in its directory (whatever the
   * app made through the file's path goes, see removeStrays), and a database over its quota
   * stays stopped: the app could only grow it further.
   */
  private async prepareKv(databaseId: string, onAppLog: RunSpec['onAppLog']): Promise<void> {
    const kvDir = this.layout.kvDir(databaseId)
    await mkdir(kvDir, { recursive: true })
    for (const warning of await removeStrays(this.layout.kvFile(databaseId))) {
      onAppLog('warning', warning)
    }
    const bytes = await kvBytes(kvDir)
    if (bytes > this.kvQuotaMb * MB) {
      throw new StartError(
        `its KV database uses ${Math.round(bytes / MB)} MB, over the quota of ` +
          `${this.kvQuotaMb} MB`
      )
    }
  }

  private get kvQuotaMb(): number {
    return this.options.kvQuotaMb ?? DEFAULT_KV_QUOTA_MB
  }

  /** The app's variables plus the boot facts; reserved names are dropped with a warning. */
  private processEnv(
    spec: RunSpec,
    sockets: ProcessSockets,
    nodeHttp: boolean
  ): Record<string, string> {
    const { env, dropped } = appEnv(
      spec.envVars,
      denoEnv(this.layout, {
        SUBHOSTING_BOOT: JSON.stringify({
          kvPath: spec.databaseId ? this.layout.kvFile(spec.databaseId) : null,
          nodeHttp,
          httpSocket: sockets.http,
          controlSocket: sockets.control
        })
      })
    )
    if (dropped.length) {
      spec.onAppLog('warning', `Ignored reserved environment variables: ${dropped.join(', ')}`)
    }
    return env
  }

  /** The start's independent file work, side by side: it waits on the slowest, not the sum. */
  private async prepareFiles(
    deployment: Deployment
  ): Promise<StartFiles & { sockets: ProcessSockets; env: Record<string, string> }> {
    const { spec } = deployment
    const [prepared, allocated] = await Promise.allSettled([
      Promise.all([
        this.startFilesOf(deployment),
        spec.databaseId ? this.prepareKv(spec.databaseId, spec.onAppLog) : undefined
      ]),
      allocateSockets()
    ])
    if (prepared.status === 'rejected' || allocated.status === 'rejected') {
      if (allocated.status === 'fulfilled') await releaseSockets(allocated.value)
      throw prepared.status === 'rejected'
        ? prepared.reason
        : (allocated as PromiseRejectedResult).reason
    }
    const [files] = prepared.value
    const sockets = allocated.value
    return { ...files, sockets, env: this.processEnv(spec, sockets, files.nodeHttp) }
  }

  private async startProcess(deployment: Deployment): Promise<DenoProcess> {
    const { spec } = deployment
    const kvFile = spec.databaseId ? this.layout.kvFile(spec.databaseId) : null
    const kvDir = spec.databaseId ? this.layout.kvDir(spec.databaseId) : null
    const { config, entry, srcDir, sockets, env } = await this.prepareFiles(deployment)
    const startedAt = Date.now()
    const process = await DenoProcess.start({
      command: denoBinary(),
      args: runFlags({
        configPath: config.configPath,
        importMap: config.importMap,
        net: spec.net,
        readPaths: [srcDir],
        kvFile,
        serverPorts: this.serverPorts,
        httpSocket: sockets.http,
        controlSocket: sockets.control,
        heapLimitMb: this.memoryLimitMb,
        bootstrapPath: BOOTSTRAP_PATH,
        entry
      }),
      env,
      srcDir,
      sockets,
      startTimeoutMs: START_TIMEOUT_MS,
      memoryLimitBytes: this.memoryLimitMb * MB,
      kv: kvDir ? { dir: kvDir, quotaBytes: this.kvQuotaMb * MB } : null,
      pidFiles: this.pidFiles,
      onLog: spec.onAppLog,
      onKv: (reads, writes) => {
        if (reads) spec.onMetric('kvRead', reads)
        if (writes) spec.onMetric('kvWrite', writes)
      }
    }).catch(async error => {
      await releaseSockets(sockets)
      throw error
    })
    if (this.deployments.get(spec.deploymentId) !== deployment) {
      // Unregistered (or replaced) while starting.
      await process.stop()
      throw new StartError('the deployment was removed while its process was starting')
    }
    deployment.process = process
    spec.onAppLog('info', `isolate start time: ${Date.now() - startedAt} ms`)
    void process.exited.then(info => {
      if (deployment.process === process) {
        deployment.process = undefined
        this.slots.release(deployment)
      }
      if (!info.requested) {
        spec.onAppLog('error', `${process.describeExit(info)}; it restarts on the next request`)
      }
    })
    return process
  }

  /** Frees its slot at once: the process is on its way out. */
  private async stopProcess(deployment: Deployment): Promise<void> {
    clearTimeout(deployment.idleTimer)
    deployment.idleTimer = undefined
    const process = deployment.process
    deployment.process = undefined
    this.slots.release(deployment)
    const starting = deployment.starting
    await process?.stop()
    if (starting) {
      const started = await starting.catch(() => undefined)
      if (started && deployment.process === started) deployment.process = undefined
      // A start that got its slot while this stop waited must give it back too.
      this.slots.release(deployment)
      await started?.stop()
    }
  }
}

/** The data plane of the local Subhosting server: builds with Deno and runs each deployment. */
export function createDeploymentRuntime(opts: RuntimeOptions): DeploymentRuntime {
  return new LocalDenoRuntime(opts)
}
