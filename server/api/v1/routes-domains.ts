import { X509Certificate, createPrivateKey, randomBytes } from 'node:crypto'
import {
  attachableHost,
  domainView,
  getDeployment,
  getDomain,
  getOrg,
  getProject
} from './records.js'
import { type Ctx } from '../context.js'
import { validateRegisteredDomain } from '../routing/domain-rules.js'
import { claimHost } from '../routing/host-owners.js'
import { HttpError, invalidRequest, notFound } from '../http/errors.js'
import { ok, type Reply } from '../http/http-util.js'
import { newUuid, timestamp } from '../storage/ids.js'
import { listReply, type ListSpec } from '../http/pagination.js'
import type { Route } from '../http/route-types.js'
import type { CertificateRec, DomainRec } from '../storage/store.js'
import { expectObject, reqString } from '../http/validate.js'

const DAY_MS = 24 * 60 * 60 * 1000

const DOMAIN_LIST: ListSpec<DomainRec> = {
  sorts: { domain: d => d.domain, created_at: d => d.createdAt, updated_at: d => d.updatedAt },
  defaultSort: 'updated_at',
  matches: (d, q) => d.domain.includes(q) || d.id === q
}

/** Verification always succeeds locally: there is no DNS to check. */
function verify(domain: DomainRec): void {
  domain.isValidated = true
  domain.updatedAt = timestamp()
}

function parseCertificate(privateKey: string, chain: string): CertificateRec {
  let cipher: 'rsa' | 'ec'
  let expiresAt: string
  try {
    const type = createPrivateKey(privateKey).asymmetricKeyType
    if (type !== 'rsa' && type !== 'ec') throw new Error(`unsupported key type ${type}`)
    cipher = type
  } catch (err) {
    throw invalidRequest(
      `privateKey is not a usable PEM private key (${(err as Error).message}); send an RSA or EC key in PEM.`
    )
  }
  try {
    expiresAt = new Date(new X509Certificate(chain).validTo).toISOString()
  } catch (err) {
    throw invalidRequest(
      `certificateChain is not a PEM certificate chain (${(err as Error).message}).`
    )
  }
  const now = timestamp()
  return { cipher, expiresAt, createdAt: now, updatedAt: now }
}

/** A certificate proves control of the domain, so installing one also verifies it. */
async function installCertificates(
  ctx: Ctx,
  domain: DomainRec,
  certificates: CertificateRec[],
  code: 'manual' | 'success'
): Promise<Reply> {
  verify(domain)
  domain.certificates = certificates
  domain.provisioningStatus = { code }
  await ctx.store.save(domain)
  return ok()
}

export const domainRoutes: Route[] = [
  {
    method: 'GET',
    path: '/v1/organizations/:organizationId/domains',
    async handler(ctx, r) {
      getOrg(ctx, r.params.organizationId)
      const domains = Object.values(ctx.store.state.domains)
      return listReply(r, domains, DOMAIN_LIST, d => domainView(ctx, d))
    }
  },
  {
    method: 'POST',
    path: '/v1/organizations/:organizationId/domains',
    async handler(ctx, { params, body }) {
      getOrg(ctx, params.organizationId)
      const obj = expectObject(await body(), 'The request body', ['domain'])
      const name = validateRegisteredDomain(
        reqString(obj, 'domain', 'body'),
        ctx.options.domainSuffix
      )
      if (Object.values(ctx.store.state.domains).some(d => d.domain === name))
        throw new HttpError(
          400,
          'domainAlreadyExists',
          `Domain ${name} is already registered in this organization.`
        )
      const now = timestamp()
      const domain: DomainRec = {
        id: newUuid(),
        organizationId: ctx.store.org.id,
        domain: name,
        token: randomBytes(16).toString('hex'),
        isValidated: false,
        certificates: [],
        provisioningStatus: { code: 'pending' },
        createdAt: now,
        updatedAt: now
      }
      ctx.store.state.domains[domain.id] = domain
      await ctx.store.save()
      ctx.v2.domainsChanged()
      return ok(domainView(ctx, domain))
    }
  },
  {
    method: 'GET',
    path: '/v1/domains/:domainId',
    async handler(ctx, { params }) {
      return ok(domainView(ctx, getDomain(ctx, params.domainId)))
    }
  },
  {
    method: 'PATCH',
    path: '/v1/domains/:domainId',
    async handler(ctx, { params, body }) {
      const domain = getDomain(ctx, params.domainId)
      const obj = expectObject((await body()) ?? {}, 'The request body', ['deploymentId'])
      if (domain.domain.startsWith('*.'))
        throw new HttpError(
          400,
          'domainNotAllowed',
          `${domain.domain} is a wildcard; attach a concrete name under it with PUT /deployments/{id}/domains/{domain}.`
        )
      if (obj.deploymentId === null) {
        delete ctx.store.state.bindings[domain.domain]
      } else if (obj.deploymentId !== undefined) {
        if (typeof obj.deploymentId !== 'string')
          throw invalidRequest('body.deploymentId must be a string or null.')
        const deployment = getDeployment(ctx, obj.deploymentId)
        const owner = { kind: 'project' as const, id: deployment.projectId }
        claimHost(ctx.store.state, ctx.options.domainSuffix, domain.domain, owner)
        ctx.store.state.bindings[domain.domain] = deployment.id
      }
      domain.updatedAt = timestamp()
      await ctx.store.save(domain)
      return ok()
    }
  },
  {
    method: 'DELETE',
    path: '/v1/domains/:domainId',
    async handler(ctx, { params }) {
      const domain = getDomain(ctx, params.domainId)
      // Bindings stay in the state but go inactive; re-adding the domain revives them.
      delete ctx.store.state.domains[domain.id]
      await ctx.store.save()
      ctx.v2.domainsChanged()
      return ok()
    }
  },
  {
    method: 'POST',
    path: '/v1/domains/:domainId/verify',
    async handler(ctx, { params }) {
      const domain = getDomain(ctx, params.domainId)
      verify(domain)
      await ctx.store.save(domain)
      return ok()
    }
  },
  {
    method: 'POST',
    path: '/v1/domains/:domainId/certificates',
    async handler(ctx, { params, body }) {
      const domain = getDomain(ctx, params.domainId)
      const obj = expectObject(await body(), 'The request body', ['privateKey', 'certificateChain'])
      const cert = parseCertificate(
        reqString(obj, 'privateKey', 'body'),
        reqString(obj, 'certificateChain', 'body')
      )
      const others = domain.certificates.filter(c => c.cipher !== cert.cipher)
      return installCertificates(ctx, domain, [...others, cert], 'manual')
    }
  },
  {
    method: 'POST',
    path: '/v1/domains/:domainId/certificates/provision',
    async handler(ctx, { params }) {
      const now = new Date()
      // No ACME locally: record a certificate like the hosted service's 90-day ones.
      const cert: CertificateRec = {
        cipher: 'ec',
        expiresAt: new Date(now.getTime() + 90 * DAY_MS).toISOString(),
        createdAt: timestamp(now),
        updatedAt: timestamp(now)
      }
      return installCertificates(ctx, getDomain(ctx, params.domainId), [cert], 'success')
    }
  },
  {
    method: 'PUT',
    path: '/v1/deployments/:deploymentId/domains/:domain',
    async handler(ctx, { params }) {
      const deployment = getDeployment(ctx, params.deploymentId)
      const project = getProject(ctx, deployment.projectId)
      const host = attachableHost(ctx, project, deployment.id, params.domain)
      ctx.store.state.bindings[host] = deployment.id
      await ctx.store.save()
      return ok({ domain: host })
    }
  },
  {
    method: 'DELETE',
    path: '/v1/deployments/:deploymentId/domains/:domain',
    async handler(ctx, { params }) {
      const deployment = getDeployment(ctx, params.deploymentId)
      const project = getProject(ctx, deployment.projectId)
      const host = params.domain
        .replaceAll('{project.name}', project.name)
        .replaceAll('{deployment.id}', deployment.id)
        .toLowerCase()
      if (ctx.store.state.bindings[host] !== deployment.id)
        throw notFound(
          'domainNotFound',
          `Domain ${host} is not attached to deployment ${deployment.id}.`
        )
      delete ctx.store.state.bindings[host]
      await ctx.store.save()
      return ok()
    }
  }
]
