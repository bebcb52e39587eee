// v1 records as the routes read them: lookups that 404 with the API's codes, the hosts a
// deployment may serve, and the JSON views of deployments and domains.
import { isHostActive, resolveAttachableDomain } from '../routing/domain-rules.js'
import { notFound } from '../http/errors.js'
import { claimHost, isHostFree } from '../routing/host-owners.js'
import { newDeploymentId } from '../storage/ids.js'
import type { DatabaseRec, DeploymentRec, DomainRec, ProjectRec } from '../storage/store.js'
import type { Ctx } from '../context.js'

export function getOrg(ctx: Ctx, id: string): void {
  if (id.toLowerCase() !== ctx.store.org.id)
    throw notFound(
      'organizationNotFound',
      `Organization ${id} does not exist (this server only has ${ctx.store.org.id}).`
    )
}

export function getProject(ctx: Ctx, id: string): ProjectRec {
  const project = ctx.store.state.projects[id.toLowerCase()]
  if (!project) throw notFound('projectNotFound', `Project ${id} does not exist.`)
  return project
}

export function getDeployment(ctx: Ctx, id: string): DeploymentRec {
  const deployment = ctx.store.state.deployments[id]
  if (!deployment) throw notFound('deploymentNotFound', `Deployment ${id} does not exist.`)
  return deployment
}

export function getDomain(ctx: Ctx, id: string): DomainRec {
  const domain = ctx.store.state.domains[id.toLowerCase()]
  if (!domain) throw notFound('domainNotFound', `Domain ${id} does not exist.`)
  return domain
}

export function getDatabase(ctx: Ctx, id: string): DatabaseRec {
  const db = ctx.store.state.databases[id.toLowerCase()]
  if (!db) throw notFound('databaseNotFound', `KV database ${id} does not exist.`)
  return db
}

export function registeredDomains(ctx: Ctx): Set<string> {
  return new Set(Object.values(ctx.store.state.domains).map(d => d.domain))
}

/**
 * The host name `raw` (which may hold placeholders) names for a deployment, if it may attach:
 * by the naming rules, and only if no other project or app holds it.
 */
export function attachableHost(
  ctx: Ctx,
  project: ProjectRec,
  deploymentId: string,
  raw: string
): string {
  const host = resolveAttachableDomain(raw, {
    projectName: project.name,
    deploymentId,
    suffix: ctx.options.domainSuffix,
    registered: Object.values(ctx.store.state.domains).map(d => d.domain)
  })
  claimHost(ctx.store.state, ctx.options.domainSuffix, host, { kind: 'project', id: project.id })
  return host
}

/** A fresh deployment id whose default host no other project or app holds. */
export function newDeploymentIdFor(ctx: Ctx, project: ProjectRec): string {
  const { state } = ctx.store
  const suffix = ctx.options.domainSuffix
  for (;;) {
    const id = newDeploymentId()
    if (state.deployments[id] || state.v2.revisions[id]) continue
    const host = `${project.name}-${id}.${suffix}`
    if (isHostFree(state, suffix, host, { kind: 'project', id: project.id })) return id
  }
}

/** Host names bound to a deployment whose registration (if any) still exists. */
export function activeDomainsOf(ctx: Ctx, deploymentId: string): string[] {
  const registered = registeredDomains(ctx)
  return Object.entries(ctx.store.state.bindings)
    .filter(
      ([host, id]) =>
        id === deploymentId && isHostActive(host, ctx.options.domainSuffix, registered)
    )
    .map(([host]) => host)
    .sort()
}

export function deploymentView(ctx: Ctx, d: DeploymentRec): Record<string, unknown> {
  const view: Record<string, unknown> = {
    id: d.id,
    projectId: d.projectId,
    status: d.status,
    databases: d.databases,
    requestTimeout: d.status === 'success' ? d.requestTimeout : null,
    permissions: d.permissions,
    createdAt: d.createdAt,
    updatedAt: d.updatedAt
  }
  if (d.description !== '' || d.status === 'success') view.description = d.description
  if (d.status !== 'pending') view.domains = activeDomainsOf(ctx, d.id)
  return view
}

export function domainView(ctx: Ctx, d: DomainRec): Record<string, unknown> {
  const view: Record<string, unknown> = {
    id: d.id,
    organizationId: d.organizationId,
    domain: d.domain,
    token: d.token,
    isValidated: d.isValidated,
    certificates: d.certificates,
    provisioningStatus: d.provisioningStatus,
    createdAt: d.createdAt,
    updatedAt: d.updatedAt,
    dnsRecords: [
      { type: 'A', name: d.domain, content: '127.0.0.1' },
      { type: 'AAAA', name: d.domain, content: '::1' },
      {
        type: 'CNAME',
        name: `_acme-challenge.${d.domain.replace(/^\*\./, '')}`,
        content: `${d.token}._acme.${ctx.options.domainSuffix}.`
      }
    ]
  }
  const deploymentId = ctx.store.state.bindings[d.domain]
  const deployment = deploymentId ? ctx.store.state.deployments[deploymentId] : undefined
  if (deployment) {
    view.deploymentId = deployment.id
    view.projectId = deployment.projectId
  }
  return view
}
