// One owner per host name, across v1 projects and v2 apps: creates and binds that would take a
// name another tenant holds, or one reserved for another's default and preview hosts, get 409.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { api, deployAssets } from '../testing/deploys.js'
import { startLocalServer, type LocalServer } from '../testing/harness.js'
import { DYNAMIC, helloAssets, previewHost, v2Client } from '../testing/v2-helpers.js'

let server: LocalServer
let v2: ReturnType<typeof v2Client>
/** v1 project `alpha` with a built deployment, and v2 app `foo` with a preview revision. */
let alpha: { id: string }
let alphaDeployment: string
let fooRevision: string

const MAIN = {
  'main.ts': {
    kind: 'file' as const,
    content: 'Deno.serve(() => new Response("v1"))\n',
    encoding: 'utf-8' as const
  }
}

beforeAll(async () => {
  server = await startLocalServer()
  v2 = v2Client(server)
  alpha = await server.createProject('alpha')
  const d = await deployAssets(server, alpha.id, MAIN)
  expect(d.status).toBe('success')
  alphaDeployment = d.id
  await v2.createApp('foo', { config: DYNAMIC })
  const rev = await v2.deploy('foo', {
    assets: helloAssets('foo'),
    production: false,
    preview: true
  })
  fooRevision = (await v2.settle(rev.id)).id
})

afterAll(async () => {
  await server?.stop()
})

const inUse = (kind: 'project' | 'app'): Record<string, unknown> => ({
  code: 'DOMAIN_IN_USE',
  message: expect.stringContaining(`in use by another ${kind}`)
})

describe('host ownership (v2)', () => {
  it("refuses an app whose slug would make its default host another app's preview host", async () => {
    const taken = await v2.call('POST', '/apps', { slug: `foo-${fooRevision}` })
    expect(taken.status).toBe(409)
    expect(taken.body).toMatchObject(inUse('app'))
    expect((await server.fetchHost(previewHost(server, 'foo', fooRevision))).text()).toBe('foo')
  })

  it("refuses to bind another app's preview host, a name another app binds, or a future default host", async () => {
    await v2.createApp('bar', { config: DYNAMIC })
    const rev = await v2.deploy('bar', {
      assets: helloAssets('bar'),
      production: false,
      preview: true
    })
    await v2.settle(rev.id)
    const bind = (host: string): ReturnType<typeof v2.call> =>
      v2.call('PUT', `/revisions/${rev.id}/domains`, { preview: [host] })
    const preview = await bind(previewHost(server, 'foo', fooRevision))
    expect(preview.status).toBe(409)
    expect(preview.body).toMatchObject(inUse('app'))

    expect(
      (
        await v2.call('PUT', `/revisions/${fooRevision}/domains`, {
          preview: ['x.apps.deploy.localhost']
        })
      ).status
    ).toBe(204)
    expect((await bind('x.apps.deploy.localhost')).body).toMatchObject(inUse('app'))
    expect((await server.fetchHost('x.apps.deploy.localhost')).text()).toBe('foo')

    const future = await bind('later.local.deploy.localhost')
    expect(future.status).toBe(409)
    expect(future.body).toMatchObject({ code: 'DOMAIN_RESERVED' })
    expect((await bind('alpha.deploy.localhost')).body).toMatchObject(inUse('project'))
  })

  it("refuses a deploy whose production domains take another app's bound domain", async () => {
    await v2.createApp('baz', { config: DYNAMIC })
    const refused = await v2.call('POST', '/apps/baz/deploy', {
      assets: helloAssets('baz'),
      production: { domains: ['x.apps.deploy.localhost'] }
    })
    expect(refused.status).toBe(409)
    expect(refused.body).toMatchObject(inUse('app'))
    expect((await server.fetchHost('x.apps.deploy.localhost')).text()).toBe('foo')
  })

  it('lets exactly one of two apps deploying the same new domain at once have it', async () => {
    await v2.createApp('racea', { config: DYNAMIC })
    await v2.createApp('raceb', { config: DYNAMIC })
    // Many assets keep each deploy between its first check and its store for a while.
    const assets = (body: string) => {
      const files: Record<string, { content: string }> = helloAssets(body)
      for (let i = 0; i < 400; i++) files[`pad/${i}.txt`] = { content: `${body} ${i} `.repeat(50) }
      return files
    }
    const production = { domains: ['shared.race.deploy.localhost'] }
    const replies = await Promise.all(
      ['racea', 'raceb'].map(app =>
        v2.call('POST', `/apps/${app}/deploy`, { assets: assets(app), production })
      )
    )
    expect(replies.map(r => r.status).sort()).toEqual([202, 409])
    const loser = replies.find(r => r.status === 409)!
    expect(loser.body).toMatchObject(inUse('app'))
    const winner = replies.find(r => r.status === 202)!
    await v2.settle(winner.body.id as string)
    const served = (await server.fetchHost('shared.race.deploy.localhost')).text()
    expect(['racea', 'raceb']).toContain(served)
  })
})

describe('host ownership (v1)', () => {
  it("refuses a project named after another project's deployment host", async () => {
    const org = `/organizations/${server.organizationId}/projects`
    const taken = await api(server, 'POST', org, { name: `alpha-${alphaDeployment}` })
    expect(taken.status).toBe(409)
    expect(taken.body).toMatchObject({ code: 'domainInUse' })
    const served = await server.fetchHost(`alpha-${alphaDeployment}.deploy.localhost`)
    expect(served.text()).toBe('v1')
  })

  it('refuses to attach a registered domain another project or app holds; moving it within a project stays allowed', async () => {
    const domainId = await registerDomain('shop.example.test')
    const attach = (deploymentId: string): Promise<{ status: number; body: unknown }> =>
      api(server, 'PATCH', `/domains/${domainId}`, { deploymentId })
    expect((await attach(alphaDeployment)).status).toBe(200)
    const second = await deployAssets(server, alpha.id, MAIN)
    expect((await attach(second.id)).status).toBe(200)

    const other = await server.createProject('other')
    const otherDeployment = await deployAssets(server, other.id, MAIN)
    const refused = await attach(otherDeployment.id)
    expect(refused.status).toBe(409)
    expect(refused.body).toMatchObject({
      code: 'domainInUse',
      message: expect.stringContaining('another project')
    })
    const put = await api(
      server,
      'PUT',
      `/deployments/${otherDeployment.id}/domains/shop.example.test`
    )
    expect(put.status).toBe(409)
    const v2Bind = await v2.call('PUT', `/revisions/${fooRevision}/domains`, {
      preview: ['shop.example.test']
    })
    expect(v2Bind.body).toMatchObject(inUse('project'))
    expect((await server.fetchHost('shop.example.test')).text()).toBe('v1')
  })

  it('holds the domains a deployment asks for while it builds', async () => {
    const domainId = await registerDomain('early.example.test')
    expect((await api(server, 'POST', `/domains/${domainId}/verify`)).status).toBe(200)
    const created = await api<{ id: string; status: string }>(
      server,
      'POST',
      `/projects/${alpha.id}/deployments`,
      {
        entryPointUrl: 'main.ts',
        assets: MAIN,
        envVars: {},
        domains: ['early.example.test']
      }
    )
    expect(created.body.status).toBe('pending')
    const v2Bind = await v2.call('PUT', `/revisions/${fooRevision}/domains`, {
      preview: ['early.example.test']
    })
    expect(v2Bind.status).toBe(409)
    expect(v2Bind.body).toMatchObject(inUse('project'))
    await waitForV1(created.body.id)
    expect((await server.fetchHost('early.example.test')).text()).toBe('v1')
  })
})

/** A v1 domain registration of the organization; its id. */
async function registerDomain(domain: string): Promise<string> {
  const org = `/organizations/${server.organizationId}/domains`
  return (await api<{ id: string }>(server, 'POST', org, { domain })).body.id
}

async function waitForV1(id: string): Promise<void> {
  for (let i = 0; i < 300; i++) {
    const d = await api<{ status: string }>(server, 'GET', `/deployments/${id}`)
    if (d.body.status !== 'pending') return void expect(d.body.status).toBe('success')
    await new Promise(resolve => setTimeout(resolve, 100))
  }
  throw new Error(`deployment ${id} still pending`)
}
