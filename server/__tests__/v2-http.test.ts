// The v2 API over plain HTTP: envelopes, pagination, streams, routing, promote, domains, deletes.
import { describe, it, expect, beforeAll, afterAll } from '@jest/globals'
import { startLocalServer, type LocalServer } from '../testing/harness.js'
import {
  DYNAMIC,
  helloAssets,
  prodHost,
  previewHost,
  v2Client,
  type Revision
} from '../testing/v2-helpers.js'
import { api as v1Api } from '../testing/deploys.js'

describe('v2 API over HTTP', () => {
  let server: LocalServer
  let api: ReturnType<typeof v2Client>

  beforeAll(async () => {
    server = await startLocalServer()
    api = v2Client(server)
  })
  afterAll(() => server.stop())

  it('answers errors in the nested envelope with top-level code and message', async () => {
    const missing = await api.call('GET', '/apps/does-not-exist')
    expect(missing.status).toBe(404)
    expect(missing.body).toEqual({
      error: { code: 'NOT_FOUND', message: expect.stringContaining('does-not-exist') },
      code: 'NOT_FOUND',
      message: expect.stringContaining('GET /v2/apps')
    })
    const anonymous = await fetch(`${server.origin}/api/v2/apps`)
    expect(anonymous.status).toBe(401)
    expect(await anonymous.json()).toMatchObject({
      error: { code: 'UNAUTHORIZED' },
      code: 'UNAUTHORIZED'
    })
    const badSlug = await api.call('POST', '/apps', { slug: 'ab--cd' })
    expect(badSlug.status).toBe(400)
    expect(badSlug.body).toMatchObject({
      code: 'MALFORMED_REQUEST',
      message: expect.stringContaining('"--" at positions 3 and 4')
    })
    const labels = Object.fromEntries([1, 2, 3, 4, 5, 6].map(i => [`k${i}`, 'v']))
    expect((await api.call('POST', '/apps', { labels })).body).toMatchObject({
      message: expect.stringContaining('at most 5')
    })
    const reserved = await api.call('POST', '/apps', {
      env_vars: [{ key: 'LD_PRELOAD', value: 'x' }]
    })
    expect(reserved.body).toMatchObject({
      code: 'MALFORMED_REQUEST',
      message: expect.stringContaining('LD_PRELOAD')
    })
    const huge = await api.call('POST', '/apps', { slug: 'x'.repeat(100_000) })
    expect(huge.status).toBe(400)
    expect(huge.text.length).toBeLessThan(1000)
    const method = await api.call('PUT', '/apps')
    expect(method.status).toBe(405)
    expect(method.body).toMatchObject({ code: 'METHOD_NOT_ALLOWED' })
  })

  it('honours X-Deno-Org by slug or ID and refuses another organization', async () => {
    for (const org of ['local', server.organizationId]) {
      const reply = await api.call('GET', '/apps', undefined, { 'x-deno-org': org })
      expect(reply.status).toBe(200)
    }
    const other = await api.call('GET', '/apps', undefined, { 'x-deno-org': 'someone-else' })
    expect(other.status).toBe(404)
    expect(other.body).toMatchObject({
      code: 'NOT_FOUND',
      message: expect.stringContaining('X-Deno-Org: local')
    })
  })

  it('pages lists with cursors and an absolute, bounded Link', async () => {
    for (const slug of ['page-a', 'page-b', 'page-c'])
      await api.createApp(slug, { labels: { group: 'paging' } })
    const seen: string[] = []
    let next: string | null = `${server.origin}/api/v2/apps?limit=2&labels[group]=paging`
    while (next) {
      const reply: Awaited<ReturnType<typeof api.call<{ slug: string }[]>>> = await api.call(
        'GET',
        next
      )
      expect(reply.status).toBe(200)
      seen.push(...reply.body.map(a => a.slug))
      const link = reply.headers.get('link')
      next = link ? /^<([^>]+)>; rel="next"$/.exec(link)![1] : null
      if (next) expect(next.startsWith(`${server.origin}/api/v2/apps?`)).toBe(true)
    }
    expect(seen).toEqual(['page-a', 'page-b', 'page-c'])
    const huge = await api.call('GET', `/apps?limit=1&labels[group]=${'x'.repeat(5000)}`)
    expect(huge.headers.get('link')).toBeNull()
    const tooMany = await api.call('GET', '/apps?limit=101')
    expect(tooMany.body).toMatchObject({
      code: 'MALFORMED_REQUEST',
      message: expect.stringContaining('1 to 100')
    })
    // A Host header that is not a host name never reaches the Link header.
    const oddHost = await server.fetchHost('[::1]>; rel="evil"', '/v2/apps?limit=1', {
      headers: { authorization: `Bearer ${server.token}` }
    })
    expect(oddHost.headers.link).toMatch(
      /^<http:\/\/127\.0\.0\.1:\d+\/v2\/apps\?cursor=[^>]+>; rel="next"$/
    )
    const forged = await api.call('GET', '/apps?cursor=bm90LW91cnM')
    expect(forged.status).toBe(400)
  })

  it('streams progress and build logs as JSONL (and SSE on request), closing at the end', async () => {
    await api.createApp('streams', { config: DYNAMIC })
    const rev = await api.deploy('streams', { assets: helloAssets('streamed') })
    expect(rev).toMatchObject({
      status: 'queued',
      failure_reason: null,
      failure_detail: null,
      layers: [],
      timelines: [],
      deleted_at: null
    })
    // Both streams are opened while the revision is queued: they stay open until it is done.
    const [snapshots, logs] = await Promise.all([
      api.jsonl<{ queued: { status: string }; deploying: { status: string } }>(
        `/revisions/${rev.id}/progress`
      ),
      api.jsonl<{ step: string; level: string; message: string }>(`/revisions/${rev.id}/build_logs`)
    ])
    expect(snapshots.length).toBeGreaterThan(2)
    expect(snapshots[0].deploying.status).toBe('pending')
    expect(snapshots[snapshots.length - 1].deploying.status).toBe('succeeded')
    expect(logs[logs.length - 1]).toMatchObject({
      step: 'deploying',
      message: 'Revision succeeded.'
    })
    const deploying = await api.jsonl(
      `/revisions/${rev.id}/build_logs?step=deploying&timeline=production`
    )
    expect(deploying.length).toBeGreaterThan(0)
    expect(deploying.every(l => l.step === 'deploying' && l.timeline === 'production')).toBe(true)
    const sse = await api.call<string>('GET', `/revisions/${rev.id}/progress`, undefined, {
      accept: 'text/event-stream'
    })
    expect(sse.headers.get('content-type')).toBe('text/event-stream')
    expect(sse.text).toMatch(/^data: \{.*\}\n\n$/)
    const done = await api.call<Revision>('GET', `/revisions/${rev.id}`)
    expect(done.body.timelines).toEqual([
      { name: 'Production', context: 'production', hostnames: [prodHost(server, 'streams')] }
    ])
  })

  it('promote switches the production host; a routed or building revision is not deleted', async () => {
    await api.createApp('promo', { config: DYNAMIC })
    const first = await api.settle((await api.deploy('promo', { assets: helloAssets('first') })).id)
    const second = await api.settle(
      (await api.deploy('promo', { assets: helloAssets('second') })).id
    )
    const host = prodHost(server, 'promo')
    expect((await server.fetchHost(host)).text()).toBe('second')
    expect(first.timelines).toEqual([
      { name: 'Production', context: 'production', hostnames: [host] }
    ])
    const shadowed = await api.call<Revision>('GET', `/revisions/${first.id}`)
    expect(shadowed.body.timelines).toEqual([
      { name: 'Production', context: 'production', hostnames: [] }
    ])

    expect((await api.call('POST', `/revisions/${first.id}/promote`)).status).toBe(204)
    expect((await server.fetchHost(host)).text()).toBe('first')
    const routed = await api.call('DELETE', `/revisions/${first.id}`)
    expect(routed.status).toBe(409)
    expect(routed.body).toMatchObject({
      code: 'REVISION_ROUTED',
      message: expect.stringContaining('promote another revision')
    })

    // Boots slowly, so it is still building (in its boot check) while we try to delete it.
    const slowBoot = {
      'main.ts': {
        content:
          'await new Promise(r => setTimeout(r, 2000))\nDeno.serve(() => new Response("third"))\n'
      }
    }
    const building = await api.deploy('promo', { assets: slowBoot, production: false })
    const early = await api.call('DELETE', `/revisions/${building.id}`)
    expect(early.status).toBe(409)
    expect(early.body).toMatchObject({
      code: 'REVISION_BUILDING',
      message: expect.stringContaining('cancel it first')
    })
    const failedPromote = await api.call('POST', `/revisions/${building.id}/promote`)
    expect(failedPromote.body).toMatchObject({ code: 'REVISION_NOT_SUCCEEDED' })
    await api.settle(building.id)
    expect((await server.fetchHost(host)).text()).toBe('first')
    expect((await api.call('DELETE', `/revisions/${second.id}`)).status).toBe(204)
    expect((await api.call('GET', `/revisions/${second.id}`)).status).toBe(404)
  })

  it('binds domains with template variables (PUT) and unbinds them (DELETE)', async () => {
    await api.createApp('bound', { config: DYNAMIC })
    const rev = await api.settle(
      (
        await api.deploy('bound', {
          assets: helloAssets('bound app'),
          production: false,
          preview: true
        })
      ).id
    )
    const put = await api.call('PUT', `/revisions/${rev.id}/domains`, {
      preview: ['pr-{deno.revision.id}.preview.deploy.localhost'],
      production: ['{deno.app.slug}-live.apps.deploy.localhost']
    })
    expect(put.status).toBe(204)
    expect(
      (
        await api.call('PUT', `/revisions/${rev.id}/domains`, {
          preview: [`pr-${rev.id}.preview.deploy.localhost`]
        })
      ).status
    ).toBe(204)
    const custom = `pr-${rev.id}.preview.deploy.localhost`
    expect((await server.fetchHost(custom)).text()).toBe('bound app')
    expect((await server.fetchHost('bound-live.apps.deploy.localhost')).text()).toBe('bound app')
    const timelines = await api.call<{ slug: string; domains: { domain: string }[] }[]>(
      'GET',
      `/revisions/${rev.id}/timelines`
    )
    expect(timelines.body).toEqual([
      expect.objectContaining({
        slug: 'production',
        domains: [{ domain: 'bound-live.apps.deploy.localhost' }]
      }),
      expect.objectContaining({
        slug: 'preview',
        partition: {},
        app: expect.objectContaining({ slug: 'bound' }),
        context: { slug: 'preview' },
        domains: [{ domain: previewHost(server, 'bound', rev.id) }, { domain: custom }].sort(
          (a, b) => a.domain.localeCompare(b.domain)
        )
      })
    ])
    const refused = await api.call('DELETE', `/revisions/${rev.id}`)
    expect(refused.body).toMatchObject({
      code: 'REVISION_ROUTED',
      message: expect.stringContaining('/domains/')
    })
    for (const host of [custom, 'bound-live.apps.deploy.localhost'])
      expect((await api.call('DELETE', `/revisions/${rev.id}/domains/${host}`)).status).toBe(204)
    expect((await api.call('DELETE', `/revisions/${rev.id}/domains/${custom}`)).status).toBe(404)
    expect((await server.fetchHost(custom)).status).toBe(404)
    const badTemplate = await api.call('PUT', `/revisions/${rev.id}/domains`, {
      preview: ['a.{deno.revision.id}.deploy.localhost']
    })
    expect(badTemplate.body).toMatchObject({
      code: 'DOMAIN_NOT_ALLOWED',
      message: expect.stringContaining('first label')
    })
    const unregistered = await api.call('PUT', `/revisions/${rev.id}/domains`, {
      production: ['www.example.com']
    })
    expect(unregistered.body).toMatchObject({
      code: 'DOMAIN_NOT_ALLOWED',
      message: expect.stringMatching(/POST \/v2\/domains .*dns_records.*\/verify/)
    })
    expect((await api.call('DELETE', `/revisions/${rev.id}`)).status).toBe(204)
  })

  it('routes a custom host while its v1 registration lasts, and stops when it is removed', async () => {
    await api.createApp('v1dom', { config: DYNAMIC })
    const rev = await api.settle(
      (
        await api.deploy('v1dom', {
          assets: helloAssets('v1 domain'),
          production: false,
          preview: true
        })
      ).id
    )
    const host = 'shop.v1-registered.example'
    const org = `/organizations/${server.organizationId}/domains`
    const registered = await v1Api<{ id: string }>(server, 'POST', org, { domain: host })
    expect(registered.status).toBe(200)
    expect((await v1Api(server, 'POST', `/domains/${registered.body.id}/verify`)).status).toBe(200)
    const bind = await api.call('PUT', `/revisions/${rev.id}/domains`, { preview: [host] })
    expect(bind.status).toBe(204)
    expect((await server.fetchHost(host)).text()).toBe('v1 domain')
    // Routing is derived once per change: removing the registration through v1 must reach it.
    expect((await v1Api(server, 'DELETE', `/domains/${registered.body.id}`)).status).toBe(200)
    expect((await server.fetchHost(host)).status).toBe(404)
  })

  it('routes a domain bound to two revisions to the more recently created one', async () => {
    await api.createApp('twice', { config: DYNAMIC })
    const target = { production: false, preview: true }
    const older = await api.settle(
      (await api.deploy('twice', { assets: helloAssets('older'), ...target })).id
    )
    const newer = await api.settle(
      (await api.deploy('twice', { assets: helloAssets('newer'), ...target })).id
    )
    const host = 'shared.apps.deploy.localhost'
    for (const id of [newer.id, older.id])
      expect((await api.call('PUT', `/revisions/${id}/domains`, { preview: [host] })).status).toBe(
        204
      )
    expect((await server.fetchHost(host)).text()).toBe('newer')
    expect((await api.call('DELETE', `/revisions/${newer.id}/domains/${host}`)).status).toBe(204)
    expect((await server.fetchHost(host)).text()).toBe('older')
  })

  it('fails revisions it cannot run, with messages that say what to fix', async () => {
    await api.createApp('broken', { config: DYNAMIC })
    const boot = await api.settle(
      (
        await api.deploy('broken', {
          assets: { 'main.ts': { content: 'throw new Error("no config here")\n' } }
        })
      ).id
    )
    expect(boot).toMatchObject({
      status: 'failed',
      failure_reason: 'error',
      failure_detail: {
        stage: 'warmup',
        code: 'boot_failed',
        message: expect.stringContaining('no config here')
      }
    })
    expect(boot.failure_detail!.message).not.toContain(server.dataDir)
    const install = await api.settle(
      (
        await api.deploy('broken', {
          assets: helloAssets('x'),
          config: { ...DYNAMIC, install: 'echo hi' }
        })
      ).id
    )
    expect(install).toMatchObject({
      status: 'failed',
      failure_reason: 'error',
      failure_detail: null
    })
    const installLog = await api.jsonl<{ message: string }>(`/revisions/${install.id}/build_logs`)
    expect(installLog.map(l => l.message).join('\n')).toContain('--run-build-commands')
    const cases: [Record<string, unknown>, string][] = [
      [{ framework: 'fresh' }, 'does not run framework presets'],
      [{ runtime: { type: 'dynamic' } }, 'entrypoint is required'],
      [{ runtime: { type: 'dynamic', entrypoint: 'missing.ts' } }, 'is not a file of the assets']
    ]
    for (const [config, text] of cases) {
      const rev = await api.settle(
        (await api.deploy('broken', { assets: helloAssets('x'), config })).id
      )
      expect(rev.status).toBe('failed')
      const log = await api.jsonl<{ message: string }>(`/revisions/${rev.id}/build_logs`)
      expect(log[log.length - 1].message).toContain(text)
    }
    const gitSha = await api.call('POST', '/apps/broken/deploy', {
      assets: { 'main.ts': { gitSha1: 'a'.repeat(40) } }
    })
    expect(gitSha.body).toMatchObject({
      code: 'MALFORMED_REQUEST',
      message: expect.stringContaining('no gitSha1')
    })
    const envVar = await api.call('POST', '/apps/broken/deploy', {
      assets: helloAssets('x'),
      env_vars: [{ key: '', value: 'x' }]
    })
    expect(envVar.body).toMatchObject({
      code: 'MALFORMED_REQUEST',
      message: expect.stringContaining('env_vars[0].key')
    })
  })

  it('serves a static runtime with its spa fallback', async () => {
    await api.createApp('site')
    const rev = await api.settle(
      (
        await api.deploy('site', {
          assets: {
            'dist/index.html': { content: '<h1>home</h1>' },
            'dist/app.js': { content: 'console.log(1)' }
          },
          config: { runtime: { type: 'static', cwd: 'dist', spa: true } },
          production: false,
          preview: true
        })
      ).id
    )
    const host = previewHost(server, 'site', rev.id)
    expect((await server.fetchHost(host, '/deep/link')).text()).toBe('<h1>home</h1>')
    const js = await server.fetchHost(host, '/app.js')
    expect(js.headers['content-type']).toContain('javascript')
    expect((await server.fetchHost(host, '/..%2f..%2fstate.json')).status).toBe(404)
  })

  it('gives app env vars to the contexts they name, revision env vars to everyone', async () => {
    await api.createApp('envs', {
      config: DYNAMIC,
      env_vars: [
        { key: 'ONLY_PREVIEW', value: 'p', contexts: ['preview'] },
        { key: 'SHARED', value: 'app' }
      ]
    })
    const assets = {
      'main.ts': {
        content:
          "Deno.serve(() => new Response([Deno.env.get('SHARED'), Deno.env.get('ONLY_PREVIEW'), Deno.env.get('OWN')].join('|')))\n"
      }
    }
    const env_vars = [{ key: 'OWN', value: 'rev' }]
    const prod = await api.settle((await api.deploy('envs', { assets, env_vars })).id)
    const preview = await api.settle(
      (await api.deploy('envs', { assets, production: false, preview: true })).id
    )
    expect(prod.env_vars).toEqual(env_vars)
    expect((await server.fetchHost(prodHost(server, 'envs'))).text()).toBe('app||rev')
    expect((await server.fetchHost(previewHost(server, 'envs', preview.id))).text()).toBe('app|p|')
  })

  it('returns runtime logs as pages or a live stream, and analytics with v2 fields', async () => {
    await api.createApp('logged', { config: DYNAMIC })
    const start = new Date(Date.now() - 1000).toISOString()
    const rev = await api.settle((await api.deploy('logged', { assets: helloAssets('logged') })).id)
    expect((await api.call('GET', '/apps/logged/logs')).body).toMatchObject({
      code: 'MALFORMED_REQUEST',
      message: expect.stringContaining("'start' is required")
    })

    const live = new AbortController()
    const stream = await fetch(
      `${server.origin}/v2/apps/logged/logs?start=${encodeURIComponent(start)}&query=log-`,
      {
        headers: { authorization: `Bearer ${server.token}`, accept: 'application/x-ndjson' },
        signal: live.signal
      }
    )
    expect(stream.headers.get('content-type')).toBe('application/x-ndjson')
    await server.fetchHost(prodHost(server, 'logged'), '/log-1')
    const reader = stream.body!.getReader()
    let text = ''
    while (!text.includes('request /log-1'))
      text += new TextDecoder().decode((await reader.read()).value)
    live.abort()
    expect(JSON.parse(text.split('\n')[0])).toMatchObject({
      level: 'info',
      message: 'request /log-1',
      revision_id: rev.id
    })

    await server.fetchHost(prodHost(server, 'logged'), '/log-2')
    const end = new Date(Date.now() + 1000).toISOString()
    const page = await api.call<{ logs: { message: string }[]; next_cursor: string | null }>(
      'GET',
      `/apps/logged/logs?start=${start}&end=${end}&query=log-&limit=1`
    )
    expect(page.body.logs.map(l => l.message)).toEqual(['request /log-1'])
    expect(page.headers.get('link')).toContain(`cursor=${page.body.next_cursor}`)
    const next = await api.call<{ logs: { message: string }[]; next_cursor: string | null }>(
      'GET',
      `/apps/logged/logs?start=${start}&end=${end}&query=log-&limit=1&cursor=${page.body.next_cursor}`
    )
    expect(next.body).toEqual({
      logs: [expect.objectContaining({ message: 'request /log-2' })],
      next_cursor: null
    })

    const analytics = await api.call<{ fields: { name: string }[]; values: unknown[][] }>(
      'GET',
      '/apps/logged/analytics'
    )
    expect(analytics.body.fields.map(f => f.name)).toEqual([
      'time',
      'request_count',
      'cpu_seconds',
      'runtime_seconds',
      'memory_time_byte_seconds',
      'network_ingress_bytes',
      'network_egress_bytes',
      'kv_read_units',
      'kv_write_units'
    ])
    const requests = analytics.body.values.reduce((sum, row) => sum + (row[1] as number), 0)
    expect(requests).toBe(2)
  })
})
