import { describe, it, expect, beforeAll, afterAll } from '@jest/globals'
import { symlink } from 'node:fs/promises'
import { join } from 'node:path'
import { startLocalServer, type LocalServer } from '../testing/harness.js'
import { api, createDatabase, deployAssets, type Asset, type Deployed } from '../testing/deploys.js'
import { RuntimeHarness } from '../testing/harness.js'

// Each route tries one thing a deployment must not be able to do and reports what happened.
const PROBE = `
const attempt = async (action: () => Promise<unknown> | unknown) => {
  try {
    return new Response('allowed: ' + String(await action()).slice(0, 200))
  } catch (error) {
    return new Response('denied: ' + (error as Error).name + ': ' + (error as Error).message)
  }
}
Deno.serve(request => {
  const url = new URL(request.url)
  const arg = url.searchParams.get('arg') ?? ''
  switch (url.pathname) {
    case '/read': return attempt(() => Deno.readTextFile(arg))
    case '/readdir': return attempt(async () => (await Array.fromAsync(Deno.readDir(arg))).length)
    case '/write': return attempt(() => Deno.writeTextFile(arg, 'pwned'))
    case '/run': return attempt(() => new Deno.Command('/bin/sh', { args: ['-c', 'id'] }).output())
    case '/ffi': return attempt(() => (Deno as unknown as { dlopen: (p: string, s: object) => unknown }).dlopen('libc.so.6', {}))
    case '/sys': return attempt(() => Deno.hostname())
    case '/fetch': return attempt(async () => (await fetch(arg)).status)
    case '/env': return Response.json(Deno.env.toObject())
    case '/own': return attempt(() => Deno.readTextFile('./main.ts').then(t => t.length))
  }
  return new Response('unknown probe', { status: 404 })
})
`
const probeAssets: Record<string, Asset> = {
  'main.ts': { kind: 'file', content: PROBE, encoding: 'utf-8' }
}

describe('deployment sandbox (through the server)', () => {
  let server: LocalServer
  let projectId: string
  let probe: Deployed
  let victim: Deployed

  const ask = async (d: Deployed, path: string, arg = '') => {
    const reply = await server.fetchHost(d.domains[0], `${path}?arg=${encodeURIComponent(arg)}`)
    expect(reply.status).toBe(200)
    return reply.text()
  }

  beforeAll(async () => {
    server = await startLocalServer({ env: { SERVER_ONLY_SECRET: 'do-not-leak' } })
    projectId = (await server.createProject('sandbox')).id
    probe = await deployAssets(server, projectId, probeAssets, {
      envVars: { VISIBLE: 'yes' },
      databases: { default: await createDatabase(server) }
    })
    victim = await deployAssets(server, projectId, {
      'main.ts': {
        kind: 'file',
        content: "Deno.serve(() => new Response('victim'))\n",
        encoding: 'utf-8'
      },
      'secret.txt': { kind: 'file', content: 'victim secret', encoding: 'utf-8' }
    })
    expect(probe.status).toBe('success')
    expect(victim.status).toBe('success')
  })
  afterAll(() => server.stop())

  it('can read its own files', async () => {
    expect(await ask(probe, '/own')).toMatch(/^allowed: \d+/)
  })

  it('cannot read /etc/passwd', async () => {
    expect(await ask(probe, '/read', '/etc/passwd')).toMatch(/^denied: NotCapable/)
  })

  it("cannot read another deployment's files", async () => {
    const victimFile = join(server.dataDir, 'deployments', victim.id, 'src', 'secret.txt')
    expect(await ask(probe, '/read', victimFile)).toMatch(/^denied: NotCapable/)
    expect(await ask(probe, '/read', `../../${victim.id}/src/secret.txt`)).toMatch(/^denied/)
  })

  it("cannot read or list the server's data dir", async () => {
    expect(await ask(probe, '/readdir', server.dataDir)).toMatch(/^denied: NotCapable/)
    expect(await ask(probe, '/readdir', join(server.dataDir, 'runtime', 'kv'))).toMatch(/^denied/)
    expect(await ask(probe, '/read', '/proc/self/environ')).toMatch(/^denied/)
  })

  it('cannot write files, not even its own', async () => {
    expect(await ask(probe, '/write', './main.ts')).toMatch(/^denied: NotCapable/)
    expect(await ask(probe, '/write', '/tmp/sandbox-escape.txt')).toMatch(/^denied: NotCapable/)
  })

  it('cannot spawn processes, load native code or query the system', async () => {
    expect(await ask(probe, '/run')).toMatch(/^denied: NotCapable/)
    expect(await ask(probe, '/ffi')).toMatch(/^denied/)
    expect(await ask(probe, '/sys')).toMatch(/^denied: NotCapable/)
  })

  it("sees only its own env vars, never the server's", async () => {
    const env = JSON.parse(await ask(probe, '/env')) as Record<string, string>
    expect(env.VISIBLE).toBe('yes')
    expect(env.SERVER_ONLY_SECRET).toBeUndefined()
    // Besides its own: what the runtime sets for Deno, and what Deno sets for its Node shims.
    expect(Object.keys(env).sort()).toEqual([
      'DENO_DIR',
      'DENO_NODE_SHIM_ACTIVE',
      'DENO_NO_PROMPT',
      'DENO_NO_UPDATE_CHECK',
      'NO_COLOR',
      'PATH',
      'VISIBLE'
    ])
    expect(env.PATH).not.toContain(process.env.PATH)
  })

  it("cannot pull the server's files into its module graph (static imports skip permissions)", async () => {
    const state = join(server.dataDir, 'state.json')
    const d = await deployAssets(server, projectId, {
      'main.ts': {
        kind: 'file',
        content: `import state from ${JSON.stringify(state)} with { type: 'json' }\nDeno.serve(() => Response.json(state))\n`,
        encoding: 'utf-8'
      }
    })
    expect(d.status).toBe('failed')
    expect(d.buildLogs.map(l => l.message)).toContain(
      `main.ts imports "${state}", which is outside the deployment's assets`
    )
    expect(JSON.stringify(d.buildLogs)).not.toContain(server.token)
  })

  it('enforces permissions.net: [] denies everything, a list allows only its hosts, never the server', async () => {
    const api = `${server.origin}/v1/organizations/${server.organizationId}`
    const none = await deployAssets(server, projectId, probeAssets, { permissions: { net: [] } })
    expect(await ask(none, '/fetch', api)).toMatch(/^denied: NotCapable/)
    const listed = await deployAssets(server, projectId, probeAssets, {
      permissions: { net: ['example.com'] }
    })
    expect(await ask(listed, '/fetch', api)).toMatch(/^denied: NotCapable/)
    // Naming the server's own port opens nothing: an app never reaches the API it runs under
    // (a named loopback service on another port is reachable: security-limits.test.ts).
    const loopback = await deployAssets(server, projectId, probeAssets, {
      permissions: { net: [`127.0.0.1:${server.port}`] }
    })
    expect(await ask(loopback, '/fetch', api)).toMatch(/^denied: NotCapable/)
    // No permissions: the internet is open (as on the hosted service), the host is not.
    expect(await ask(probe, '/fetch', api)).toMatch(/^denied: NotCapable/)
  })
})

describe('API authentication', () => {
  let server: LocalServer
  beforeAll(async () => {
    server = await startLocalServer()
  })
  afterAll(() => server.stop())

  it('answers 401 invalidToken to a bad or missing token on every kind of route', async () => {
    const project = await server.createProject('auth-check')
    const org = `/organizations/${server.organizationId}`
    const routes: [string, string, unknown?][] = [
      ['GET', org],
      ['GET', `${org}/projects`],
      ['POST', `${org}/projects`, { name: 'nope' }],
      ['GET', `/projects/${project.id}`],
      ['DELETE', `/projects/${project.id}`],
      [
        'POST',
        `/projects/${project.id}/deployments`,
        { entryPointUrl: 'main.ts', assets: {}, envVars: {} }
      ],
      ['GET', `/projects/${project.id}/deployments`],
      ['GET', '/deployments/abcde12vwxyz/build_logs'],
      ['GET', `${org}/databases`],
      ['POST', `${org}/domains`, { domain: 'example.com' }]
    ]
    for (const [method, path, body] of routes) {
      for (const token of ['wrong-token', '']) {
        const reply = await api<{ code: string; message: string }>(
          server,
          method,
          path,
          body,
          token
        )
        expect({ method, path, status: reply.status, code: reply.body.code }).toEqual({
          method,
          path,
          status: 401,
          code: 'invalidToken'
        })
      }
    }
    expect((await api(server, 'GET', `/projects/${project.id}`)).status).toBe(200)
  })
})

describe('runtime guards (without the API in front)', () => {
  let h: RuntimeHarness
  beforeAll(async () => {
    h = await RuntimeHarness.start()
  })
  afterAll(() => h.stop())

  it('refuses assets with a symlink leaving the tree (Deno permissions do not follow links)', async () => {
    const app = await h.deploy({ files: { 'main.ts': PROBE } })
    expect(app.buildOk).toBe(true)
    await symlink('/etc/passwd', join(app.srcDir, 'passwd'))
    const reply = await h.request(app.id, '/read?arg=./passwd')
    expect(reply.status).toBe(502)
    expect(reply.text()).toContain(
      "symlinks leaving the deployment's assets are not allowed: passwd → /etc/passwd"
    )
    expect(reply.text()).not.toContain('root:')

    const rebuilt = await h.deploy({ files: { 'main.ts': PROBE } })
    await symlink('/etc', join(rebuilt.srcDir, 'etc'))
    const again = await h.runtime.build({
      deploymentId: rebuilt.id,
      srcDir: rebuilt.srcDir,
      entryPointUrl: 'main.ts',
      importMapUrl: null,
      lockFileUrl: null,
      compilerOptions: null,
      onLog: (level, message) => rebuilt.buildLogs.push({ level, message })
    })
    expect(again.ok).toBe(false)
    expect(rebuilt.buildLogs.at(-1)?.message).toContain('etc → /etc')
  })
})
