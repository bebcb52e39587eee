// The local server: one Node HTTP server for the API and every deployment, told apart by Host.
// A request runs a short pipeline: host routing → (API) admin or faults → auth and the router.
import { mkdir } from 'node:fs/promises'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import type { DeploymentRuntime } from '../runtime/types.js'
import { ADMIN_PATH, handleAdmin } from './faults/admin.js'
import { Analytics } from './storage/analytics.js'
import { routeApiRequest } from './http/api-router.js'
import { BlobStore, HASHES_FIRST_HEADER } from './assets/assets.js'
import { Builder, runSpecOf } from './builds/builder.js'
import {
  deploymentRecordDir,
  type AppLogEntry,
  type StoredBuildLog,
  type ServerOptions
} from './layout.js'
import { registeredDomains } from './v1/records.js'
import { type Ctx } from './context.js'
import { HttpError } from './http/errors.js'
import { answerWithFault } from './faults/fault-step.js'
import { FaultInjector, type FaultRule } from './faults/faults.js'
import {
  hostnameOf,
  isApiHost,
  serveDeployment,
  upgradeDeployment,
  type ListenAddress
} from './routing/host-routing.js'
import { sendError } from './http/http-util.js'
import { newRay, timestamp } from './storage/ids.js'
import { DEFAULT_LOG_LIMITS, LogBook, type LogLimits } from './storage/log-book.js'
import { Store, type DeploymentRec } from './storage/store.js'
import { ORG_SLUG, V2Service } from './v2/index.js'

export interface RunningServer {
  port: number
  apiUrl: string
  organizationId: string
  /** The organization's slug (v2 `X-Deno-Org`, host names). */
  organizationSlug: string
  token: string
  ctx: Ctx
  close(): Promise<void>
}

type StartOptions = ServerOptions &
  ListenAddress & {
    faults?: FaultRule[]
    /** Per-deployment log bounds (--log-memory KB, --log-file MB). */
    appLogMemoryKb?: number
    appLogFileMb?: number
  }

function logLimits(options: StartOptions): LogLimits {
  return {
    memoryBytes: (options.appLogMemoryKb ?? DEFAULT_LOG_LIMITS.memoryBytes / 1024) * 1024,
    fileBytes: (options.appLogFileMb ?? DEFAULT_LOG_LIMITS.fileBytes / 1024 / 1024) * 1024 * 1024
  }
}

/** A deployment's tenant for the per-app process limit: its v1 project or v2 app. */
function tenantOf(ctx: Ctx, deploymentId: string): string {
  const v1 = ctx.store.state.deployments[deploymentId]
  if (v1) return `project:${v1.projectId}`
  const revision = ctx.store.state.v2.revisions[deploymentId]
  return revision ? `app:${revision.appId}` : `deployment:${deploymentId}`
}

/**
 * Re-registers what was live before a restart; builds cut off by the stop are marked failed
 * (returned, to be saved).
 */
function recover(ctx: Ctx): DeploymentRec[] {
  const failed: DeploymentRec[] = []
  for (const d of Object.values(ctx.store.state.deployments)) {
    if (d.status === 'success') ctx.runtime.register(runSpecOf(ctx, d))
    if (d.status === 'pending') {
      ctx.buildLogs.append(d.id, {
        level: 'error',
        message: 'The build was interrupted because the server stopped; redeploy to build it again.'
      })
      d.status = 'failed'
      d.updatedAt = timestamp()
      failed.push(d)
    }
  }
  return failed
}

/** Opens the persisted state and wires the v1 context, the v2 service and the builder. */
async function openContext(
  options: StartOptions,
  runtime: DeploymentRuntime
): Promise<{ ctx: Ctx; builder: Builder }> {
  await mkdir(options.dataDir, { recursive: true })
  const store = await Store.open(options.dataDir)
  const faults = new FaultInjector()
  faults.add(options.faults ?? [])
  const analytics = await Analytics.open(options.dataDir)
  const blobs = new BlobStore(join(options.dataDir, 'blobs'))
  const logBook = <E>(file: string): LogBook<E> =>
    new LogBook<E>(id => join(deploymentRecordDir(options.dataDir, id), file), logLimits(options))
  const appLogs = logBook<AppLogEntry>('app-logs.ndjson')
  const v2 = new V2Service({
    options,
    store,
    runtime,
    analytics,
    blobs,
    appLogs,
    registeredDomains: () => registeredDomains(ctx)
  })
  const ctx: Ctx = {
    options,
    token: options.token ?? store.state.token,
    store,
    analytics,
    blobs,
    buildLogs: logBook<StoredBuildLog>('build-logs.ndjson'),
    appLogs,
    runtime,
    faults,
    v2,
    startBuild: d => builder.start(d)
  }
  const builder = new Builder(ctx)
  return { ctx, builder }
}

/** Admin requests skip fault injection; every other API request may meet an injected fault. */
async function handleApi(ctx: Ctx, req: IncomingMessage, res: ServerResponse): Promise<void> {
  res.setHeader(HASHES_FIRST_HEADER, 'missingAssets')
  // Path and query only, on the public origin: an absolute-form target names no origin here.
  const target = new URL(req.url ?? '/', 'http://localhost')
  const url = new URL(target.pathname + target.search, ctx.options.publicUrl)
  if (url.pathname === ADMIN_PATH) return handleAdmin(ctx, req, res)
  const fault = ctx.faults.take(req.method ?? 'GET', url.pathname)
  await answerWithFault(fault, req, res, url, () => routeApiRequest(ctx, req, url))
}

function createFrontServer(ctx: Ctx, at: ListenAddress): Server {
  const server = createServer((req, res) => {
    res.setHeader('x-deno-ray', newRay())
    const host = hostnameOf(req)
    const work = isApiHost(host, at.host)
      ? handleApi(ctx, req, res)
      : serveDeployment(ctx, req, res, host)
    work.catch(err => {
      process.stderr.write(
        `subhosting: request to ${host}${req.url} failed: ${(err as Error).stack}\n`
      )
      if (!res.headersSent)
        sendError(res, new HttpError(500, 'internalServerError', (err as Error).message))
      else res.destroy()
    })
  })
  server.on('upgrade', (req, socket, head) => upgradeDeployment(ctx, at, req, socket, head))
  // Uploads of up to ~1.5 GB and live log streams outlast Node's default request timeout.
  server.requestTimeout = 0
  server.headersTimeout = 60_000
  // An idle keep-alive connection is closed by the client first (fetch gives up after about 4 s):
  // a server that closed at Node's 5 s could race a client reusing it for a large upload (EPIPE).
  server.keepAliveTimeout = 65_000
  return server
}

/** The host to print in URLs: a wildcard listener is reached on loopback; IPv6 needs brackets. */
function urlHost(host: string): string {
  if (host === '0.0.0.0' || host === '::') return '127.0.0.1'
  return host.includes(':') ? `[${host}]` : host
}

/** Stops building and serving first, then the processes, then flushes what is persisted. */
async function shutDown(ctx: Ctx, builder: Builder, server: Server): Promise<void> {
  builder.stop()
  await ctx.v2.close()
  server.close()
  server.closeAllConnections()
  await ctx.runtime.stopAll()
  await ctx.store.close()
  await ctx.analytics.close()
  await ctx.buildLogs.close()
  await ctx.appLogs.close()
}

export async function startServer(
  options: StartOptions,
  runtime: DeploymentRuntime
): Promise<RunningServer> {
  const { ctx, builder } = await openContext(options, runtime)
  await ctx.store.save(...recover(ctx))
  ctx.v2.recover()

  const at: ListenAddress = { host: options.host, port: options.port }
  const server = createFrontServer(ctx, at)
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port, options.host, () => resolve())
  })
  at.port = (server.address() as AddressInfo).port
  ctx.v2.port = at.port
  options.publicUrl ??= `http://${urlHost(options.host)}:${at.port}`
  runtime.attach?.({ serverPorts: [at.port], tenantOf: id => tenantOf(ctx, id) })

  return {
    port: at.port,
    apiUrl: `http://${urlHost(options.host)}:${at.port}/v1`,
    organizationId: ctx.store.org.id,
    organizationSlug: ORG_SLUG,
    token: ctx.token,
    ctx,
    close: () => shutDown(ctx, builder, server)
  }
}
