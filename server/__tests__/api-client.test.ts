// Drives the local server through every operation of the official `subhosting` v1 client.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import Subhosting from 'subhosting'
import { startLocalServer, type LocalServer } from '../testing/harness.js'

// A self-signed EC certificate for app.example.test (test fixture, not a secret).
const TEST_KEY = `-----BEGIN PRIVATE KEY-----
MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQg2gLpK882Upmi8eki
Mu5w9Ih6LpTpGei+rHfE7eMpuaqhRANCAAQh2fhKLupjPHbSje918Y2VVH9286cG
rGVRcqpx7O+KlisIqyp89/yWCgicSTtd6cdJ+fU3qV6ae5MsnstFaBME
-----END PRIVATE KEY-----`
const TEST_CERT = `-----BEGIN CERTIFICATE-----
MIIBjDCCATGgAwIBAgIUaUT9wkwAwJlRy69kd8mIvtYMVXAwCgYIKoZIzj0EAwIw
GzEZMBcGA1UEAwwQYXBwLmV4YW1wbGUudGVzdDAeFw0yNjExMjQwNTI4NDFaFw0z
NjExMjEwNTI4NDFaMBsxGTAXBgNVBAMMEGFwcC5leGFtcGxlLnRlc3QwWTATBgcq
hkjOPQIBBggqhkjOPQMBBwNCAAQh2fhKLupjPHbSje918Y2VVH9286cGrGVRcqpx
7O+KlisIqyp89/yWCgicSTtd6cdJ+fU3qV6ae5MsnstFaBMEo1MwUTAdBgNVHQ4E
FgQUDyeykdobhEcys8gvcVV+zP7RpzMwHwYDVR0jBBgwFoAUDyeykdobhEcys8gv
cVV+zP7RpzMwDwYDVR0TAQH/BAUwAwEB/zAKBggqhkjOPQQDAgNJADBGAiEA0Zzj
T2v95LBzOuTl46FzTOkJo2gpM8pGW2fnVXe6fwQCIQCvA1klzEfEX5W7w2PzOY8h
ygkjwCERDWqZMA7FVXxZ3Q==
-----END CERTIFICATE-----`

const HELLO = `Deno.serve(req => {
  console.log('served ' + new URL(req.url).pathname)
  return new Response('hello ' + (Deno.env.get('GREETING') ?? 'nobody'))
})`

let server: LocalServer
let client: Subhosting

async function waitUntilBuilt(id: string): Promise<Subhosting.Deployment> {
  for (;;) {
    const d = await client.deployments.get(id)
    if (d.status !== 'pending') return d
    await new Promise(resolve => setTimeout(resolve, 200))
  }
}

beforeAll(async () => {
  server = await startLocalServer()
  client = new Subhosting({ bearerToken: server.token, baseURL: server.apiUrl, maxRetries: 0 })
})

afterAll(async () => {
  await server?.stop()
})

describe('organizations', () => {
  it('gets the organization and its analytics', async () => {
    const org = await client.organizations.get(server.organizationId)
    expect(org).toEqual({
      id: server.organizationId,
      name: expect.any(String),
      createdAt: expect.any(String),
      updatedAt: expect.any(String)
    })
    const until = new Date()
    const since = new Date(until.getTime() - 60 * 60 * 1000)
    const analytics = await client.organizations.analytics.get(server.organizationId, {
      since: since.toISOString(),
      until: until.toISOString()
    })
    expect(analytics.fields[0]).toEqual({ name: 'time', type: 'time' })
    expect(analytics.fields.map(f => f.name)).toEqual(
      expect.arrayContaining(['requestCount', 'kvReadCount', 'kvWriteCount'])
    )
    expect(analytics.values.length).toBeGreaterThanOrEqual(4)
    for (const row of analytics.values) expect(row).toHaveLength(analytics.fields.length)
  })

  it('answers 404 organizationNotFound for another organization id', async () => {
    const err = await client.organizations.get('00000000-0000-4000-8000-000000000000').catch(e => e)
    expect(err).toBeInstanceOf(Subhosting.NotFoundError)
    expect(err.error).toMatchObject({ code: 'organizationNotFound' })
  })
})

describe('projects', () => {
  it('creates, lists, gets, updates and deletes projects', async () => {
    const created = await client.organizations.projects.create(server.organizationId, {
      name: 'client-project',
      description: 'first'
    })
    expect(created).toMatchObject({ name: 'client-project', description: 'first' })
    const random = await client.organizations.projects.create(server.organizationId, {})
    expect(random.name).toMatch(/^[a-z]+-[a-z]+-\d+$/)

    const listed = await client.organizations.projects.list(server.organizationId, {
      q: 'client-',
      sort: 'name'
    })
    expect(listed.map(p => p.id)).toEqual([created.id])

    expect(await client.projects.get(created.id)).toEqual(created)
    const updated = await client.projects.update(created.id, { description: 'second', name: null })
    expect(updated).toMatchObject({ name: 'client-project', description: 'second' })

    await client.projects.delete(random.id)
    const err = await client.projects.get(random.id).catch(e => e)
    expect(err).toBeInstanceOf(Subhosting.NotFoundError)
    expect(err.error).toMatchObject({ code: 'projectNotFound' })
  })

  it('rejects a duplicate name and an unknown field', async () => {
    await client.organizations.projects.create(server.organizationId, { name: 'taken-name' })
    const dup = await client.organizations.projects
      .create(server.organizationId, { name: 'taken-name' })
      .catch(e => e)
    expect(dup).toBeInstanceOf(Subhosting.BadRequestError)
    const unknown = await client.organizations.projects
      .create(server.organizationId, { name: 'x-y-z', colour: 'red' } as never)
      .catch(e => e)
    expect(unknown).toBeInstanceOf(Subhosting.BadRequestError)
    expect(unknown.error.message).toContain("'colour'")
  })
})

describe('KV databases', () => {
  it('creates, lists and updates databases', async () => {
    const db = await client.organizations.databases.create(server.organizationId, {
      description: 'counters'
    })
    expect(db).toMatchObject({ organizationId: server.organizationId, description: 'counters' })
    const list = await client.organizations.databases.list(server.organizationId, { q: 'counters' })
    expect(list.map(d => d.id)).toContain(db.id)
    const updated = await client.databases.update(db.id, { description: 'renamed' })
    expect(updated).toMatchObject({ id: db.id, description: 'renamed' })
    const missing = await client.databases
      .update('00000000-0000-4000-8000-000000000000', {})
      .catch(e => e)
    expect(missing.error).toMatchObject({ code: 'databaseNotFound' })
  })
})

describe('deployments, logs and domains', () => {
  let projectId: string
  let deploymentId: string
  let projectName: string

  beforeAll(async () => {
    const project = await client.organizations.projects.create(server.organizationId, {
      name: 'client-app'
    })
    projectId = project.id
    projectName = project.name
  })

  it('creates a deployment that builds, serves and logs', async () => {
    const created = await client.projects.deployments.create(projectId, {
      entryPointUrl: 'main.ts',
      assets: { 'main.ts': { kind: 'file', content: HELLO } },
      envVars: { GREETING: 'client' },
      description: 'from the client'
    })
    expect(created).toMatchObject({ projectId, status: 'pending', databases: {} })
    expect(created.id).toMatch(/^[a-z0-9]{12}$/)
    deploymentId = created.id

    const logs = await client.deployments.buildLogs.get(deploymentId)
    expect(Array.isArray(logs)).toBe(true)
    expect(logs.length).toBeGreaterThan(0)
    for (const line of logs)
      expect(line).toEqual({ level: expect.any(String), message: expect.any(String) })

    const done = await waitUntilBuilt(deploymentId)
    expect(done).toMatchObject({
      status: 'success',
      description: 'from the client',
      domains: [`${projectName}-${deploymentId}.deploy.localhost`]
    })
    const res = await server.fetchHost(done.domains![0], '/hi')
    expect(res.status).toBe(200)
    expect(res.text()).toBe('hello client')

    const list = await client.projects.deployments.list(projectId)
    expect(list.map(d => d.id)).toContain(deploymentId)

    const since = new Date(Date.now() - 60 * 60 * 1000).toISOString()
    let appLogs: Subhosting.Deployments.AppLogGetResponse = []
    for (let i = 0; i < 50 && appLogs.length === 0; i++) {
      appLogs = await client.deployments.appLogs.get(deploymentId, { since, q: 'served /hi' })
      if (appLogs.length === 0) await new Promise(resolve => setTimeout(resolve, 100))
    }
    expect(appLogs[0]).toMatchObject({
      level: 'info',
      message: 'served /hi',
      region: expect.stringMatching(/^gcp-/)
    })
    const recent = await client.deployments.appLogs.get(deploymentId)
    expect(recent.some(l => l.message === 'served /hi')).toBe(true)

    const projectAnalytics = await client.projects.analytics.get(projectId, {
      since,
      until: new Date(Date.now() + 60_000).toISOString()
    })
    const column = projectAnalytics.fields.findIndex(f => f.name === 'requestCount')
    const total = projectAnalytics.values.reduce((sum, row) => sum + (row[column] as number), 0)
    expect(total).toBeGreaterThanOrEqual(1)
  })

  it('redeploys with merged env_vars and deletes deployments', async () => {
    const redeployed = await client.deployments.redeploy(deploymentId, {
      env_vars: { GREETING: 'redeployed' },
      description: 'second'
    })
    expect(redeployed.id).not.toBe(deploymentId)
    const done = await waitUntilBuilt(redeployed.id)
    expect(done).toMatchObject({ status: 'success', description: 'second' })
    expect((await server.fetchHost(done.domains![0])).text()).toBe('hello redeployed')

    await client.deployments.delete(redeployed.id)
    const err = await client.deployments.get(redeployed.id).catch(e => e)
    expect(err.error).toMatchObject({ code: 'deploymentNotFound' })
    expect((await server.fetchHost(done.domains![0])).status).toBe(404)
  })

  it('registers, verifies, certifies, attaches and deletes a custom domain', async () => {
    const domain = await client.organizations.domains.create(server.organizationId, {
      domain: 'app.example.test'
    })
    expect(domain).toMatchObject({
      organizationId: server.organizationId,
      domain: 'app.example.test',
      isValidated: false,
      provisioningStatus: { code: 'pending' },
      certificates: []
    })
    expect(domain.dnsRecords.map(r => r.type)).toEqual(['A', 'AAAA', 'CNAME'])

    const list = await client.organizations.domains.list(server.organizationId, {
      q: 'example.test'
    })
    expect(list.map(d => d.id)).toEqual([domain.id])

    await client.domains.verify(domain.id)
    expect((await client.domains.get(domain.id)).isValidated).toBe(true)

    await client.domains.certificates.create(domain.id, {
      privateKey: TEST_KEY,
      certificateChain: TEST_CERT
    })
    const withCert = await client.domains.get(domain.id)
    expect(withCert.certificates).toEqual([expect.objectContaining({ cipher: 'ec' })])
    expect(withCert.provisioningStatus).toEqual({ code: 'manual' })
    const badCert = await client.domains.certificates
      .create(domain.id, { privateKey: 'nope', certificateChain: TEST_CERT })
      .catch(e => e)
    expect(badCert).toBeInstanceOf(Subhosting.BadRequestError)

    await client.domains.certificates.provision(domain.id)
    expect((await client.domains.get(domain.id)).provisioningStatus).toEqual({ code: 'success' })

    await client.domains.update(domain.id, { deploymentId })
    expect(await client.domains.get(domain.id)).toMatchObject({ deploymentId, projectId })
    expect((await server.fetchHost('app.example.test')).text()).toBe('hello client')
    expect((await client.deployments.get(deploymentId)).domains).toContain('app.example.test')

    await client.domains.delete(domain.id)
    const gone = await client.domains.get(domain.id).catch(e => e)
    expect(gone.error).toMatchObject({ code: 'domainNotFound' })
    expect((await server.fetchHost('app.example.test')).status).toBe(404)
  })

  it('rejects a bad token on every client call', async () => {
    const bad = new Subhosting({ bearerToken: 'ddo_wrong', baseURL: server.apiUrl, maxRetries: 0 })
    const calls: Promise<unknown>[] = [
      bad.organizations.get(server.organizationId),
      bad.projects.get(projectId),
      bad.deployments.get(deploymentId),
      bad.organizations.projects.list(server.organizationId),
      bad.organizations.domains.list(server.organizationId),
      bad.organizations.databases.list(server.organizationId)
    ]
    for (const call of calls) {
      const err = await call.catch(e => e)
      expect(err).toBeInstanceOf(Subhosting.AuthenticationError)
      expect((err as { error: unknown }).error).toMatchObject({ code: 'invalidToken' })
    }
  })
})
