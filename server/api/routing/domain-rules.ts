import { HttpError, invalidRequest } from '../http/errors.js'

const LABEL_RE = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/

export function isValidHostname(name: string): boolean {
  const labels = name.split('.')
  return name.length <= 253 && labels.length >= 2 && labels.every(l => LABEL_RE.test(l))
}

/** Validates a domain for `POST /organizations/{id}/domains`; `*.example.com` registers a wildcard. */
export function validateRegisteredDomain(raw: string, suffix: string): string {
  const name = raw.trim().toLowerCase().replace(/\.$/, '')
  const bare = name.startsWith('*.') ? name.slice(2) : name
  if (!isValidHostname(bare))
    throw invalidRequest(
      `domain ${JSON.stringify(raw)} is not a valid host name (labels of a-z, 0-9 and '-', at least two labels, optionally starting with '*.').`
    )
  if (bare === suffix || bare.endsWith(`.${suffix}`))
    throw new HttpError(
      400,
      'domainNotAllowed',
      `domain ${JSON.stringify(raw)} lies under the server's own suffix ${suffix}; names there are attached without registration.`
    )
  return name
}

export interface DomainContext {
  projectName: string
  deploymentId: string
  suffix: string
  /** Registered org domain names (wildcards as `*.example.com`). */
  registered: string[]
}

/** A requested v1 domain as the host it names: placeholders filled in, lower case, no final dot. */
export function expandDomain(raw: string, projectName: string, deploymentId: string): string {
  return raw
    .replaceAll('{project.name}', projectName)
    .replaceAll('{deployment.id}', deploymentId)
    .toLowerCase()
    .replace(/\.$/, '')
}

/**
 * Resolves `{project.name}` / `{deployment.id}` and checks the hosted service's rules: under the
 * local suffix only `<project>.<suffix>` and `<project>-<deployment>.<suffix>`; elsewhere a
 * registered domain or one label under a registered `*.` wildcard.
 */
export function resolveAttachableDomain(raw: string, ctx: DomainContext): string {
  const notAllowed = (why: string): never => {
    throw new HttpError(
      400,
      'domainNotAllowed',
      `Domain ${JSON.stringify(raw)} cannot be attached: ${why}`
    )
  }
  const unknown = raw
    .match(/\{[^}]*\}/g)
    ?.find(p => p !== '{project.name}' && p !== '{deployment.id}')
  if (unknown)
    notAllowed(`unknown placeholder ${unknown}; only {project.name} and {deployment.id} exist.`)
  const name = expandDomain(raw, ctx.projectName, ctx.deploymentId)
  if (!isValidHostname(name)) notAllowed(`${JSON.stringify(name)} is not a valid host name.`)
  if (name.endsWith(`.${ctx.suffix}`)) {
    const allowed = [
      `${ctx.projectName}.${ctx.suffix}`,
      `${ctx.projectName}-${ctx.deploymentId}.${ctx.suffix}`
    ]
    if (!allowed.includes(name))
      notAllowed(
        `under ${ctx.suffix} only {project.name}.${ctx.suffix} and {project.name}-{deployment.id}.${ctx.suffix} (here ${allowed.join(' and ')}) can be attached.`
      )
    return name
  }
  if (ctx.registered.includes(name)) return name
  const parent = name.slice(name.indexOf('.') + 1)
  if (ctx.registered.includes(`*.${parent}`)) return name
  return notAllowed(
    `register it first with POST /organizations/{organizationId}/domains, or register *.${parent} to use any single label under it.`
  )
}

/** Whether a bound host name is still backed by a registered domain (or is under the suffix). */
export function isHostActive(host: string, suffix: string, registered: Set<string>): boolean {
  if (host.endsWith(`.${suffix}`)) return true
  return registered.has(host) || registered.has(`*.${host.slice(host.indexOf('.') + 1)}`)
}
