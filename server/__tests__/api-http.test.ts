// Raw HTTP against the local server: auth on every route, error codes, pagination, validation,
// assets (missingAssets, limits), domains on deployments, redeploy, log streams.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { createHash } from 'node:crypto'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { MAX_JSON_BODY_BYTES } from '../api/http/http-util.js'
import { ROUTES } from '../api/http/router.js'
import { rawRequest, startLocalServer, type LocalServer } from '../testing/harness.js'

/** API answers are checked field by field in the tests. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Loose = any

let server: LocalServer

interface Answer {
  status: number
  headers: Headers
  body: Loose
}

async function api(
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {}
): Promise<Answer> {
  const res = await fetch(server.apiUrl + path, {
    method,
    headers: {
      authorization: `Bearer ${server.token}`,
      'content-type': 'application/json',
      ...headers
    },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body)
  })
  const text = await res.text()
  let parsed: unknown = text
  try {
    parsed = text ? JSON.parse(text) : undefined
  } catch {
    // NDJSON or plain text stays a string.
  }
  return { status: res.status, headers: res.headers, body: parsed }
}

const gitSha1 = (content: string | Buffer): string => {
  const bytes = Buffer.from(content)
  return createHash('sha1').update(`blob ${bytes.length}\0`).update(bytes).digest('hex')
}

const HELLO = `Deno.serve(req => {
  console.log('hit ' + new URL(req.url).pathname)
  return new Response('hi ' + (Deno.env.get('WHO') ?? 'nobody') + ' ' + (Deno.env.get('EXTRA') ?? '-'))
})`

const helloAssets = { 'main.ts': { kind: 'file', content: HELLO } }

async function createProject(name: string): Promise<{ id: string; name: string }> {
  return server.createProject(name)
}

async function deploy(projectId: string, extra: Record<string, unknown> = {}): Promise<Answer> {
  return api('POST', `/projects/${projectId}/deployments`, {
    entryPointUrl: 'main.ts',
    assets: helloAssets,
    envVars: {},
    ...extra
  })
}

async function waitUntilBuilt(id: string): Promise<Loose> {
  for (;;) {
    const { body } = await api('GET', `/deployments/${id}`)
    if (body.status !== 'pending') return body
    await new Promise(resolve => setTimeout(resolve, 150))
  }
}

beforeAll(async () => {
  server = await startLocalServer()
})

afterAll(async () => {
  await server?.stop()
})

describe('auth and routing', () => {
  it('answers 401 invalidToken on every route without or with a wrong token', async () => {
    expect(ROUTES.length).toBeGreaterThanOrEqual(28)
    for (const route of ROUTES) {
      const path = route.path.replace(/:[a-zA-Z]+/g, 'x1').replace(/^\/v1/, '')
      for (const auth of [{ authorization: '' }, { authorization: 'Bearer wrong' }]) {
        const res = await api(route.method, path, undefined, auth)
        expect({
          route: `${route.method} ${route.path}`,
          status: res.status,
          code: res.body?.code
        }).toEqual({
          route: `${route.method} ${route.path}`,
          status: 401,
          code: 'invalidToken'
        })
        expect(res.headers.get('x-deno-ray')).toMatch(/^[0-9a-f]{16}$/)
      }
    }
  })

  it('names the missing resource in 404s', async () => {
    const uuid = '00000000-0000-4000-8000-000000000000'
    const cases: [string, string, string][] = [
      ['GET', `/organizations/${uuid}`, 'organizationNotFound'],
      ['GET', `/projects/${uuid}`, 'projectNotFound'],
      ['GET', '/deployments/abcdefabcdef', 'deploymentNotFound'],
      ['GET', `/domains/${uuid}`, 'domainNotFound'],
      ['PATCH', `/databases/${uuid}`, 'databaseNotFound'],
      ['GET', '/nothing/here', 'routeNotFound']
    ]
    for (const [method, path, code] of cases) {
      const res = await api(method, path, method === 'PATCH' ? {} : undefined)
      expect([path, res.status, res.body.code]).toEqual([path, 404, code])
      expect(res.body.message).toEqual(expect.any(String))
    }
    const wrongMethod = await api('PUT', `/projects/${uuid}`)
    expect(wrongMethod.status).toBe(405)
  })

  it('answers 404 with a helpful text for unknown hosts', async () => {
    const res = await server.fetchHost('nobody-000000000000.deploy.localhost')
    expect(res.status).toBe(404)
    expect(res.text()).toContain('No deployment is served at this host name')
  })
})

describe('analytics ranges', () => {
  it('validates since/until and limits the organization range to 24 hours', async () => {
    const org = `/organizations/${server.organizationId}/analytics`
    const now = Date.now()
    const iso = (ms: number): string => new Date(ms).toISOString()
    const ok = await api('GET', `${org}?since=${iso(now - 3600_000)}&until=${iso(now)}`)
    expect(ok.status).toBe(200)
    expect(ok.body.values.length).toBeGreaterThanOrEqual(4)
    expect(ok.body.values[0][0]).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:(00|15|30|45):00/)
    for (const query of [
      `since=${iso(now - 25 * 3600_000)}&until=${iso(now)}`,
      `since=yesterday&until=${iso(now)}`,
      `since=${iso(now)}&until=${iso(now - 1000)}`
    ]) {
      const res = await api('GET', `${org}?${query}`)
      expect([query, res.status, res.body.code]).toEqual([query, 400, 'invalidRequest'])
    }
  })
})

describe('pagination', () => {
  it('pages lists with absolute Link headers', async () => {
    for (const n of [1, 2, 3, 4, 5]) await createProject(`paged-${n}`)
    const res = await api(
      'GET',
      `/organizations/${server.organizationId}/projects?q=paged-&sort=name&limit=2&page=2`
    )
    expect(res.body.map((p: { name: string }) => p.name)).toEqual(['paged-3', 'paged-4'])
    const links = Object.fromEntries(
      (res.headers.get('link') ?? '').split(', ').map(part => {
        const [, url, rel] = /^<([^>]+)>; rel="(\w+)"$/.exec(part)!
        return [rel, new URL(url)]
      })
    )
    expect(Object.keys(links).sort()).toEqual(['first', 'last', 'next', 'prev'])
    expect(links.next.origin).toBe(server.origin)
    expect(links.next.searchParams.get('page')).toBe('3')
    expect(links.prev.searchParams.get('page')).toBe('1')
    expect(links.last.searchParams.get('page')).toBe('3')
    expect(links.next.searchParams.get('q')).toBe('paged-')
    const desc = await api(
      'GET',
      `/organizations/${server.organizationId}/projects?q=paged-&sort=name&order=desc&limit=1`
    )
    expect(desc.body[0].name).toBe('paged-5')
  })

  it('validates page, limit, sort and order', async () => {
    const base = `/organizations/${server.organizationId}/projects`
    for (const query of [
      'limit=0',
      'limit=101',
      'page=0',
      'page=x',
      'order=up',
      'sort=size',
      'colour=red'
    ]) {
      const res = await api('GET', `${base}?${query}`)
      expect([query, res.status, res.body.code]).toEqual([query, 400, 'invalidRequest'])
    }
  })
})

describe('deployment validation', () => {
  let projectId: string
  beforeAll(async () => {
    projectId = (await createProject('validation')).id
  })

  it('rejects malformed create requests with a message naming the problem', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ extra: 1 }, "'extra'"],
      [{ entryPointUrl: 'missing.ts' }, 'missing.ts'],
      [{ entryPointUrl: 'ftp://x/main.ts' }, 'entryPointUrl'],
      [{ envVars: { A: 1 } }, 'envVars.A'],
      [{ databases: { other: '00000000-0000-4000-8000-000000000000' } }, "'other'"],
      [{ databases: { default: '00000000-0000-4000-8000-000000000000' } }, 'does not exist'],
      [{ databases: { default: 'not-a-uuid' } }, 'UUID'],
      [{ requestTimeout: 0 }, 'requestTimeout'],
      [{ requestTimeout: 1.5 }, 'requestTimeout'],
      [{ permissions: { net: 'example.com' } }, 'permissions.net'],
      [{ permissions: { fs: [] } }, "'fs'"],
      [{ description: 'x'.repeat(1001) }, '1000'],
      [{ compilerOptions: { strict: true } }, "'strict'"],
      [{ enableCron: true }, 'databases.default'],
      [{ domains: ['foo.deploy.localhost'] }, 'domainNotAllowed'],
      [{ assets: { '../x.ts': { kind: 'file', content: '' } } }, "'..'"],
      [{ assets: { '/etc/x.ts': { kind: 'file', content: '' } } }, 'absolute'],
      [{ assets: { 'a\\b.ts': { kind: 'file', content: '' } } }, 'backslash'],
      [{ assets: { 'a//b.ts': { kind: 'file', content: '' } } }, 'empty'],
      [{ assets: { 'x.ts': { kind: 'dir' } } }, 'kind'],
      [{ assets: { 'x.ts': { kind: 'file', content: 'a', encoding: 'latin1' } } }, 'encoding'],
      [{ assets: { 'x.ts': { kind: 'file', content: '***', encoding: 'base64' } } }, 'base64'],
      [
        { assets: { 'x.ts': { kind: 'file', content: 'a', gitSha1: '0'.repeat(40) } } },
        'hashes to'
      ],
      [{ assets: { 'x.ts': { kind: 'file', gitSha1: 'XYZ' } } }, 'gitSha1'],
      [{ assets: { 'x.ts': { kind: 'file' } } }, 'content or gitSha1'],
      [{ assets: { 'l.ts': { kind: 'symlink', target: '../../etc/passwd' } } }, 'outside'],
      [{ assets: { 'l.ts': { kind: 'symlink', target: '/etc/passwd' } } }, 'absolute'],
      [
        { assets: { a: { kind: 'file', content: '' }, 'a/b.ts': { kind: 'file', content: '' } } },
        'not a directory'
      ]
    ]
    for (const [patch, expected] of cases) {
      const body = { entryPointUrl: 'main.ts', assets: helloAssets, envVars: {}, ...patch }
      if ('assets' in patch) body.assets = { ...helloAssets, ...(patch.assets as object) }
      const res = await api('POST', `/projects/${projectId}/deployments`, body)
      expect([JSON.stringify(patch).slice(0, 80), res.status]).toEqual([
        JSON.stringify(patch).slice(0, 80),
        400
      ])
      expect(`${res.body.code}: ${res.body.message}`).toContain(expected)
    }
    for (const required of ['entryPointUrl', 'assets', 'envVars']) {
      const body: Record<string, unknown> = {
        entryPointUrl: 'main.ts',
        assets: helloAssets,
        envVars: {}
      }
      delete body[required]
      const res = await api('POST', `/projects/${projectId}/deployments`, body)
      expect(res.status).toBe(400)
      expect(res.body.message).toContain(required)
    }
    const badJson = await api('POST', `/projects/${projectId}/deployments`, '{"entryPointUrl":')
    expect(badJson.body).toMatchObject({ code: 'invalidRequest' })
  })

  it('rejects symlinks that escape through other symlinks', async () => {
    const assets = {
      ...helloAssets,
      'a/b/up': { kind: 'symlink', target: '../..' },
      escape: { kind: 'symlink', target: 'a/b/up/..' }
    }
    const res = await deploy(projectId, { assets })
    expect(res.status).toBe(400)
    expect(res.body.message).toContain('escape')
  })

  it('accepts ./ and file:///src/ entry points, base64 content and inner symlinks', async () => {
    for (const entryPointUrl of ['./main.ts', 'file:///src/main.ts']) {
      const res = await deploy(projectId, { entryPointUrl })
      expect(res.status).toBe(200)
    }
    const res = await deploy(projectId, {
      entryPointUrl: 'link.ts',
      assets: {
        'src/real.ts': {
          kind: 'file',
          content: Buffer.from(HELLO).toString('base64'),
          encoding: 'base64'
        },
        'link.ts': { kind: 'symlink', target: 'src/real.ts' }
      }
    })
    expect(res.status).toBe(200)
    const built = await waitUntilBuilt(res.body.id)
    expect(built.status).toBe('success')
    expect((await server.fetchHost(built.domains[0])).text()).toBe('hi nobody -')
  })
})

describe('assets by gitSha1', () => {
  it('lists every missing hash, then reuses uploaded blobs per project', async () => {
    const project = await createProject('blobs')
    const other = await createProject('blobs-other')
    const lib = 'export const who = "blob"\n'
    const main = 'import { who } from "./lib.ts"\nDeno.serve(() => new Response(who))\n'
    const byHash = {
      'main.ts': { kind: 'file', gitSha1: gitSha1(main) },
      'lib.ts': { kind: 'file', gitSha1: gitSha1(lib) }
    }
    const missing = await deploy(project.id, { assets: byHash })
    expect(missing.status).toBe(400)
    expect(missing.body.code).toBe('missingAssets')
    expect(new Set(missing.body.message.match(/[0-9a-f]{40}/g))).toEqual(
      new Set([gitSha1(main), gitSha1(lib)])
    )
    // The same list, machine-readable, and the header that tells clients to try hashes first.
    expect(new Set(missing.body.missingAssets)).toEqual(new Set([gitSha1(main), gitSha1(lib)]))
    expect(missing.headers.get('x-subhosting-hashes-first')).toBe('missingAssets')

    // The git blob hash test vector: "a\n" → 78981922…
    const vector = await deploy(project.id, {
      assets: {
        'main.ts': { kind: 'file', content: main },
        'lib.ts': { kind: 'file', content: lib },
        'a.txt': {
          kind: 'file',
          content: 'a\n',
          gitSha1: '78981922613b2afb6025042ff6bd878ac1994e85'
        }
      }
    })
    expect(vector.status).toBe(200)
    const reused = await deploy(project.id, { assets: byHash })
    expect(reused.status).toBe(200)
    const built = await waitUntilBuilt(reused.body.id)
    expect(built.status).toBe('success')
    expect((await server.fetchHost(built.domains[0])).text()).toBe('blob')

    const elsewhere = await deploy(other.id, { assets: byHash })
    expect(elsewhere.body.code).toBe('missingAssets')
  })

  it('accepts a 2 MiB asset and rejects more than 1 GB in total', async () => {
    const project = await createProject('big-assets')
    const big = Buffer.alloc(2 * 1024 * 1024, 'x')
    const first = await deploy(project.id, {
      assets: {
        ...helloAssets,
        'big.bin': { kind: 'file', content: big.toString('base64'), encoding: 'base64' }
      }
    })
    expect(first.status).toBe(200)
    const assets: Record<string, unknown> = { ...helloAssets }
    for (let i = 0; i < 520; i++) assets[`copy/${i}.bin`] = { kind: 'file', gitSha1: gitSha1(big) }
    const tooBig = await deploy(project.id, { assets })
    expect(tooBig.status).toBe(400)
    expect(tooBig.body.message).toContain('1 GB')
  })

  it('accepts a 100 MB request body', async () => {
    const project = await createProject('hundred-mb')
    const payload = Buffer.alloc(75 * 1024 * 1024, 'subhosting')
    const res = await deploy(project.id, {
      assets: {
        ...helloAssets,
        'data.bin': { kind: 'file', content: payload.toString('base64'), encoding: 'base64' }
      }
    })
    expect(res.status).toBe(200)
    // The blob is stored under its git hash: a second deployment only names it.
    const byHash = await deploy(project.id, {
      assets: { ...helloAssets, 'data.bin': { kind: 'file', gitSha1: gitSha1(payload) } }
    })
    expect(byHash.status).toBe(200)
    for (const id of [res.body.id, byHash.body.id])
      expect((await api('DELETE', `/deployments/${id}`)).status).toBe(200)
  })
})

describe('body limits of non-deployment routes', () => {
  /** PATCHes a project with raw bytes (gzip'd bodies go as they are). */
  const patchRaw = (projectId: string, body: Buffer, headers: Record<string, string>) =>
    rawRequest<{ code?: string; message?: string }>(
      server,
      `${server.apiUrl}/projects/${projectId}`,
      'PATCH',
      body,
      headers
    )

  it('answers 413 naming the 16 MiB limit, whether declared or found while decompressing', async () => {
    const project = await createProject('limits')
    const json = Buffer.from(JSON.stringify({ description: 'x'.repeat(MAX_JSON_BODY_BYTES) }))
    const declared = await patchRaw(project.id, json, { 'content-type': 'application/json' })
    const inflated = await patchRaw(project.id, gzipSync(json), {
      'content-type': 'application/json',
      'content-encoding': 'gzip'
    })
    for (const res of [declared, inflated]) {
      expect(res.status).toBe(413)
      expect(res.body.code).toBe('requestTooLarge')
      expect(res.body.message).toContain(`at most ${MAX_JSON_BODY_BYTES} bytes (16 MiB)`)
      expect(res.body.message).toContain('Only deployment requests')
    }
    // Just under the limit is read and validated as usual.
    const under = await api('PATCH', `/projects/${project.id}`, {
      description: 'x'.repeat(MAX_JSON_BODY_BYTES - 100)
    })
    expect(under.status).toBe(400)
    expect(under.body.message).toContain('description')
  })
})

describe('domains on deployments', () => {
  it('attaches and detaches with placeholders following the suffix and registration rules', async () => {
    const project = await createProject('domainy')
    const created = await deploy(project.id, { domains: [] })
    const d = await waitUntilBuilt(created.body.id)
    expect(d.domains).toEqual([])
    expect((await server.fetchHost(`domainy-${d.id}.deploy.localhost`)).status).toBe(404)

    const put = (name: string): Promise<Answer> =>
      api('PUT', `/deployments/${d.id}/domains/${name}`)
    const attached = await put('%7Bproject.name%7D.deploy.localhost')
    expect(attached.body).toEqual({ domain: 'domainy.deploy.localhost' })
    expect(
      (await put(encodeURIComponent('{project.name}-{deployment.id}.deploy.localhost'))).body
    ).toEqual({
      domain: `domainy-${d.id}.deploy.localhost`
    })
    expect((await server.fetchHost('domainy.deploy.localhost')).text()).toBe('hi nobody -')

    for (const name of [
      'foo.deploy.localhost',
      'my-{project.name}.deploy.localhost',
      '{deployment.id}.deploy.localhost',
      '{project.id}.wild.test',
      'app.unregistered.test'
    ]) {
      const res = await put(encodeURIComponent(name))
      expect([name, res.status, res.body.code]).toEqual([name, 400, 'domainNotAllowed'])
    }

    const wildcard = await api('POST', `/organizations/${server.organizationId}/domains`, {
      domain: '*.wild.test'
    })
    expect(wildcard.status).toBe(200)
    expect((await put(encodeURIComponent('{project.name}.wild.test'))).body).toEqual({
      domain: 'domainy.wild.test'
    })
    expect((await put('a.b.wild.test')).body.code).toBe('domainNotAllowed')
    expect((await server.fetchHost('domainy.wild.test')).status).toBe(200)

    const view = await api('GET', `/deployments/${d.id}`)
    expect(view.body.domains).toEqual(
      [
        'domainy-' + d.id + '.deploy.localhost',
        'domainy.deploy.localhost',
        'domainy.wild.test'
      ].sort()
    )

    const del = await api(
      'DELETE',
      `/deployments/${d.id}/domains/${encodeURIComponent('{project.name}.deploy.localhost')}`
    )
    expect(del.status).toBe(200)
    expect((await server.fetchHost('domainy.deploy.localhost')).status).toBe(404)
    const again = await api('DELETE', `/deployments/${d.id}/domains/domainy.deploy.localhost`)
    expect(again.body.code).toBe('domainNotFound')

    // A PUT moves a domain from one deployment to another.
    const second = await waitUntilBuilt(
      (await deploy(project.id, { envVars: { WHO: 'second' } })).body.id
    )
    expect((await api('PUT', `/deployments/${second.id}/domains/domainy.wild.test`)).status).toBe(
      200
    )
    expect((await server.fetchHost('domainy.wild.test')).text()).toBe('hi second -')
    expect((await api('GET', `/deployments/${d.id}`)).body.domains).not.toContain(
      'domainy.wild.test'
    )
  })

  it('attaches exactly the domains listed at create time', async () => {
    const project = await createProject('listed')
    const res = await deploy(project.id, { domains: ['{project.name}.deploy.localhost'] })
    const d = await waitUntilBuilt(res.body.id)
    expect(d.domains).toEqual(['listed.deploy.localhost'])
  })
})

describe('project deletion', () => {
  it('stops and removes the deployments of a deleted project', async () => {
    const project = await createProject('doomed')
    const d = await waitUntilBuilt((await deploy(project.id)).body.id)
    expect((await server.fetchHost(d.domains[0])).status).toBe(200)
    expect((await api('DELETE', `/projects/${project.id}`)).status).toBe(200)
    expect((await api('GET', `/deployments/${d.id}`)).body.code).toBe('deploymentNotFound')
    expect((await server.fetchHost(d.domains[0])).status).toBe(404)
    expect(existsSync(join(server.dataDir, 'deployments', d.id))).toBe(false)
  })
})

describe('redeploy', () => {
  it('merges envVars (null deletes) and keeps the rest', async () => {
    const project = await createProject('redeployed')
    const first = await waitUntilBuilt(
      (await deploy(project.id, { envVars: { WHO: 'one', EXTRA: 'x' }, requestTimeout: 5000 })).body
        .id
    )
    expect(first.requestTimeout).toBe(5000)
    const res = await api('POST', `/deployments/${first.id}/redeploy`, {
      envVars: { WHO: 'two', EXTRA: null },
      permissions: { net: [] },
      description: 'again'
    })
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({ status: 'pending', projectId: project.id })
    const second = await waitUntilBuilt(res.body.id)
    expect(second).toMatchObject({
      status: 'success',
      requestTimeout: 5000,
      permissions: { net: [] },
      description: 'again'
    })
    expect((await server.fetchHost(second.domains[0])).text()).toBe('hi two -')
    const bad = await api('POST', `/deployments/${first.id}/redeploy`, { envVars: { WHO: 2 } })
    expect(bad.status).toBe(400)
    const unknown = await api('POST', `/deployments/${first.id}/redeploy`, { assets: {} })
    expect(unknown.body.message).toContain("'assets'")
  })
})

describe('logs', () => {
  it('streams build logs as NDJSON until the build ends, and fails builds with the error logged', async () => {
    const project = await createProject('broken')
    const res = await deploy(project.id, {
      assets: {
        'main.ts': {
          kind: 'file',
          // An unresolvable import fails the build (type errors do not, as on the platform).
          content: "import { x } from './missing.ts'\nDeno.serve(() => new Response(String(x)))"
        }
      }
    })
    const stream = await fetch(`${server.apiUrl}/deployments/${res.body.id}/build_logs`, {
      headers: { authorization: `Bearer ${server.token}`, accept: 'application/x-ndjson' }
    })
    expect(stream.headers.get('content-type')).toContain('application/x-ndjson')
    const lines = (await stream.text())
      .trim()
      .split('\n')
      .map(l => JSON.parse(l))
    expect(lines.length).toBeGreaterThan(0)
    const final = await api('GET', `/deployments/${res.body.id}`)
    expect(final.body.status).toBe('failed')
    expect(lines.some(l => l.level === 'error')).toBe(true)
    expect(JSON.stringify(lines)).toContain('Module not found')
  })

  it('pages past app logs with a cursor and streams live ones', async () => {
    const project = await createProject('logged')
    const d = await waitUntilBuilt((await deploy(project.id)).body.id)
    const host = d.domains[0]
    for (const path of ['/one', '/two', '/three']) await server.fetchHost(host, path)
    const since = new Date(Date.now() - 60_000).toISOString()
    const seen: string[] = []
    let url: string | null = `/deployments/${d.id}/app_logs?since=${since}&order=asc&limit=1&q=hit`
    for (let i = 0; url && i < 10; i++) {
      const page: Answer = await api('GET', url)
      expect(page.status).toBe(200)
      seen.push(...page.body.map((e: { message: string }) => e.message))
      const next = /<([^>]+)>; rel="next"/.exec(page.headers.get('link') ?? '')
      url = next ? next[1].replace(server.apiUrl, '') : null
    }
    expect(seen).toEqual(['hit /one', 'hit /two', 'hit /three'])
    const bad = await api('GET', `/deployments/${d.id}/app_logs?level=loud`)
    expect(bad.status).toBe(400)

    const controller = new AbortController()
    const live = await fetch(`${server.apiUrl}/deployments/${d.id}/app_logs?level=info`, {
      headers: { authorization: `Bearer ${server.token}`, accept: 'application/x-ndjson' },
      signal: controller.signal
    })
    const reader = live.body!.getReader()
    await server.fetchHost(host, '/live')
    let text = ''
    while (!text.includes('\n')) {
      const { value } = await reader.read()
      text += Buffer.from(value!).toString()
    }
    expect(JSON.parse(text.split('\n')[0])).toMatchObject({ level: 'info', message: 'hit /live' })
    controller.abort()
  })
})
