// v2 records changed in place (a PATCHed layer, an app's layers, a verified and certified
// domain, bindings a deleted domain pruned) and added (a database instance) survive a SIGTERM
// restart: each is a row of the state database, saved when the change names it.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startLocalServer, type LocalServer } from '../testing/harness.js'
import { DYNAMIC, v2Client, type Revision } from '../testing/v2-helpers.js'

const GREETER = {
  'main.ts': { content: `Deno.serve(() => new Response(Deno.env.get('GREETING') ?? 'none'))\n` }
}

let dataDir: string
let server: LocalServer | undefined

const start = async (): Promise<ReturnType<typeof v2Client>> => {
  server = await startLocalServer({ dataDir, args: ['--verify-all-domains'] })
  return v2Client(server)
}

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'subhosting-restart-v2-'))
})

afterAll(async () => {
  await server?.stop()
  await rm(dataDir, { recursive: true, force: true })
})

/** Layer, app, two verified domains (one deleted), a bound revision, a database instance. */
async function populate(api: ReturnType<typeof v2Client>): Promise<Revision> {
  const ok = async (method: string, path: string, body?: unknown): Promise<unknown> => {
    const reply = await api.call(method, path, body)
    if (reply.status >= 300) throw new Error(`${method} ${path} → ${reply.status} ${reply.text}`)
    return reply.body
  }
  await ok('POST', '/layers', { slug: 'base', env_vars: [{ key: 'GREETING', value: 'hello' }] })
  await ok('PATCH', '/layers/base', {
    description: 'patched',
    env_vars: [{ key: 'GREETING', value: 'bonjour' }]
  })
  await api.createApp('keeper', { config: DYNAMIC })
  await ok('PATCH', '/apps/keeper', { layers: ['base'] })
  for (const domain of ['shop.example.test', 'gone.example.test']) {
    await ok('POST', '/domains', { domain })
    await ok('POST', `/domains/${domain}/verify`)
  }
  await ok('POST', '/domains/shop.example.test/certificates/provision')
  const rev = await api.settle((await api.deploy('keeper', { assets: GREETER })).id)
  expect(rev.status).toBe('succeeded')
  await ok('PUT', `/revisions/${rev.id}/domains`, {
    production: ['shop.example.test', 'gone.example.test']
  })
  await ok('DELETE', '/domains/gone.example.test')
  await ok('POST', '/database_instances', { slug: 'kv-store', connection: { engine: 'denokv' } })
  return rev
}

describe('restart (v2)', () => {
  it('keeps layers, app layers, verified domains, bindings and database instances', async () => {
    let api = await start()
    const rev = await populate(api)
    expect((await server!.fetchHost('shop.example.test')).text()).toBe('bonjour')

    await server!.stop()
    api = await start()

    expect((await api.call('GET', '/layers/base')).body).toMatchObject({
      description: 'patched',
      env_vars: [expect.objectContaining({ key: 'GREETING', value: 'bonjour' })]
    })
    expect((await api.call('GET', '/apps/keeper')).body).toMatchObject({
      layers: [expect.objectContaining({ slug: 'base' })]
    })
    expect((await api.call('GET', '/domains/shop.example.test')).body).toMatchObject({
      is_validated: true,
      provisioning_status: { code: 'success' },
      certificates: [expect.objectContaining({ kind: 'automatic' })]
    })
    expect((await api.call('GET', '/domains/gone.example.test')).status).toBe(404)
    const after = (await api.call<Revision>('GET', `/revisions/${rev.id}`)).body
    const hosts = after.timelines.flatMap(t => t.hostnames)
    expect(hosts).toContain('shop.example.test')
    expect(hosts).not.toContain('gone.example.test')
    // Served from the verified domain, with the patched layer's value.
    expect((await server!.fetchHost('shop.example.test')).text()).toBe('bonjour')
    const again = await api.call('POST', '/database_instances', {
      slug: 'kv-store',
      connection: { engine: 'denokv' }
    })
    expect(again.body).toMatchObject({ code: 'DATABASE_INSTANCE_ALREADY_EXISTS' })
    // The bound domain still has one owner: another app cannot take it.
    await api.createApp('thief', { config: DYNAMIC })
    const taken = await api.call('POST', '/apps/thief/deploy', {
      assets: GREETER,
      production: { domains: ['shop.example.test'] }
    })
    expect(taken.status).toBe(409)
    expect(taken.body).toMatchObject({ code: 'DOMAIN_IN_USE' })
  })
})
