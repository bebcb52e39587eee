// Host names of v2 revisions: the default production host, per-revision preview hosts and
// bound domains, and which revision serves each right now.
import { HttpError } from '../http/errors.js'
import { isHostActive, isValidHostname } from '../routing/domain-rules.js'
import { claimHost, hostOwner, isReservedShape } from '../routing/host-owners.js'
import type { State } from '../storage/records.js'
import type { AppRec, Context, RevisionRec, V2State } from './model.js'

export interface Naming {
  org: string
  orgId: string
  suffix: string
  /** Names routing honours: v1 registrations and verified v2 domains (`*.example.com` form). */
  registered: Set<string>
  /** Verified domains (v1 or v2), the only custom names a revision may newly bind. */
  verified: string[]
}

export const productionHost = (app: AppRec, n: Naming): string => `${app.slug}.${n.org}.${n.suffix}`

export const previewHost = (app: AppRec, rev: RevisionRec, n: Naming): string =>
  `${app.slug}-${rev.id}.${n.org}.${n.suffix}`

/** The revision behind the default production host: the latest to succeed or be promoted. */
export function currentProduction(state: V2State, appId: string): RevisionRec | undefined {
  let best: RevisionRec | undefined
  for (const r of Object.values(state.revisions))
    if (r.appId === appId && r.status === 'succeeded' && r.productionSeq !== null)
      if (!best || r.productionSeq > best.productionSeq!) best = r
  return best
}

/** Host → revision id for every v2 name that serves now. Bindings win; among them the newest. */
export function buildRoutes(state: V2State, n: Naming): Map<string, string> {
  const routes = new Map<string, string>()
  const live = Object.values(state.revisions)
    .filter(r => r.status === 'succeeded' && state.apps[r.appId])
    .sort((a, b) => a.seq - b.seq)
  for (const r of live) if (r.preview) routes.set(previewHost(state.apps[r.appId], r, n), r.id)
  for (const app of Object.values(state.apps)) {
    const current = currentProduction(state, app.id)
    if (current) routes.set(productionHost(app, n), current.id)
  }
  for (const r of live)
    for (const b of r.bindings)
      if (isHostActive(b.host, n.suffix, n.registered)) routes.set(b.host, r.id)
  return routes
}

/** The hosts that route to `rev` now, by the timeline they belong to. */
export function hostsOf(
  routes: Map<string, string>,
  state: V2State,
  rev: RevisionRec,
  n: Naming
): Record<Context, string[]> {
  const app = state.apps[rev.appId]
  const out: Record<Context, string[]> = { production: [], preview: [] }
  for (const [host, id] of routes) {
    if (id !== rev.id) continue
    const binding = rev.bindings.find(b => b.host === host)
    const context: Context = binding
      ? binding.context
      : app && host === productionHost(app, n)
        ? 'production'
        : 'preview'
    out[context].push(host)
  }
  out.production.sort()
  out.preview.sort()
  return out
}

const TEMPLATE_VARS = [
  '{deno.revision.id}',
  '{deno.app.slug}',
  '{deno.app.id}',
  '{deno.organization.id}'
]

const notAllowed = (raw: string, why: string): HttpError =>
  new HttpError(400, 'DOMAIN_NOT_ALLOWED', `Domain ${JSON.stringify(raw)} cannot be bound: ${why}`)

/**
 * Resolves template variables (only in the first label) and checks where the name may point:
 * a name no other project or app holds, under the server's suffix (but not of a default or
 * preview host's shape, unless it is this app's) or a verified domain (or one label under a
 * verified wildcard).
 */
export function resolveBindableHost(
  raw: string,
  app: AppRec,
  rev: RevisionRec,
  state: State,
  n: Naming
): string {
  const placeholders = raw.match(/\{[^}]*\}/g) ?? []
  const unknown = placeholders.find(p => !TEMPLATE_VARS.includes(p))
  if (unknown)
    throw notAllowed(raw, `unknown template variable ${unknown}; use ${TEMPLATE_VARS.join(', ')}.`)
  const masked = raw.replace(/\{[^}]*\}/g, '\u0000')
  const firstDot = masked.indexOf('.')
  if (placeholders.length && (firstDot === -1 || masked.lastIndexOf('\u0000') > firstDot))
    throw notAllowed(raw, 'template variables may only appear in the first label.')
  const host = raw
    .replaceAll('{deno.revision.id}', rev.id)
    .replaceAll('{deno.app.slug}', app.slug)
    .replaceAll('{deno.app.id}', app.id)
    .replaceAll('{deno.organization.id}', n.orgId)
    .toLowerCase()
    .replace(/\.$/, '')
  if (!isValidHostname(host))
    throw notAllowed(raw, `${JSON.stringify(host)} is not a valid host name.`)
  claimHost(state, n.suffix, host, { kind: 'app', id: app.id })
  if (isReservedShape(host, n.suffix) && hostOwner(state, n.suffix, host)?.id !== app.id)
    throw new HttpError(
      409,
      'domainReserved',
      `Domain ${JSON.stringify(raw)} cannot be bound: ${host} has the shape of a project's or app's default or preview host, which are reserved for the project or app of that name; add a label (e.g. www.${host}) or use a verified domain.`
    )
  if (!isHostActive(host, n.suffix, new Set(n.verified))) {
    const parent = host.slice(host.indexOf('.') + 1)
    throw notAllowed(
      raw,
      `it is not under a verified domain of this organization. Register it with POST /v2/domains {"domain": "${host}"} (or {"domain": "${parent}", "kind": "wildcard_only"} for any single label under ${parent}), publish the dns_records it answers, then POST /v2/domains/{domain}/verify. Names under ${n.suffix} need no registration.`
    )
  }
  return host
}
