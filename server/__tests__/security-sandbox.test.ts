// Each attack of issue 10, deployed as an app through the API; every test asserts it fails.
import { describe, it, expect, beforeAll, afterAll } from '@jest/globals'
import { spawn } from 'node:child_process'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startLocalServer, type LocalServer } from '../testing/harness.js'
import { api, deployAssets, type Asset, type Deployed } from '../testing/deploys.js'

const file = (content: string): Asset => ({ kind: 'file', content, encoding: 'utf-8' })

// Routes that try what a deployment must not do and say what happened.
const PROBE = `
const attempt = async (action: () => Promise<unknown> | unknown) => {
  try {
    return new Response('allowed: ' + String(await action()).slice(0, 300))
  } catch (error) {
    return new Response('denied: ' + (error as Error).name + ': ' + (error as Error).message)
  }
}
Deno.serve(async request => {
  const url = new URL(request.url)
  const arg = url.searchParams.get('arg') ?? ''
  switch (url.pathname) {
    case '/fetch': return attempt(async () => (await fetch(arg)).text())
    case '/connect': return attempt(async () => {
      const [hostname, port] = arg.split(' ')
      ;(await Deno.connect({ hostname, port: Number(port) })).close()
      return 'connected'
    })
    case '/unix': return attempt(async () => {
      ;(await Deno.connect({ transport: 'unix', path: arg })).close()
      return 'connected'
    })
    case '/env': return Response.json(Deno.env.toObject())
    case '/echo': {
      const body = await request.text()
      console.log(body)
      return new Response('echo ' + body.length)
    }
  }
  return new Response('probe ' + url.pathname)
})
`

/** Loopback HTTP listener of the test itself: what a deployment must not reach. */
async function listen(answer: string): Promise<{ server: Server; port: number; hits: string[] }> {
  const hits: string[] = []
  const server = createServer((req, res) => {
    hits.push(`${req.method} ${req.url}`)
    res.end(answer)
  })
  server.on('connect', (req, socket) => {
    hits.push(`CONNECT ${req.url}`)
    socket.end('HTTP/1.1 502 Bad Gateway\r\n\r\n')
  })
  await new Promise<void>(done => server.listen(0, '127.0.0.1', done))
  return { server, port: (server.address() as AddressInfo).port, hits }
}

/** Pids of live processes whose command line mentions `needle` (Linux /proc). */
function pidsMentioning(needle: string): number[] {
  return readdirSync('/proc')
    .filter(name => /^\d+$/.test(name))
    .filter(name => {
      try {
        return readFileSync(`/proc/${name}/cmdline`, 'utf8').includes(needle)
      } catch {
        return false
      }
    })
    .map(Number)
}

function parentOf(pid: number): number {
  return Number(/^PPid:\s+(\d+)/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1])
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}

async function waitUntil(condition: () => boolean, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms
  while (Date.now() < deadline) {
    if (condition()) return true
    await new Promise(resolve => setTimeout(resolve, 50))
  }
  return condition()
}

describe('sandbox against deployed attacks', () => {
  let server: LocalServer
  let projectId: string
  let probe: Deployed
  let victim: Deployed
  let proxy: Awaited<ReturnType<typeof listen>>

  const ask = async (d: Deployed, path: string, arg = '') => {
    const reply = await server.fetchHost(d.domains[0], `${path}?arg=${encodeURIComponent(arg)}`)
    return reply.text()
  }
  const victimSrc = () => join(server.dataDir, 'deployments', victim.id, 'src')

  beforeAll(async () => {
    proxy = await listen('proxied')
    server = await startLocalServer({
      env: {
        HTTPS_PROXY: `http://127.0.0.1:${proxy.port}`,
        HTTP_PROXY: `http://127.0.0.1:${proxy.port}`,
        NO_PROXY: 'nothing.invalid',
        SSL_CERT_FILE: '/nonexistent/ca.pem'
      }
    })
    projectId = (await server.createProject('sandbox-attacks')).id
    victim = await deployAssets(server, projectId, {
      'main.ts': file(
        "const KEY = 'victim-secret-key-93ac'\nDeno.serve(() => new Response('victim ' + KEY.length))\n"
      )
    })
    probe = await deployAssets(server, projectId, { 'main.ts': file(PROBE) })
    expect([victim.status, probe.status]).toEqual(['success', 'success'])
    expect(await ask(victim, '/')).toBe('victim 22')
  })
  afterAll(async () => {
    await server.stop()
    await new Promise(done => proxy.server.close(done))
  })

  describe("builds read nothing outside the deployment's assets and the module cache", () => {
    const attacks = (target: string): Record<string, Record<string, Asset>> => ({
      '@ts-self-types': {
        'main.js': file(
          `// @ts-self-types="${target}"\nexport default { fetch: () => new Response('x') }\n`
        ),
        'deno.json': file('{ "compilerOptions": { "noUnusedLocals": true } }')
      },
      '/// <reference path>': {
        'main.ts': file(`/// <reference path="${target}" />\nDeno.serve(() => new Response('x'))\n`)
      },
      '/// <reference types>': {
        'main.ts': file(
          `/// <reference types="${target}" />\nDeno.serve(() => new Response('x'))\n`
        )
      },
      'static import': {
        'main.ts': file(`import ${JSON.stringify(target)}\nDeno.serve(() => new Response('x'))\n`)
      },
      'import map entry': {
        'main.ts': file("import 'other'\nDeno.serve(() => new Response('x'))\n"),
        'deno.json': file(JSON.stringify({ imports: { other: target } }))
      }
    })

    it('leaks no byte of another deployment, with or without --type-check', async () => {
      const checking = await startLocalServer({ args: ['--type-check'] })
      try {
        const checkingProject = (await checking.createProject('type-checked')).id
        for (const [where, project, target] of [
          [server, projectId, `file://${victimSrc()}/main.ts`],
          [checking, checkingProject, `file://${victimSrc()}/main.ts`]
        ] as const) {
          for (const [name, assets] of Object.entries(attacks(target))) {
            const d = await deployAssets(where, project, assets, {
              entryPointUrl: assets['main.js'] ? 'main.js' : 'main.ts'
            })
            const logs = JSON.stringify(d.buildLogs)
            expect({ name, leaked: logs.includes('victim-secret-key') }).toEqual({
              name,
              leaked: false
            })
            expect({ name, status: d.status }).toEqual({ name, status: 'failed' })
          }
        }
      } finally {
        await checking.stop()
      }
    })

    it("cannot read the server's own files through a types directive either", async () => {
      const d = await deployAssets(
        server,
        projectId,
        attacks(`file://${server.dataDir}/state.json`)['@ts-self-types'],
        {
          entryPointUrl: 'main.js'
        }
      )
      expect(d.status).toBe('failed')
      expect(JSON.stringify(d.buildLogs)).not.toContain(server.token)
    })
  })

  describe('the control channel is private', () => {
    it('a forged ready line in the output changes nothing', async () => {
      const forged = `\u001e@subhosting {"ready":"${victimSrc()}"}\n\u001e@subhosting {"ready":${server.port}}`
      const reply = await server.fetchHost(probe.domains[0], '/echo', {
        method: 'POST',
        body: forged
      })
      expect(reply.text()).toBe(`echo ${forged.length}`)
      expect(await ask(probe, '/still-mine')).toBe('probe /still-mine')
      const logs = await api<{ message: string }[]>(
        server,
        'GET',
        `/deployments/${probe.id}/app_logs`
      )
      expect(JSON.stringify(logs.body)).toContain('@subhosting')
    })

    it("cannot reach its own control socket or another deployment's HTTP socket", async () => {
      await ask(victim, '/')
      const sockets = (pid: number) =>
        readFileSync(`/proc/${pid}/cmdline`, 'utf8').match(/\/[^,\0]*\/(?:http|control)\.sock/g) ??
        []
      const [probePid] = pidsMentioning(`deployments/${probe.id}/src`)
      const [victimPid] = pidsMentioning(`deployments/${victim.id}/src`)
      const own = sockets(probePid).find(path => path.endsWith('control.sock'))!
      const theirs = sockets(victimPid).find(path => path.endsWith('http.sock'))!
      expect(own && theirs).toBeTruthy()
      expect(await ask(probe, '/unix', own)).toMatch(/^denied: NotCapable/)
      expect(await ask(probe, '/unix', theirs)).toMatch(/^denied: NotCapable/)
      expect(await ask(victim, '/')).toBe('victim 22')
    })
  })

  describe('environment', () => {
    it('rejects reserved names at create time, naming each', async () => {
      const reserved = [
        'SSLKEYLOGFILE',
        'OTEL_DENO',
        'LD_PRELOAD',
        'DENO_CERT',
        'HTTPS_PROXY',
        'NODE_OPTIONS',
        'no_proxy'
      ]
      const reply = await api<{ code: string; message: string }>(
        server,
        'POST',
        `/projects/${projectId}/deployments`,
        {
          entryPointUrl: 'main.ts',
          assets: { 'main.ts': file(PROBE) },
          envVars: { OK: '1', ...Object.fromEntries(reserved.map(name => [name, '/tmp/x'])) }
        }
      )
      expect(reply.status).toBe(400)
      for (const name of reserved) expect(reply.body.message).toContain(`"${name}"`)
      expect(reply.body.message).not.toContain('"OK"')
    })

    it('rejects NUL and control characters in names and values, naming the field', async () => {
      const create = (envVars: Record<string, string>) =>
        api<{ message: string }>(server, 'POST', `/projects/${projectId}/deployments`, {
          entryPointUrl: 'main.ts',
          assets: { 'main.ts': file(PROBE) },
          envVars
        })
      const nulValue = await create({ SECRET: 'a\u0000b' })
      expect(nulValue.status).toBe(400)
      expect(nulValue.body.message).toContain('envVars.SECRET contains a NUL or control character')
      const controlName = await create({ 'BAD\u0001NAME': 'x' })
      expect(controlName.status).toBe(400)
      expect(controlName.body.message).toContain('invalid variable name')
      const pem = await create({ PEM: '-----BEGIN-----\r\n\tabc\n-----END-----' })
      expect(pem.status).toBe(200)
      const redeploy = await api<{ message: string }>(
        server,
        'POST',
        `/deployments/${probe.id}/redeploy`,
        {
          envVars: { SSLKEYLOGFILE: '/tmp/keys' }
        }
      )
      expect(redeploy.status).toBe(400)
      expect(redeploy.body.message).toContain('"SSLKEYLOGFILE"')
    })

    it("gets none of the host's proxy or CA settings, which the build's downloads do get", async () => {
      const env = JSON.parse(await ask(probe, '/env')) as Record<string, string>
      for (const name of [
        'HTTPS_PROXY',
        'HTTP_PROXY',
        'NO_PROXY',
        'SSL_CERT_FILE',
        'SUBHOSTING_BOOT'
      ]) {
        expect(env[name]).toBeUndefined()
      }
      const d = await deployAssets(server, projectId, {
        'main.ts': file("import 'https://deno.land/x/subhosting_proxy_probe/mod.ts'\n")
      })
      expect(d.status).toBe('failed')
      expect(proxy.hits).toContain('CONNECT deno.land:443')
    })
  })

  describe('default network', () => {
    let service: Awaited<ReturnType<typeof listen>>
    beforeAll(async () => {
      service = await listen('loopback service secret')
    })
    afterAll(() => new Promise<void>(done => service.server.close(() => done())))

    it('reaches neither loopback services, the server, nor other deployments', async () => {
      const p = service.port
      for (const target of [
        `http://127.0.0.1:${p}/`,
        `http://localhost:${p}/`,
        `http://127.0.0.2:${p}/`,
        `http://0.0.0.0:${p}/`,
        `http://2130706433:${p}/`,
        `http://[::ffff:127.0.0.1]:${p}/`,
        `http://[::1]:${p}/`,
        `${server.origin}/v1/organizations/${server.organizationId}`
      ]) {
        const answer = await ask(probe, '/fetch', target)
        expect({ target, answer }).toEqual({ target, answer: expect.stringMatching(/^denied: /) })
      }
      for (const hostPort of [
        `127.0.0.1 ${p}`,
        `localhost ${p}`,
        `0.0.0.0 ${p}`,
        `127.0.0.1 ${server.port}`
      ]) {
        expect(await ask(probe, '/connect', hostPort)).toMatch(/^denied: NotCapable/)
      }
      expect(service.hits).toEqual([])
    })

    it('reaches a loopback address that permissions.net names explicitly', async () => {
      const named = await deployAssets(
        server,
        projectId,
        { 'main.ts': file(PROBE) },
        {
          permissions: { net: [`127.0.0.1:${service.port}`] }
        }
      )
      expect(await ask(named, '/fetch', `http://127.0.0.1:${service.port}/`)).toBe(
        'allowed: loopback service secret'
      )
      expect(await ask(named, '/fetch', `${server.origin}/`)).toMatch(/^denied: NotCapable/)
    })

    it('refuses IPv6 forms of IPv4 addresses, which would reach the server around its rules', async () => {
      for (const entry of [
        `[::ffff:127.0.0.1]:${server.port}`,
        `[::FFFF:7f00:1]:${server.port}`,
        '[::7f00:1]',
        '[::ffff:0:7f00:1]'
      ]) {
        const reply = await api<{ message: string }>(
          server,
          'POST',
          `/projects/${projectId}/deployments`,
          {
            entryPointUrl: 'main.ts',
            assets: { 'main.ts': file(PROBE) },
            envVars: {},
            permissions: { net: [entry] }
          }
        )
        expect({ entry, status: reply.status }).toEqual({ entry, status: 400 })
        expect(reply.body.message).toContain('Name the IPv4 address itself')
      }
    })
  })

  describe('input limits and leaks', () => {
    it('rejects over-long asset paths and names with a 400 naming the path', async () => {
      const create = (path: string) =>
        api<{ message: string }>(server, 'POST', `/projects/${projectId}/deployments`, {
          entryPointUrl: 'main.ts',
          assets: { 'main.ts': file(PROBE), [path]: file('x') },
          envVars: {}
        })
      const longName = await create(`dir/${'n'.repeat(300)}.txt`)
      expect(longName.status).toBe(400)
      expect(longName.body.message).toContain('304-byte segment; at most 255 bytes are allowed')
      const longPath = await create(Array.from({ length: 20 }, () => 'd'.repeat(60)).join('/'))
      expect(longPath.status).toBe(400)
      expect(longPath.body.message).toContain('bytes long; at most 1024 are allowed')
    })

    it('answers 502 with the app error at its repository path, no host path, no native frames', async () => {
      const crash = await deployAssets(server, projectId, {
        'main.ts': file("import { fail } from './lib/fail.ts'\nfail()\n"),
        'lib/fail.ts': file(
          'export function fail() {\n  throw new Error("boom at " + import.meta.url)\n}\n'
        )
      })
      const reply = await server.fetchHost(crash.domains[0], '/')
      expect(reply.status).toBe(502)
      const body = reply.text()
      expect(body).toContain("the deployment's process exited with code 1: error: Uncaught")
      expect(body).toContain('boom at lib/fail.ts')
      expect(body).not.toContain(server.dataDir)
      expect(body).not.toContain('file://')
      expect(body).not.toMatch(/\bat ext:|<unknown>|bootstrap\.ts/)
    })

    it('keeps Link headers bounded whatever q is', async () => {
      const huge = await fetch(
        `${server.apiUrl}/organizations/${server.organizationId}/projects?q=${'q'.repeat(10_000)}`,
        { headers: { authorization: `Bearer ${server.token}` } }
      )
      expect(huge.status).toBe(400)
      expect(await huge.text()).toContain("'q' has 10000 characters; at most 256")
      const max = await fetch(
        `${server.apiUrl}/organizations/${server.organizationId}/projects?q=${'q'.repeat(256)}`,
        { headers: { authorization: `Bearer ${server.token}` } }
      )
      expect(max.status).toBe(200)
      expect((max.headers.get('link') ?? '').length).toBeLessThan(2048)
    })
  })
})

describe('memory limit', () => {
  let server: LocalServer
  beforeAll(async () => {
    server = await startLocalServer({ args: ['--memory-limit', '160'] })
  })
  afterAll(() => server.stop())

  it('stops a process whose resident memory passes the limit, says so, and stays up', async () => {
    const projectId = (await server.createProject('memory')).id
    const hog = await deployAssets(server, projectId, {
      'main.ts': file(
        'const held: Uint8Array[] = []\n' +
          'Deno.serve(async () => {\n  const block = new Uint8Array(400 * 1024 * 1024)\n  block.fill(7)\n  held.push(block)\n' +
          "  await new Promise(resolve => setTimeout(resolve, 10_000))\n  return new Response('survived')\n})\n"
      )
    })
    const calm = await deployAssets(server, projectId, {
      'main.ts': file("Deno.serve(() => new Response('calm'))\n")
    })
    const reply = await server.fetchHost(hog.domains[0], '/')
    expect(reply.status).toBe(502)
    expect(reply.text()).toMatch(
      /the deployment's process was killed by SIGKILL: it used \d+ MB of memory, over the limit of 160 MB/
    )
    const logs = await api<{ level: string; message: string }[]>(
      server,
      'GET',
      `/deployments/${hog.id}/app_logs`
    )
    expect(logs.body.map(l => l.message)).toContainEqual(
      expect.stringMatching(
        /^Memory limit exceeded: the process used \d+ MB of memory, over the limit of 160 MB; stopped\.$/
      )
    )
    expect((await server.fetchHost(calm.domains[0], '/')).text()).toBe('calm')
  })
})

describe('no orphans', () => {
  it('kills an app that ignores SIGTERM and overrides Deno.exit when the server is SIGKILLed', async () => {
    const server = await startLocalServer()
    try {
      const projectId = (await server.createProject('stubborn')).id
      const app = await deployAssets(server, projectId, {
        'main.ts': file(
          "Deno.addSignalListener('SIGTERM', () => console.log('ignoring SIGTERM'))\n" +
            ';(Deno as unknown as { exit: unknown }).exit = () => undefined\n' +
            "Deno.serve(() => new Response('stubborn'))\n"
        )
      })
      expect((await server.fetchHost(app.domains[0], '/')).text()).toBe('stubborn')
      const [pid] = pidsMentioning(`deployments/${app.id}/src`)
      expect(pid).toBeGreaterThan(0)
      const socketDir = /[^,=\0]*\/subh-[^/]+/.exec(readFileSync(`/proc/${pid}/cmdline`, 'utf8'))
      process.kill(parentOf(pid), 'SIGKILL')
      expect(await waitUntil(() => !alive(pid), 5000)).toBe(true)
      // The next start would clear it (see the next test); this server never starts again.
      if (socketDir) await rm(socketDir[0], { recursive: true, force: true })
    } finally {
      await server.stop()
    }
  })

  it('kills processes recorded by a previous run when it starts', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'subhosting-reap-'))
    const leftover = spawn('sleep', ['120'], { stdio: 'ignore', detached: true })
    const pid = leftover.pid!
    try {
      const startTime = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ')[19]
      await mkdir(join(dataDir, 'runtime', 'pids'), { recursive: true })
      const socketDir = await mkdtemp(join(tmpdir(), 'subh-'))
      await writeFile(
        join(dataDir, 'runtime', 'pids', String(pid)),
        JSON.stringify({ start: startTime, socketDir })
      )
      const exited = new Promise(resolve => leftover.once('exit', resolve))
      const server = await startLocalServer({ dataDir })
      await server.stop()
      expect(await exited).toBeNull()
      expect(leftover.signalCode).toBe('SIGKILL')
      expect(existsSync(join(dataDir, 'runtime', 'pids', String(pid)))).toBe(false)
      expect(existsSync(socketDir)).toBe(false)
    } finally {
      if (alive(pid)) process.kill(pid, 'SIGKILL')
      await rm(dataDir, { recursive: true, force: true })
    }
  })
})
