// Which requests are for the API and which for a deployment (v1 host names and domains, v2 hosts).
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { Duplex } from 'node:stream'
import { writeSocketResponse } from '../../runtime/upgrade-proxy.js'
import { registeredDomains } from '../v1/records.js'
import { type Ctx } from '../context.js'
import { isHostActive } from './domain-rules.js'
import { newRay } from '../storage/ids.js'
import type { HostAnswer } from '../v2/service.js'

/** Where the server listens; `port` is the real one once listening (0 asks for any). */
export interface ListenAddress {
  host: string
  port: number
}

const LOOPBACK_HOSTS = new Set(['localhost', '[::1]'])

/** The API answers on loopback names and on any IP literal (deployments only have host names). */
export function isApiHost(host: string, listenHost: string): boolean {
  return (
    host === '' ||
    LOOPBACK_HOSTS.has(host) ||
    host === listenHost.toLowerCase() ||
    /^\d{1,3}(\.\d{1,3}){3}$/.test(host) ||
    host.startsWith('[')
  )
}

/** The Host header's name, lower-cased, without port or trailing dot. */
export function hostnameOf(req: IncomingMessage): string {
  const host = (req.headers.host ?? '').toLowerCase()
  const name = host.startsWith('[') ? host.slice(0, host.indexOf(']') + 1) : host.split(':')[0]
  return name.replace(/\.$/, '')
}

/** Host → live deployment or revision id, or the answer for a host that serves nothing (yet). */
function resolveHost(ctx: Ctx, host: string): HostAnswer {
  const id = ctx.store.state.bindings[host]
  const v2Answer = id ? null : ctx.v2.resolveHost(host)
  if (v2Answer) return v2Answer
  const d = id ? ctx.store.state.deployments[id] : undefined
  const suffix = ctx.options.domainSuffix
  // Names under the suffix are always active: the registered-domain set is built only for others.
  const active =
    d !== undefined &&
    (host.endsWith(`.${suffix}`) || isHostActive(host, suffix, registeredDomains(ctx)))
  if (!active)
    return {
      status: 404,
      headers: {},
      message:
        // The Host header is the client's: the text never repeats it.
        `No deployment is served at this host name. Deployments answer at <project>-<deployment-id>.${suffix} ` +
        `or at a domain attached to them; the API is at ${ctx.options.publicUrl}/v1.\n`
    }
  if (d.status !== 'success')
    return {
      status: 503,
      headers: { 'retry-after': '1' },
      message: `Deployment ${d.id} is not live (status ${d.status}).\n`
    }
  return { id: d.id }
}

export async function serveDeployment(
  ctx: Ctx,
  req: IncomingMessage,
  res: ServerResponse,
  host: string
): Promise<void> {
  const target = resolveHost(ctx, host)
  if (!('id' in target)) {
    res.writeHead(target.status, { 'content-type': 'text/plain; charset=utf-8', ...target.headers })
    res.end(target.message)
    return
  }
  await ctx.runtime.handle(target.id, req, res)
}

/** WebSocket handshakes (and any other Upgrade) reach deployments only; the API never upgrades. */
export function upgradeDeployment(
  ctx: Ctx,
  at: ListenAddress,
  req: IncomingMessage,
  socket: Duplex,
  head: Buffer
): void {
  socket.on('error', () => socket.destroy())
  const ray = { 'x-deno-ray': newRay() }
  const host = hostnameOf(req)
  if (isApiHost(host, at.host)) {
    writeSocketResponse(
      socket,
      400,
      // Neither the Upgrade header nor the target is repeated: both are the client's.
      'The API does not upgrade connections; send API requests without an Upgrade header. ' +
        'WebSockets are served by deployments, at their own host names.',
      ray
    )
    return
  }
  const target = resolveHost(ctx, host)
  if (!('id' in target)) {
    writeSocketResponse(socket, target.status, target.message, { ...target.headers, ...ray })
    return
  }
  ctx.runtime.handleUpgrade(target.id, req, socket, head).catch(err => {
    process.stderr.write(
      `subhosting: upgrade request to ${host}${req.url} failed: ${(err as Error).stack}\n`
    )
    socket.destroy()
  })
}
