// v2 organization domains: registration with the DNS records to publish, verification (no DNS
// here: names under the server's suffix, or every name with --verify-all-domains), certificates.
import { X509Certificate, createPrivateKey, randomBytes, type KeyObject } from 'node:crypto'
import { isValidHostname } from '../routing/domain-rules.js'
import { newUuid, timestamp } from '../storage/ids.js'
import { expectObject } from '../http/validate.js'
import { conflict, malformed, v2NotFound } from './errors.js'
import { nextSeq, type DomainKind, type V2CertificateRec, type V2DomainRec } from './model.js'
import type { V2Service } from './service.js'
import { verifiedNames } from './state-queries.js'

const KINDS: DomainKind[] = ['base_only', 'wildcard_only', 'base_and_wildcard']
const short = (s: string): string => JSON.stringify(s.length > 80 ? `${s.slice(0, 80)}…` : s)

export function getDomain(svc: V2Service, idOrName: string): V2DomainRec {
  const key = idOrName.toLowerCase().replace(/\.$/, '')
  const domains = svc.state.domains
  const found = domains[key] ?? Object.values(domains).find(d => d.domain === key)
  if (!found)
    throw v2NotFound(
      `Domain ${short(idOrName)} is not registered to this organization; list them with GET /v2/domains.`
    )
  return found
}

/** Alternative record sets (CNAME, or A/AAAA), each with the `_acme-challenge` TXT record. */
function dnsRecords(d: V2DomainRec, target: string): Record<string, string>[][] {
  const names = [
    ...(d.kind !== 'wildcard_only' ? ['@'] : []),
    ...(d.kind !== 'base_only' ? ['*'] : [])
  ]
  const record = (name: string, type: string, value: string): Record<string, string> => ({
    name,
    base: d.domain,
    type,
    value
  })
  const acme = record('_acme-challenge', 'TXT', d.token)
  return [
    [...names.map(n => record(n, 'CNAME', target)), acme],
    [...names.flatMap(n => [record(n, 'A', '127.0.0.1'), record(n, 'AAAA', '::1')]), acme]
  ]
}

export function domainView(svc: V2Service, d: V2DomainRec): Record<string, unknown> {
  const n = svc.naming()
  return {
    id: d.id,
    organization_id: n.orgId,
    domain: d.domain,
    kind: d.kind,
    verification_token: d.token,
    is_validated: d.isValidated,
    dns_records: dnsRecords(d, `${n.org}.${n.suffix}`),
    provisioning_status: d.provisioning,
    certificates: d.certificates.map(certificateView),
    created_at: d.createdAt,
    updated_at: d.updatedAt
  }
}

export const certificateView = (c: V2CertificateRec): Record<string, unknown> => ({
  id: c.id,
  kind: c.kind,
  subject_alt_names: c.subjectAltNames,
  private_key_algorithm: c.privateKeyAlgorithm,
  not_valid_before: c.notValidBefore,
  not_valid_after: c.notValidAfter,
  created_at: c.createdAt
})

export async function registerDomain(svc: V2Service, raw: unknown): Promise<V2DomainRec> {
  const obj = expectObject(raw ?? {}, 'The request body', ['domain', 'kind'])
  if (typeof obj.domain !== 'string') throw malformed('domain is required: a bare host name.')
  const name = obj.domain.trim().toLowerCase().replace(/\.$/, '')
  if (name.startsWith('*.'))
    throw malformed(
      `domain ${short(obj.domain)} starts with "*."; send the bare name and kind "wildcard_only" or "base_and_wildcard".`
    )
  if (!isValidHostname(name))
    throw malformed(`domain ${short(obj.domain)} is not a valid host name.`)
  const kind = obj.kind ?? 'base_only'
  if (!KINDS.includes(kind as DomainKind))
    throw malformed(`kind must be one of ${KINDS.join(', ')}.`)
  if (Object.values(svc.state.domains).some(d => d.domain === name))
    throw conflict(
      'DOMAIN_ALREADY_EXISTS',
      `Domain ${name} is already registered; GET /v2/domains/${name} shows its records.`
    )
  const now = timestamp()
  const domain: V2DomainRec = {
    id: newUuid(),
    domain: name,
    kind: kind as DomainKind,
    token: randomBytes(16).toString('hex'),
    isValidated: false,
    certificates: [],
    provisioning: { code: 'pending' },
    createdAt: now,
    updatedAt: now,
    seq: nextSeq(svc.state)
  }
  svc.state.domains[domain.id] = domain
  await svc.changed()
  return domain
}

/** There is no DNS to look at: the server's own names verify, others only when the flag says. */
export async function verifyDomain(svc: V2Service, d: V2DomainRec): Promise<void> {
  const { domainSuffix, verifyAllDomains } = svc.deps.options
  const own = d.domain === domainSuffix || d.domain.endsWith(`.${domainSuffix}`)
  if (!d.isValidated && (own || verifyAllDomains === true)) {
    d.isValidated = true
    d.updatedAt = timestamp()
    await svc.changed(d)
  }
}

/** Removes the domain and every revision binding only it allowed. */
export async function deleteDomain(svc: V2Service, d: V2DomainRec): Promise<void> {
  delete svc.state.domains[d.id]
  const n = svc.naming()
  const allowed = new Set([...n.verified, ...verifiedNames(svc.state)])
  const covered = (host: string): boolean =>
    host.endsWith(`.${n.suffix}`) ||
    allowed.has(host) ||
    allowed.has(`*.${host.slice(host.indexOf('.') + 1)}`)
  const pruned = Object.values(svc.state.revisions).filter(rev =>
    rev.bindings.some(b => !covered(b.host))
  )
  for (const rev of pruned) rev.bindings = rev.bindings.filter(b => covered(b.host))
  await svc.changed(...pruned)
}

const ALGORITHMS: Record<string, string> = { 'rsa:2048': 'rsa-2048', 'ec:prime256v1': 'ec-p256' }

function keyAlgorithm(key: KeyObject): string {
  const details = key.asymmetricKeyDetails ?? {}
  const id = `${key.asymmetricKeyType}:${details.modulusLength ?? details.namedCurve}`
  const algorithm = ALGORITHMS[id]
  if (!algorithm) throw malformed(`private_key is ${id}; send an RSA-2048 or EC P-256 key.`)
  return algorithm
}

const covers = (sans: string[], host: string): boolean =>
  sans.includes(host) || sans.includes(`*.${host.slice(host.indexOf('.') + 1)}`)

/** Parses the upload and checks what the platform checks: key type, key match, coverage. */
export function parseUpload(d: V2DomainRec, raw: unknown): V2CertificateRec {
  const obj = expectObject(raw ?? {}, 'The request body', ['certificate', 'private_key'])
  if (typeof obj.certificate !== 'string' || typeof obj.private_key !== 'string')
    throw malformed('certificate and private_key are required PEM strings.')
  let cert: X509Certificate
  let key: KeyObject
  try {
    cert = new X509Certificate(obj.certificate)
    key = createPrivateKey(obj.private_key)
  } catch (err) {
    throw malformed(`certificate or private_key is not valid PEM (${(err as Error).message}).`)
  }
  const algorithm = keyAlgorithm(key)
  if (!cert.checkPrivateKey(key)) throw malformed('private_key does not match the certificate.')
  const sans = (cert.subjectAltName ?? '')
    .split(', ')
    .filter(s => s.startsWith('DNS:'))
    .map(s => s.slice(4).toLowerCase())
  const wanted = [
    ...(d.kind !== 'wildcard_only' ? [d.domain] : []),
    ...(d.kind !== 'base_only' ? [`x.${d.domain}`] : [])
  ]
  if (!wanted.every(host => covers(sans, host)))
    throw malformed(
      `The certificate covers ${sans.join(', ') || 'no DNS names'}, not ${d.kind === 'base_only' ? d.domain : `${d.domain} and *.${d.domain}`}.`
    )
  return {
    id: newUuid(),
    kind: 'manual',
    subjectAltNames: sans,
    privateKeyAlgorithm: algorithm,
    notValidBefore: new Date(cert.validFrom).toISOString(),
    notValidAfter: new Date(cert.validTo).toISOString(),
    createdAt: timestamp()
  }
}

/** Nothing is issued locally: a 90-day automatic certificate is recorded once verified. */
export async function provisionCertificate(svc: V2Service, d: V2DomainRec): Promise<void> {
  if (!d.isValidated)
    throw conflict(
      'DOMAIN_NOT_VERIFIED',
      `Domain ${d.domain} is not verified; publish its dns_records, then POST /v2/domains/${d.domain}/verify.`
    )
  const now = new Date()
  const sans = [
    ...(d.kind !== 'wildcard_only' ? [d.domain] : []),
    ...(d.kind !== 'base_only' ? [`*.${d.domain}`] : [])
  ]
  d.certificates = d.certificates.filter(c => c.kind !== 'automatic')
  d.certificates.push({
    id: newUuid(),
    kind: 'automatic',
    subjectAltNames: sans,
    privateKeyAlgorithm: 'ec-p256',
    notValidBefore: now.toISOString(),
    notValidAfter: new Date(now.getTime() + 90 * 86_400_000).toISOString(),
    createdAt: now.toISOString()
  })
  d.provisioning = { code: 'success' }
  d.updatedAt = now.toISOString()
  await svc.changed(d)
}
