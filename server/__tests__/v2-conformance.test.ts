// One full v2 scenario through a recording client: every request and every answer is checked
// against the document's shapes (server/testing/v2-schemas.ts), and the operations run are listed.
import { describe, it, expect, beforeAll, afterAll } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startLocalServer, type LocalServer } from '../testing/harness.js'
import { recordingClient, type Recording } from '../testing/v2-recorder.js'
import { DYNAMIC, prodHost, previewHost, type Revision } from '../testing/v2-helpers.js'

const KV_APP = `const kv = await Deno.openKv()
Deno.serve(async req => {
  const url = new URL(req.url)
  if (url.pathname === '/set') {
    await kv.set(['v'], url.searchParams.get('v'))
    return new Response('ok')
  }
  if (url.pathname === '/env')
    return Response.json({ g: Deno.env.get('GREETING') ?? null, p: Deno.env.get('ONLY_PREVIEW') ?? null })
  return new Response(String((await kv.get(['v'])).value))
})
`

/** A self-signed EC P-256 certificate for `host`, made by openssl in a temp dir it then removes. */
function selfSigned(host: string): { certificate: string; private_key: string } {
  const dir = mkdtempSync(join(tmpdir(), 'v2-cert-'))
  try {
    const [key, cert] = [join(dir, 'key.pem'), join(dir, 'cert.pem')]
    const curve = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes']
    const names = ['-subj', `/CN=${host}`, '-addext', `subjectAltName=DNS:${host}`]
    execFileSync(
      'openssl',
      ['req', '-x509', ...curve, ...names, '-days', '2', '-keyout', key, '-out', cert],
      {
        stdio: 'ignore'
      }
    )
    return { certificate: readFileSync(cert, 'utf8'), private_key: readFileSync(key, 'utf8') }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

describe('v2 conformance scenario', () => {
  let server: LocalServer
  let api: Recording

  const settle = async (id: string): Promise<Revision> => {
    await api.call('GET', `/revisions/${id}/progress`)
    return (await api.call<Revision>('GET', `/revisions/${id}`)).body
  }
  const deploy = async (app: string, body: Record<string, unknown>): Promise<Revision> => {
    const reply = await api.call<Revision>('POST', `/apps/${app}/deploy`, body)
    expect(reply.status).toBe(202)
    return settle(reply.body.id)
  }
  const get = async (host: string, path = '/'): Promise<string> =>
    (await server.fetchHost(host, path)).text()

  beforeAll(async () => {
    server = await startLocalServer({ args: ['--verify-all-domains'] })
    api = recordingClient(server)
  })
  afterAll(() => server.stop())

  it('runs apps, layers, KV, static SPA, templates and domains exactly as documented', async () => {
    // Layers, and an app using one.
    const layer = await api.call('POST', '/layers', {
      slug: 'shared',
      env_vars: [
        { key: 'GREETING', value: 'hello' },
        { key: 'ONLY_PREVIEW', value: 'p', contexts: ['preview'] }
      ]
    })
    expect(layer.status).toBe(201)
    expect((await api.call<unknown[]>('GET', '/layers')).body).toHaveLength(1)
    await api.call('GET', '/layers/shared')
    expect(
      (await api.call('POST', '/apps', { slug: 'conf-kv', config: DYNAMIC, layers: ['shared'] }))
        .status
    ).toBe(200)
    const assets = { 'main.ts': { content: KV_APP } }
    const prod = await deploy('conf-kv', { assets })
    const preview = await deploy('conf-kv', { assets, production: false, preview: true })
    expect([prod.status, preview.status]).toEqual(['succeeded', 'succeeded'])
    const prodName = prodHost(server, 'conf-kv')
    const previewName = previewHost(server, 'conf-kv', preview.id)

    // Per-timeline KV: the values never cross; another preview revision shares preview's database.
    await get(prodName, '/set?v=prod')
    await get(previewName, '/set?v=prev')
    expect([await get(prodName), await get(previewName)]).toEqual(['prod', 'prev'])
    const preview2 = await deploy('conf-kv', { assets, production: false, preview: true })
    expect(await get(previewHost(server, 'conf-kv', preview2.id))).toBe('prev')

    // Layer variables reach the app by context; a layer update restarts it without a redeploy.
    expect(JSON.parse(await get(prodName, '/env'))).toEqual({ g: 'hello', p: null })
    expect(JSON.parse(await get(previewName, '/env'))).toEqual({ g: 'hello', p: 'p' })
    await api.call('PATCH', '/layers/shared', { env_vars: [{ key: 'GREETING', value: 'bonjour' }] })
    expect(JSON.parse(await get(prodName, '/env'))).toEqual({ g: 'bonjour', p: null })
    expect((await api.call('GET', '/layers/shared/apps')).body).toEqual([
      expect.objectContaining({ slug: 'conf-kv', layer_position: 0 })
    ])

    // Static SPA with a template preview domain, reported resolved.
    await api.call('POST', '/apps', { slug: 'conf-spa' })
    const spa = await deploy('conf-spa', {
      assets: { 'dist/index.html': { content: '<h1>spa</h1>' } },
      config: { runtime: { type: 'static', cwd: 'dist', spa: true } },
      preview: { domains: ['pr-{deno.revision.id}.previews.deploy.localhost'] }
    })
    const templated = `pr-${spa.id}.previews.deploy.localhost`
    expect(spa.timelines.flatMap(t => t.hostnames)).toContain(templated)
    expect(JSON.stringify(spa)).not.toContain('{deno.')
    expect(await get(templated, '/deep/client/route')).toBe('<h1>spa</h1>')
    const timelines = await api.call('GET', `/revisions/${spa.id}/timelines`)
    expect(JSON.stringify(timelines.body)).toContain(templated)

    // Domains: refused until verified, then bound, certified, detached and deleted.
    const custom = 'shop.example.test'
    const registered = await api.call<{ dns_records: unknown[][] }>('POST', '/domains', {
      domain: custom
    })
    expect(registered.body.dns_records.length).toBeGreaterThan(0)
    const refused = await api.call('PUT', `/revisions/${spa.id}/domains`, { production: [custom] })
    expect(refused.body).toMatchObject({
      error: { code: 'DOMAIN_NOT_ALLOWED', message: expect.stringContaining('POST /v2/domains') }
    })
    expect((await api.call('POST', `/domains/${custom}/verify`)).body).toMatchObject({
      is_validated: true
    })
    expect(
      (await api.call('PUT', `/revisions/${spa.id}/domains`, { production: [custom] })).status
    ).toBe(204)
    expect(await get(custom, '/x')).toBe('<h1>spa</h1>')
    await api.call('GET', '/domains')
    await api.call('GET', `/domains/${custom}`)
    await api.call('POST', `/domains/${custom}/certificates`, selfSigned(custom))
    expect((await api.call('POST', `/domains/${custom}/certificates/provision`)).status).toBe(202)
    const certs = await api.call<{ certificates: { kind: string }[] }>(
      'GET',
      `/domains/${custom}/certificates`
    )
    expect(certs.body.certificates.map(c => c.kind).sort()).toEqual(['automatic', 'manual'])
    expect((await api.call('DELETE', `/revisions/${spa.id}/domains/${custom}`)).status).toBe(204)
    expect((await api.call('DELETE', `/domains/${custom}`)).status).toBe(204)

    // The rest of the surface: databases, analytics, logs, lists, updates, streams, deletes.
    await api.call('POST', '/database_instances', {
      slug: 'kv-one',
      connection: { engine: 'denokv' }
    })
    await api.call('GET', '/apps/conf-kv/analytics')
    const end = new Date(Date.now() + 60_000).toISOString()
    await api.call('GET', `/apps/conf-kv/logs?start=2020-01-01T00:00:00Z&end=${end}`)
    await api.call('GET', '/apps')
    await api.call('GET', '/apps/conf-kv')
    await api.call('GET', '/apps/conf-kv/revisions')
    await api.call('PATCH', `/revisions/${prod.id}`, { retention: 'auto' })
    await api.call('POST', `/revisions/${prod.id}/cancel`)
    await api.call('GET', `/revisions/${prod.id}/build_logs`)
    const sse = await api.call('GET', `/revisions/${prod.id}/progress`, undefined, {
      accept: 'application/x-ndjson;q=0.4, text/event-stream'
    })
    expect(sse.headers.get('content-type')).toBe('text/event-stream')
    const jsonl = await api.call('GET', `/revisions/${prod.id}/build_logs`, undefined, {
      accept: 'text/event-stream;q=0.5, application/x-ndjson'
    })
    expect(jsonl.headers.get('content-type')).toBe('application/x-ndjson')
    expect((await api.call('POST', `/revisions/${preview.id}/promote`)).status).toBe(204)
    expect(await get(prodName)).toBe('prod') // promoted: production's database now
    expect((await api.call('DELETE', `/revisions/${preview2.id}`)).status).toBe(204)
    await api.call('PATCH', '/apps/conf-kv', { layers: [] })
    expect((await api.call('DELETE', '/layers/shared')).status).toBe(204)
    expect((await api.call('DELETE', '/apps/conf-spa')).status).toBe(204)

    process.stdout.write(
      `v2 operations exercised (${api.exercised.size}/34): ${[...api.exercised].sort().join(', ')}\n`
    )
    expect(api.violations).toEqual([])
    expect(api.exercised.size).toBe(34)
  })
})
