// Stops the server (SIGTERM) with live deployments and KV data, starts it on the same data dir,
// and checks everything is still there and served.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { createHash } from 'node:crypto'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startLocalServer, type LocalServer } from '../testing/harness.js'

/** API answers are checked field by field in the tests. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Loose = any

const COUNTER = `const kv = await Deno.openKv()
Deno.serve(async () => {
  for (;;) {
    const current = await kv.get<number>(['visits'])
    const next = (current.value ?? 0) + 1
    const result = await kv.atomic().check(current).set(['visits'], next).commit()
    if (result.ok) return new Response('count=' + next)
  }
})
`

const gitSha1 = (content: string): string =>
  createHash('sha1')
    .update(`blob ${Buffer.byteLength(content)}\0`)
    .update(content)
    .digest('hex')

let dataDir: string
let server: LocalServer | undefined

async function api(method: string, path: string, body?: unknown): Promise<Loose> {
  const res = await fetch(server!.apiUrl + path, {
    method,
    headers: { authorization: `Bearer ${server!.token}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body)
  })
  const text = await res.text()
  if (!res.ok) throw new Error(`${method} ${path} → ${res.status} ${text}`)
  return text ? JSON.parse(text) : undefined
}

async function waitUntilBuilt(id: string): Promise<Loose> {
  for (;;) {
    const d = await api('GET', `/deployments/${id}`)
    if (d.status !== 'pending') return d
    await new Promise(resolve => setTimeout(resolve, 150))
  }
}

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'subhosting-restart-'))
})

afterAll(async () => {
  await server?.stop()
  await rm(dataDir, { recursive: true, force: true })
})

describe('restart', () => {
  it('keeps projects, deployments, blobs, domains and KV data across a SIGTERM restart', async () => {
    server = await startLocalServer({ dataDir })
    const first = { token: server.token, organizationId: server.organizationId }
    const project = await server.createProject('survivor')
    const db = await api('POST', `/organizations/${server.organizationId}/databases`, {
      description: 'visits'
    })
    await api('POST', `/organizations/${server.organizationId}/domains`, {
      domain: 'counter.example.test'
    })
    const created = await api('POST', `/projects/${project.id}/deployments`, {
      entryPointUrl: 'main.ts',
      assets: { 'main.ts': { kind: 'file', content: COUNTER } },
      envVars: { SECRET: 'kept' },
      databases: { default: db.id },
      domains: ['{project.name}-{deployment.id}.deploy.localhost', 'counter.example.test']
    })
    const live = await waitUntilBuilt(created.id)
    expect(live.status).toBe('success')
    expect(live.domains).toEqual([
      'counter.example.test',
      `survivor-${created.id}.deploy.localhost`
    ])
    expect((await server.fetchHost('counter.example.test')).text()).toBe('count=1')
    expect((await server.fetchHost(`survivor-${created.id}.deploy.localhost`)).text()).toBe(
      'count=2'
    )
    const buildLogs = await api('GET', `/deployments/${created.id}/build_logs`)
    // Stopped right after create, this build (hundreds of ms of type checking) cannot finish.
    const stuck = await api('POST', `/projects/${project.id}/deployments`, {
      entryPointUrl: 'main.ts',
      assets: { 'main.ts': { kind: 'file', content: 'Deno.serve(() => new Response("late"))\n' } },
      envVars: {}
    })

    await server.stop()
    server = await startLocalServer({ dataDir })
    expect({ token: server.token, organizationId: server.organizationId }).toEqual(first)

    expect(await api('GET', `/projects/${project.id}`)).toMatchObject({ name: 'survivor' })
    expect(await api('GET', `/deployments/${created.id}`)).toMatchObject({
      status: 'success',
      databases: { default: db.id },
      domains: live.domains
    })
    expect(await api('GET', `/deployments/${created.id}/build_logs`)).toEqual(buildLogs)
    // A build cut off by the stop is failed, with the reason in its log.
    expect((await api('GET', `/deployments/${stuck.id}`)).status).toBe('failed')
    const stuckLogs = await api('GET', `/deployments/${stuck.id}/build_logs`)
    expect(stuckLogs[stuckLogs.length - 1]).toMatchObject({
      level: 'error',
      message: expect.stringContaining('interrupted')
    })
    expect((await server.fetchHost('counter.example.test')).text()).toBe('count=3')
    expect((await server.fetchHost(`survivor-${created.id}.deploy.localhost`)).text()).toBe(
      'count=4'
    )

    // The blob uploaded before the restart is reused by hash; KV is shared through the database id.
    const again = await api('POST', `/projects/${project.id}/deployments`, {
      entryPointUrl: 'main.ts',
      assets: { 'main.ts': { kind: 'file', gitSha1: gitSha1(COUNTER) } },
      envVars: {},
      databases: { default: db.id }
    })
    const second = await waitUntilBuilt(again.id)
    expect(second.status).toBe('success')
    expect((await server.fetchHost(second.domains[0])).text()).toBe('count=5')

    const until = new Date(Date.now() + 60_000).toISOString()
    const since = new Date(Date.now() - 3600_000).toISOString()
    const analytics = await api(
      'GET',
      `/projects/${project.id}/analytics?since=${since}&until=${until}`
    )
    const column = analytics.fields.findIndex((f: { name: string }) => f.name === 'requestCount')
    const total = analytics.values.reduce((sum: number, row: number[]) => sum + row[column], 0)
    expect(total).toBe(5)
  })
})
