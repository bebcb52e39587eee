// One owner per host name across both APIs: a v1 project or a v2 app. Binds and creates that
// would take a name another owner holds (or that is reserved for its default and preview hosts)
// are refused here, so routing never has to pick between two tenants.
import { HttpError } from '../http/errors.js'
import { expandDomain } from './domain-rules.js'
import type { State } from '../storage/records.js'
import { ORG_SLUG } from '../v2/model.js'

export interface HostOwner {
  kind: 'project' | 'app'
  id: string
}

/** The first label of `host` when it is exactly one label under `parent`, else null. */
function labelUnder(host: string, parent: string): string | null {
  if (!host.endsWith(`.${parent}`)) return null
  const label = host.slice(0, -parent.length - 1)
  return label.includes('.') ? null : label
}

/** `<name>-<id>` split at its last dash: deployment and revision ids never contain one. */
function splitId(label: string): [string, string] {
  const dash = label.lastIndexOf('-')
  return [label.slice(0, dash), label.slice(dash + 1)]
}

/**
 * v1: a bound host, a domain a pending deployment asked for (held while it builds), a project's
 * `<name>.<suffix>`, a deployment's `<name>-<id>.<suffix>`.
 */
function v1Owner(state: State, suffix: string, host: string): HostOwner | null {
  const bound = state.deployments[state.bindings[host]]
  if (bound) return { kind: 'project', id: bound.projectId }
  for (const d of Object.values(state.deployments)) {
    const name = d.status === 'pending' ? state.projects[d.projectId]?.name : undefined
    if (name && d.requestedDomains?.some(raw => expandDomain(raw, name, d.id) === host))
      return { kind: 'project', id: d.projectId }
  }
  const label = labelUnder(host, suffix)
  if (label === null) return null
  const project = Object.values(state.projects).find(p => p.name === label)
  if (project) return { kind: 'project', id: project.id }
  const [name, id] = splitId(label)
  const d = state.deployments[id]
  if (d && state.projects[d.projectId]?.name === name) return { kind: 'project', id: d.projectId }
  return null
}

/** v2: an app's `<slug>.<org>.<suffix>`, a revision's `<slug>-<id>.<org>.<suffix>`, bindings. */
function v2Owner(state: State, suffix: string, host: string): HostOwner | null {
  const { apps, revisions } = state.v2
  const label = labelUnder(host, `${ORG_SLUG}.${suffix}`)
  if (label !== null) {
    const app = Object.values(apps).find(a => a.slug === label)
    if (app) return { kind: 'app', id: app.id }
    const [slug, id] = splitId(label)
    const rev = revisions[id]
    if (rev && apps[rev.appId]?.slug === slug) return { kind: 'app', id: rev.appId }
  }
  for (const rev of Object.values(revisions))
    if (apps[rev.appId] && rev.bindings.some(b => b.host === host))
      return { kind: 'app', id: rev.appId }
  return null
}

export function hostOwner(state: State, suffix: string, host: string): HostOwner | null {
  return v1Owner(state, suffix, host) ?? v2Owner(state, suffix, host)
}

/**
 * Names of these shapes are reserved for default and preview hosts (v1 `<project>.<suffix>`,
 * `<project>-<deployment>.<suffix>`; v2 `<slug>.<org>.<suffix>`, `<slug>-<revision>.<org>.…`):
 * only their owner may bind one, so no bind takes the host of a project or app created later.
 */
export function isReservedShape(host: string, suffix: string): boolean {
  return labelUnder(host, suffix) !== null || labelUnder(host, `${ORG_SLUG}.${suffix}`) !== null
}

const OWNER_KIND = { project: 'another project', app: 'another app' } as const

/**
 * Refuses (409) a host another owner holds. The answer names only the kind of owner: which
 * project or app holds a name is that tenant's business.
 */
export function claimHost(state: State, suffix: string, host: string, claimant: HostOwner): void {
  const owner = hostOwner(state, suffix, host)
  if (owner && (owner.kind !== claimant.kind || owner.id !== claimant.id))
    throw new HttpError(
      409,
      'domainInUse',
      `${host} is already in use by ${OWNER_KIND[owner.kind]}; choose another name.`
    )
}

/** Whether `host` is free for `claimant` (for generated names, which are redrawn instead). */
export function isHostFree(
  state: State,
  suffix: string,
  host: string,
  claimant: HostOwner
): boolean {
  const owner = hostOwner(state, suffix, host)
  return !owner || (owner.kind === claimant.kind && owner.id === claimant.id)
}
