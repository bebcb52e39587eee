import { timingSafeEqual } from 'node:crypto'
import { mkdir } from 'node:fs/promises'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Duplex } from 'node:stream'
import { join } from 'node:path'
import type { DeploymentRuntime } from '../runtime/types.js'
import { writeSocketResponse } from '../runtime/upgrade-proxy.js'
import { Analytics } from './analytics.js'
import { BlobStore } from './assets.js'
import { Builder, runSpecOf } from './builder.js'
import {
  deploymentDir,
  registeredDomains,
  type AppLogEntry,
  type BuildLogEntry,
  type Ctx,
  type ServerOptions
} from './context.js'
import { isHostActive } from './domain-rules.js'
import { ApiError } from './errors.js'
import { FaultInjector, parseFaultRules, type FaultRule } from './faults.js'
import { isStream, parseJsonBody, readBody, sendError, sendJson, type Reply } from './http-util.js'
import { newRay, timestamp } from './ids.js'
import { LogBook } from './log-book.js'
import { matchRoute } from './router.js'
import { Store } from './store.js'
import { isV2Path, ORG_SLUG, v2ErrorBody, V2Service } from './v2/index.js'

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

const LOOPBACK_HOSTS = new Set(['localhost', '[::1]'])

/** The API answers on loopback names and on any IP literal (deployments only have host names). */
function isApiHost(host: string, listenHost: string): boolean {
  return (
    host === '' ||
    LOOPBACK_HOSTS.has(host) ||
    host === listenHost.toLowerCase() ||
    /^\d{1,3}(\.\d{1,3}){3}$/.test(host) ||
    host.startsWith('[')
  )
}

function hostnameOf(req: IncomingMessage): string {
  const host = (req.headers.host ?? '').toLowerCase()
  const name = host.startsWith('[') ? host.slice(0, host.indexOf(']') + 1) : host.split(':')[0]
  return name.replace(/\.$/, '')
}

function isLoopbackPeer(req: IncomingMessage): boolean {
  const addr = req.socket.remoteAddress ?? ''
  return addr === '::1' || /^(::ffff:)?127\./.test(addr)
}

function checkToken(req: IncomingMessage, token: string): void {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '')
  const given = Buffer.from(match?.[1] ?? '')
  const expected = Buffer.from(token)
  if (!match || given.length !== expected.length || !timingSafeEqual(given, expected))
    throw new ApiError(
      401,
      'invalidToken',
      match
        ? 'The access token is invalid. Use the token this server printed at start-up (also in <data-dir>/state.json).'
        : 'Missing access token. Send the header "Authorization: Bearer <token>".'
    )
}

async function deliver(res: ServerResponse, reply: Reply): Promise<void> {
  if (isStream(reply)) await reply.stream(res)
  else sendJson(res, reply.status, reply.body, reply.headers)
}

/** v1 answers `{code, message}`; v2 answers its own envelope (see v2/errors.ts). */
const errorReply = (err: ApiError, pathname: string): Reply => ({
  status: err.status,
  body: isV2Path(pathname) ? v2ErrorBody(err) : { code: err.code, message: err.message },
  headers: err.headers
})

/** Re-registers what was live before a restart; builds cut off by the stop are marked failed. */
function recover(ctx: Ctx): void {
  for (const d of Object.values(ctx.store.state.deployments)) {
    if (d.status === 'success') ctx.runtime.register(runSpecOf(ctx, d))
    if (d.status === 'pending') {
      ctx.buildLogs.append(d.id, {
        level: 'error',
        message: 'The build was interrupted because the server stopped; redeploy to build it again.'
      })
      d.status = 'failed'
      d.updatedAt = timestamp()
    }
  }
}

export async function startServer(
  options: ServerOptions & { port: number; host: string; faults?: FaultRule[] },
  runtime: DeploymentRuntime
): Promise<RunningServer> {
  await mkdir(options.dataDir, { recursive: true })
  const store = await Store.open(options.dataDir)
  const faults = new FaultInjector()
  faults.add(options.faults ?? [])
  const analytics = await Analytics.open(options.dataDir)
  const blobs = new BlobStore(join(options.dataDir, 'blobs'))
  const appLogs = new LogBook<AppLogEntry>(id =>
    join(deploymentDir(options.dataDir, id), 'app-logs.ndjson')
  )
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
    buildLogs: new LogBook<BuildLogEntry>(id =>
      join(deploymentDir(options.dataDir, id), 'build-logs.ndjson')
    ),
    appLogs,
    runtime,
    faults,
    v2,
    startBuild: d => builder.start(d)
  }
  const builder = new Builder(ctx)
  recover(ctx)
  v2.recover()
  await store.save()

  /** Runs auth and the route; every failure becomes a `{code, message}` reply. */
  async function dispatch(req: IncomingMessage, url: URL): Promise<Reply> {
    try {
      checkToken(req, ctx.token)
      const match = matchRoute(req.method ?? 'GET', url.pathname)
      if (match.kind === 'method')
        return errorReply(
          new ApiError(
            405,
            'methodNotAllowed',
            `${req.method} is not allowed on ${url.pathname}; use ${match.allowed.join(' or ')}.`,
            {
              allow: match.allowed.join(', ')
            }
          ),
          url.pathname
        )
      if (match.kind === 'none')
        throw new ApiError(
          404,
          'routeNotFound',
          `No API route ${req.method} ${url.pathname}. The v1 API lives under /v1, the v2 API under /v2 (or /api/v2).`
        )
      let parsed: Promise<unknown> | undefined
      const body = (): Promise<unknown> => (parsed ??= readBody(req).then(parseJsonBody))
      return await match.route.handler(ctx, { req, url, params: match.params, body })
    } catch (err) {
      if (err instanceof ApiError) return errorReply(err, url.pathname)
      process.stderr.write(
        `subhosting: ${req.method} ${url.pathname} failed: ${(err as Error).stack}\n`
      )
      return errorReply(
        new ApiError(500, 'internalServerError', `Internal error: ${(err as Error).message}`),
        url.pathname
      )
    }
  }

  async function admin(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!isLoopbackPeer(req))
      return sendError(
        res,
        new ApiError(403, 'forbidden', 'Fault injection is only available from loopback addresses.')
      )
    try {
      checkToken(req, ctx.token)
      if (req.method === 'GET') return sendJson(res, 200, { rules: faults.list() })
      if (req.method === 'DELETE') {
        faults.clear()
        return sendJson(res, 200, { rules: [] })
      }
      if (req.method === 'POST') {
        const body = parseJsonBody(await readBody(req)) as { rules?: unknown } | undefined
        const rules = parseFaultRules(body?.rules, 'rules')
        faults.add(rules)
        return sendJson(res, 200, { rules: faults.list() })
      }
      throw new ApiError(405, 'methodNotAllowed', 'Use GET, POST or DELETE on /_admin/faults.')
    } catch (err) {
      sendError(
        res,
        err instanceof ApiError
          ? err
          : new ApiError(500, 'internalServerError', (err as Error).message)
      )
    }
  }

  async function api(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://localhost')
    if (url.pathname === '/_admin/faults') return admin(req, res)
    const fault = faults.take(req.method ?? 'GET', url.pathname)
    const delay = (): Promise<void> => new Promise(resolve => setTimeout(resolve, fault!.delayMs))
    // 'before': the request waits before it is handled; 'after': handled, then a slow answer.
    const slow = fault?.fault === 'delay'
    if (slow && fault.when !== 'after') await delay()
    const failNow = (): void => {
      if (fault!.fault === 'reset') {
        req.socket.destroy()
        return
      }
      req.resume()
      const headers: Record<string, string> = {}
      if (fault!.retryAfter !== undefined) headers['retry-after'] = String(fault!.retryAfter)
      sendError(
        res,
        new ApiError(
          fault!.status!,
          'injectedFault',
          `Injected fault: ${fault!.status} for ${req.method} ${url.pathname}.`,
          headers
        )
      )
    }
    if (fault && fault.fault !== 'delay' && fault.when !== 'after') return failNow()
    const reply = await dispatch(req, url)
    // 'after': the request was processed; only its response is lost.
    if (fault && fault.fault !== 'delay') return failNow()
    if (slow && fault.when === 'after') await delay()
    await deliver(res, reply)
  }

  /** Host → live deployment id, or the answer for a host that serves nothing (yet). */
  function resolveDeployment(
    host: string
  ): { id: string } | { status: number; headers: Record<string, string>; message: string } {
    const id = store.state.bindings[host]
    const v2Answer = id ? null : v2.resolveHost(host)
    if (v2Answer) return v2Answer
    const d = id ? store.state.deployments[id] : undefined
    if (!d || !isHostActive(host, options.domainSuffix, registeredDomains(ctx)))
      return {
        status: 404,
        headers: {},
        message:
          `No deployment is served at ${host}. Deployments answer at <project>-<deployment-id>.${options.domainSuffix} ` +
          `or at a domain attached to them; the API is at http://127.0.0.1:${port}/v1.\n`
      }
    if (d.status !== 'success')
      return {
        status: 503,
        headers: { 'retry-after': '1' },
        message: `Deployment ${d.id} is not live (status ${d.status}).\n`
      }
    return { id: d.id }
  }

  async function deployment(
    req: IncomingMessage,
    res: ServerResponse,
    host: string
  ): Promise<void> {
    const target = resolveDeployment(host)
    if (!('id' in target)) {
      res.writeHead(target.status, {
        'content-type': 'text/plain; charset=utf-8',
        ...target.headers
      })
      res.end(target.message)
      return
    }
    await runtime.handle(target.id, req, res)
  }

  /** WebSocket handshakes (and any other Upgrade) reach deployments only; the API never upgrades. */
  function upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    socket.on('error', () => socket.destroy())
    const ray = { 'x-deno-ray': newRay() }
    const host = hostnameOf(req)
    if (isApiHost(host, options.host)) {
      writeSocketResponse(
        socket,
        400,
        `The API does not upgrade connections (got "Upgrade: ${req.headers.upgrade}" for ` +
          `${req.url}); send API requests without an Upgrade header. WebSockets are served by ` +
          `deployments, at their own host names.`,
        ray
      )
      return
    }
    const target = resolveDeployment(host)
    if (!('id' in target)) {
      writeSocketResponse(socket, target.status, target.message, { ...target.headers, ...ray })
      return
    }
    runtime.handleUpgrade(target.id, req, socket, head).catch(err => {
      process.stderr.write(
        `subhosting: upgrade request to ${host}${req.url} failed: ${(err as Error).stack}\n`
      )
      socket.destroy()
    })
  }

  let port = options.port
  const server: Server = createServer((req, res) => {
    res.setHeader('x-deno-ray', newRay())
    const host = hostnameOf(req)
    const work = isApiHost(host, options.host) ? api(req, res) : deployment(req, res, host)
    work.catch(err => {
      process.stderr.write(
        `subhosting: request to ${host}${req.url} failed: ${(err as Error).stack}\n`
      )
      if (!res.headersSent)
        sendError(res, new ApiError(500, 'internalServerError', (err as Error).message))
      else res.destroy()
    })
  })
  server.on('upgrade', upgrade)
  // Uploads of up to ~1.5 GB and live log streams outlast Node's default request timeout.
  server.requestTimeout = 0
  server.headersTimeout = 60_000

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port, options.host, () => resolve())
  })
  port = (server.address() as AddressInfo).port
  v2.port = port
  const hostForUrl =
    options.host === '0.0.0.0' || options.host === '::'
      ? '127.0.0.1'
      : options.host.includes(':')
        ? `[${options.host}]`
        : options.host

  return {
    port,
    apiUrl: `http://${hostForUrl}:${port}/v1`,
    organizationId: store.org.id,
    organizationSlug: ORG_SLUG,
    token: ctx.token,
    ctx,
    async close() {
      builder.stop()
      await v2.close()
      server.close()
      server.closeAllConnections()
      await runtime.stopAll()
      await store.save()
      await ctx.analytics.close()
      await ctx.buildLogs.close()
      await ctx.appLogs.close()
    }
  }
}
