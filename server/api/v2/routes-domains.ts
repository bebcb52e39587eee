// /v2/domains: register, list, get, delete, verify, certificates (upload, list, provision).
import { ok } from '../http/http-util.js'
import { timestamp } from '../storage/ids.js'
import {
  certificateView,
  deleteDomain,
  domainView,
  getDomain,
  parseUpload,
  provisionCertificate,
  registerDomain,
  verifyDomain
} from './domains.js'
import { checkParams, nextPageLink, noContent, paginateBy } from './http.js'
import type { V2Route } from './route.js'

export const domainRoutes: V2Route[] = [
  {
    method: 'POST',
    path: '/domains',
    async handler(svc, { body }) {
      return ok(domainView(svc, await registerDomain(svc, await body())))
    }
  },
  {
    method: 'GET',
    path: '/domains',
    async handler(svc, { url }) {
      checkParams(url, ['search', 'cursor', 'limit'])
      const search = (url.searchParams.get('search') ?? '').toLowerCase()
      const domains = Object.values(svc.state.domains)
        .filter(d => d.domain.includes(search) || d.id === search)
        .sort((a, b) => a.seq - b.seq)
      const page = paginateBy(url, domains, d => d.seq)
      const keep: Record<string, string> = search ? { search: search.slice(0, 256) } : {}
      return ok(
        page.items.map(d => domainView(svc, d)),
        nextPageLink(url, page.next, keep)
      )
    }
  },
  {
    method: 'GET',
    path: '/domains/:domain',
    async handler(svc, { params }) {
      return ok(domainView(svc, getDomain(svc, params.domain)))
    }
  },
  {
    method: 'DELETE',
    path: '/domains/:domain',
    async handler(svc, { params }) {
      await deleteDomain(svc, getDomain(svc, params.domain))
      return noContent()
    }
  },
  {
    method: 'POST',
    path: '/domains/:domain/verify',
    async handler(svc, { params }) {
      const domain = getDomain(svc, params.domain)
      await verifyDomain(svc, domain)
      return ok(domainView(svc, domain))
    }
  },
  {
    method: 'POST',
    path: '/domains/:domain/certificates',
    async handler(svc, { params, body }) {
      const domain = getDomain(svc, params.domain)
      const cert = parseUpload(domain, await body())
      // An uploaded certificate replaces the previous manual one, as on the platform.
      domain.certificates = [...domain.certificates.filter(c => c.kind !== 'manual'), cert]
      domain.provisioning = { code: 'manual' }
      domain.updatedAt = timestamp()
      await svc.changed(domain)
      return ok(domainView(svc, domain))
    }
  },
  {
    method: 'GET',
    path: '/domains/:domain/certificates',
    async handler(svc, { params }) {
      const domain = getDomain(svc, params.domain)
      return ok({
        certificates: domain.certificates.map(certificateView),
        provisioning_status: domain.provisioning
      })
    }
  },
  {
    method: 'POST',
    path: '/domains/:domain/certificates/provision',
    async handler(svc, { params }) {
      await provisionCertificate(svc, getDomain(svc, params.domain))
      return { status: 202, body: { accepted: true } }
    }
  }
]
