// The official @deno/sandbox client (a v2 client no one here wrote) against the local server.
import { describe, it, expect, beforeAll, afterAll } from '@jest/globals'
import { ApiError, Client } from '@deno/sandbox'
import { startLocalServer, type LocalServer } from '../testing/harness.js'
import { DYNAMIC, helloAssets, previewHost as prevHostOf, prodHost } from '../testing/v2-helpers.js'

describe('v2 API driven by @deno/sandbox', () => {
  let server: LocalServer
  let client: Client

  beforeAll(async () => {
    server = await startLocalServer()
    client = new Client({ token: server.token, apiEndpoint: server.origin })
  })
  afterAll(() => server.stop())

  it('accepts the generated ddo_ token without an organization', () => {
    expect(server.token).toMatch(/^ddo_/)
    expect(server.organizationSlug).toBe('local')
  })

  it('apps: create, get, list with cursors, update, delete', async () => {
    const created = await client.apps.create({
      slug: 'sdk-app',
      labels: { team: 'a' },
      env_vars: [
        { key: 'GREETING', value: 'hi' },
        { key: 'TOKEN', value: 's3cret', secret: true }
      ],
      config: { runtime: { type: 'dynamic', entrypoint: 'main.ts' } }
    })
    expect(created).toMatchObject({ slug: 'sdk-app', labels: { team: 'a' }, layers: [] })
    const secret = created.env_vars?.find(v => v.key === 'TOKEN')
    expect(secret).toMatchObject({ secret: true, contexts: 'all' })
    expect(secret && 'value' in secret).toBe(false)
    const random = await client.apps.create()
    expect(random.slug).toMatch(/^[a-z0-9][a-z0-9-]{1,30}[a-z0-9]$/)
    await client.apps.create({ slug: 'sdk-other', labels: { team: 'b' } })

    expect((await client.apps.get('sdk-app'))?.id).toBe(created.id)
    expect((await client.apps.get(created.id))?.slug).toBe('sdk-app')
    expect(await client.apps.get('no-such-app')).toBeNull()

    const first = await client.apps.list({ limit: 2 })
    expect(first.items).toHaveLength(2)
    expect(first.hasMore).toBe(true)
    const slugs: string[] = []
    for await (const app of await client.apps.list({ limit: 1 })) slugs.push(app.slug)
    expect(slugs).toEqual(['sdk-app', random.slug, 'sdk-other'])
    const teamB = await client.apps.list({ labels: { team: 'b' } })
    expect(teamB.items.map(a => a.slug)).toEqual(['sdk-other'])

    const updated = await client.apps.update('sdk-app', {
      slug: 'sdk-renamed',
      env_vars: [{ key: 'GREETING', value: 'hello' }]
    })
    expect(updated.slug).toBe('sdk-renamed')
    expect(updated.env_vars?.find(v => v.key === 'GREETING')?.value).toBe('hello')

    await client.apps.delete(random.id)
    expect(await client.apps.get(random.id)).toBeNull()
    const error = await client.apps.create({ slug: 'sdk-other' }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ApiError)
    expect(error).toMatchObject({ status: 409, code: 'APP_ALREADY_EXISTS' })
  })

  it('deploy, progress, build logs, timelines, URLs, revisions list, logs', async () => {
    const app = await client.apps.create({ slug: 'sdk-deploy', config: DYNAMIC })
    const start = new Date(Date.now() - 1000).toISOString()
    const deployed = await client.apps.deploy(app.slug, {
      assets: helloAssets('from the sdk'),
      labels: { 'custom.sha': 'abc123' },
      env_vars: [{ key: 'WHO', value: 'sdk' }],
      preview: true
    })
    expect(deployed).toMatchObject({
      status: 'queued',
      failure_reason: null,
      labels: { 'custom.sha': 'abc123' }
    })
    expect(deployed.id).toMatch(/^[a-z0-9]{12}$/)

    const snapshots = []
    for await (const snapshot of client.revisions.progress(deployed.id)) snapshots.push(snapshot)
    expect(snapshots.length).toBeGreaterThan(1)
    const last = snapshots[snapshots.length - 1]
    expect(last.deploying.status).toBe('succeeded')
    expect(last.deploying.timelines.map(t => t.slug)).toEqual(['production', 'preview'])

    const revision = await client.revisions.get(deployed.id)
    expect(revision?.status).toBe('succeeded')
    const logs = []
    for await (const entry of client.revisions.buildLogs(deployed.id)) logs.push(entry)
    expect(logs.map(l => l.message)).toContain('Revision succeeded.')
    expect(
      logs.every(l => ['preparing', 'installing', 'building', 'deploying'].includes(l.step))
    ).toBe(true)

    const timelines = await client.revisions.timelines(deployed.id)
    const production = prodHost(server, 'sdk-deploy')
    const preview = prevHostOf(server, 'sdk-deploy', deployed.id)
    expect(timelines.map(t => [t.slug, t.domains.map(d => d.domain)])).toEqual([
      ['production', [production]],
      ['preview', [preview]]
    ])
    for (const host of [production, preview]) {
      const reply = await server.fetchHost(host, '/hello')
      expect(reply.status).toBe(200)
      expect(reply.text()).toBe('from the sdk')
    }
    const appTimelines = await client.timelines.list(app.slug)
    expect(appTimelines.items[0].domains.map(d => d.domain)).toEqual([production])

    const second = await client.apps.deploy(app.slug, { assets: helloAssets('second') })
    for await (const _ of client.revisions.progress(second.id)) void _
    const listed = await client.revisions.list(app.slug)
    expect(listed.items.map(r => r.id)).toEqual([second.id, deployed.id])
    expect((listed.items[1] as unknown as { labels: unknown }).labels).toEqual({
      'custom.sha': 'abc123'
    })
    expect((await server.fetchHost(production)).text()).toBe('second')

    const runtimeLogs = await client.apps.logs(app.slug, { start, end: new Date().toISOString() })
    expect(runtimeLogs.items.map(l => l.message)).toContain('request /hello')

    // Production is routed to `second` now: it cannot go; the first (preview only) can.
    const refused = await client.revisions.delete(second.id).catch((e: unknown) => e)
    expect(refused).toMatchObject({ status: 409, code: 'REVISION_ROUTED' })
    await client.revisions.delete(deployed.id)
    expect(await client.revisions.get(deployed.id)).toBeNull()
    expect((await server.fetchHost(preview)).status).toBe(404)
  })

  it('cancel: a revision cancelled right after deploy ends failed/cancelled', async () => {
    const app = await client.apps.create({ slug: 'sdk-cancel', config: DYNAMIC })
    // It boots slowly, so the cancel always lands before the revision could succeed.
    const assets = {
      'main.ts': {
        content:
          'await new Promise(r => setTimeout(r, 2000))\nDeno.serve(() => new Response("never"))\n'
      }
    }
    const deployed = await client.apps.deploy(app.id, { assets })
    const cancelled = await client.revisions.cancel(deployed.id)
    expect(cancelled.cancellation_requested_at).not.toBeNull()
    for await (const _ of client.revisions.progress(deployed.id)) void _
    const revision = await client.revisions.get(deployed.id)
    expect(revision).toMatchObject({ status: 'failed', failure_reason: 'cancelled' })
    await client.revisions.delete(deployed.id)
    await client.apps.delete(app.id)
    expect(await client.apps.get(app.id)).toBeNull()
  })
})
