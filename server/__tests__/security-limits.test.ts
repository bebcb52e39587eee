// The platform's limits, each attacked by a deployed app or by real requests: fair process
// slots, bounded logs, a disk the app cannot write outside its KV database, exact loopback grants.
import { describe, it, expect, beforeAll, afterAll } from '@jest/globals'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { existsSync, lstatSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { startLocalServer, type LocalServer } from '../testing/harness.js'
import { api, createDatabase, deployAssets, type Asset, type Deployed } from '../testing/deploys.js'

const file = (content: string): Asset => ({ kind: 'file', content, encoding: 'utf-8' })

// /hold answers only after a /release (to the same process): a request in flight for as long
// as the test wants, with no timing involved.
const HOLDER = `
let release = () => {}
let held = new Promise<void>(resolve => (release = resolve))
Deno.serve(async request => {
  const path = new URL(request.url).pathname
  if (path === '/hold') { await held; return new Response('held to the end') }
  if (path === '/release') { release(); held = new Promise<void>(r => (release = r)); return new Response('released') }
  return new Response('up')
})
`

// Tries to write on the host: at the path given, and (with KV) next to its database.
const WRITER = `
const attempt = async (action: () => Promise<unknown>) => {
  try { return new Response('allowed: ' + String(await action())) }
  catch (error) { return new Response('denied: ' + (error as Error).name) }
}
Deno.serve(async request => {
  const url = new URL(request.url)
  const arg = url.searchParams.get('arg') ?? ''
  switch (url.pathname) {
    case '/remove': return attempt(() => Deno.remove(arg))
    case '/write': return attempt(() => Deno.writeTextFile(arg, 'x'.repeat(1 << 20)))
    case '/kv-fill': return attempt(async () => {
      const kv = await Deno.openKv()
      for (let i = 0; i < 64; i++) await kv.set(['fill', i], 'v'.repeat(60_000) + i)
      return 'filled'
    })
    case '/kv-set': return attempt(async () => {
      const kv = await Deno.openKv()
      await kv.set(['k'], 'stored')
      return (await kv.get(['k'])).value
    })
    // The write grant on the KV file covers paths below it: replace the file with a directory
    // tree (found from the app's own path: <data>/deployments/<id>/src/) and fill it, then hold
    // the request so that its answer is whatever stops the process.
    case '/escape': return attempt(async () => {
      const kvFile = new URL('../../../runtime/kv/' + arg + '/kv.sqlite3', import.meta.url).pathname
      await Deno.remove(kvFile).catch(() => undefined)
      await Deno.mkdir(kvFile + '/sub/deeper', { recursive: true })
      const blob = await Deno.open(kvFile + '/sub/deeper/blob.bin', { write: true, create: true })
      const chunk = new Uint8Array(1 << 20).fill(120)
      for (let i = 0; i < 200; i++) await blob.write(chunk)
      blob.close()
      await new Promise(resolve => setTimeout(resolve, 5000))
      return 'survived'
    })
  }
  return new Response('writer')
})
`

// One request prints a flood of 1 KB lines, one 100,000-character line, then a sentinel.
const FLOODER = `
Deno.serve(request => {
  const n = Number(new URL(request.url).searchParams.get('n'))
  for (let i = 0; i < n; i++) console.log('line ' + i + ' ' + 'x'.repeat(1000))
  console.log('L'.repeat(100_000))
  console.log('flood done')
  return new Response('flooded ' + n)
})
`

function pidOf(d: Deployed): number {
  const pid = readdirSync('/proc').find(name => {
    try {
      return (
        /^\d+$/.test(name) &&
        readFileSync(`/proc/${name}/cmdline`, 'utf8').includes(`deployments/${d.id}/src`)
      )
    } catch {
      return false
    }
  })
  return Number(pid)
}

/** The HTTP socket the server assigned to a deployment's live process (from its command line). */
function httpSocketOf(d: Deployed): string {
  const cmdline = readFileSync(`/proc/${pidOf(d)}/cmdline`, 'utf8')
  return /\/[^,=\0]*\/subh-[^/]+\/http\.sock/.exec(cmdline)![0]
}

async function waitUntil(
  condition: () => Promise<boolean> | boolean,
  ms: number
): Promise<boolean> {
  const deadline = Date.now() + ms
  while (Date.now() < deadline) {
    if (await condition()) return true
    await new Promise(resolve => setTimeout(resolve, 100))
  }
  return condition()
}

describe('platform limits against deployed apps', () => {
  let server: LocalServer
  const deploy = async (project: string, source: string, fields: Record<string, unknown> = {}) => {
    const projectId = (await server.createProject(project)).id
    return deployTo(projectId, source, fields)
  }
  const deployTo = async (
    projectId: string,
    source: string,
    fields: Record<string, unknown> = {}
  ) => {
    const d = await deployAssets(server, projectId, { 'main.ts': file(source) }, fields)
    expect(d.status).toBe('success')
    return d
  }
  const get = (d: Deployed, path: string) => server.fetchHost(d.domains[0], path)
  const appLog = async (d: Deployed) =>
    JSON.stringify((await api(server, 'GET', `/deployments/${d.id}/app_logs`)).body)

  beforeAll(async () => {
    server = await startLocalServer({
      maxProcesses: 2,
      args: [
        '--max-processes-per-app',
        '1',
        '--queue-timeout',
        '1500',
        '--kv-quota',
        '1',
        '--log-memory',
        '256',
        '--log-file',
        '1'
      ]
    })
  })
  afterAll(() => server.stop())

  describe('fair process slots', () => {
    it('never stops a process with a request in flight; queues, then 503 with Retry-After; per-app limit', async () => {
      const a1 = await deploy('tenant-a', HOLDER)
      const projectA = (await api<{ projectId: string }>(server, 'GET', `/deployments/${a1.id}`))
        .body.projectId
      const a2 = await deployTo(projectA, HOLDER)
      const b = await deploy('tenant-b', HOLDER)
      const c = await deploy('tenant-c', HOLDER)
      expect((await get(a1, '/')).text()).toBe('up')
      const heldA = get(a1, '/hold')
      // Tenant A holds its one slot with work in flight: its second deployment waits, then 503.
      const refused = await get(a2, '/')
      expect(refused.status).toBe(503)
      expect(refused.headers['retry-after']).toBe('1')
      expect(refused.text()).toContain('process slots of this app are busy')
      // A free server slot still serves another tenant.
      expect((await get(b, '/')).text()).toBe('up')
      const heldB = get(b, '/hold')
      const full = await get(c, '/')
      expect(full.status).toBe(503)
      expect(full.text()).toContain('all 2 process slots of the server are busy')
      // A queued request is served once a slot becomes idle.
      const queued = get(c, '/')
      expect((await get(a1, '/release')).text()).toBe('released')
      expect((await queued).text()).toBe('up')
      // The held requests ran to their end: nobody was stopped with work in flight.
      expect((await heldA).text()).toBe('held to the end')
      expect((await get(b, '/release')).text()).toBe('released')
      expect((await heldB).text()).toBe('held to the end')
      expect(await appLog(a1)).not.toContain('SIGTERM')
    })
  })

  describe('bounded logs', () => {
    it('keeps a byte-bounded ring in memory, cuts long lines with a marker and rotates the file', async () => {
      const flooder = await deploy('flooder', FLOODER)
      expect((await get(flooder, '/?n=3000')).text()).toBe('flooded 3000')
      const entries = async () => {
        const found: { message: string }[] = []
        let path: string | null =
          `/deployments/${flooder.id}/app_logs?since=2000-01-01T00:00:00Z&order=asc&limit=100`
        while (path) {
          const page = await fetch(`${server.apiUrl}${path}`, {
            headers: { authorization: `Bearer ${server.token}` }
          })
          found.push(...((await page.json()) as { message: string }[]))
          const next = /<([^>]+)>; rel="next"/.exec(page.headers.get('link') ?? '')
          path = next ? next[1].slice(next[1].indexOf('/deployments/')) : null
        }
        return found
      }
      expect(
        await waitUntil(async () => (await entries()).at(-1)?.message === 'flood done', 20_000)
      ).toBe(true)
      const kept = await entries()
      const bytes = kept.reduce((sum, entry) => sum + JSON.stringify(entry).length + 1, 0)
      expect(bytes).toBeLessThanOrEqual(256 * 1024)
      expect(kept.some(entry => entry.message.startsWith('line 0 '))).toBe(false)
      const cut = kept.find(entry => entry.message.startsWith('LLLL'))!
      expect(cut.message).toBe('L'.repeat(16 * 1024) + ' … [line cut at 16 KiB]')
      const logFile = join(server.dataDir, 'deployments', flooder.id, 'app-logs.ndjson')
      expect(await waitUntil(() => existsSync(logFile + '.1'), 5000)).toBe(true)
      for (const path of [logFile, logFile + '.1']) {
        // One batch may pass the limit before it rotates; never by a whole flood.
        expect(statSync(path).size).toBeLessThan(2 * 1024 * 1024)
      }
    })
  })

  describe('disk confined', () => {
    it('cannot delete its socket or write a file at its path', async () => {
      const writer = await deploy('writer', WRITER)
      expect((await get(writer, '/')).text()).toBe('writer')
      const socket = httpSocketOf(writer)
      const arg = encodeURIComponent(socket)
      expect((await get(writer, `/remove?arg=${arg}`)).text()).toBe('denied: NotCapable')
      expect((await get(writer, `/write?arg=${arg}`)).text()).toBe('denied: NotCapable')
      expect(lstatSync(socket).isSocket()).toBe(true)
      expect((await get(writer, '/')).text()).toBe('writer')
    })

    it('writes its KV database only through the KV API, and is stopped at its quota', async () => {
      const databaseId = await createDatabase(server)
      const writer = await deploy('kv-writer', WRITER, { databases: { default: databaseId } })
      expect((await get(writer, '/')).text()).toBe('writer')
      const kvDir = join(server.dataDir, 'runtime', 'kv', databaseId)
      for (const target of [
        join(kvDir, 'evil.bin'),
        join(kvDir, 'kv.sqlite3-wal'),
        join(dirname(kvDir), 'x')
      ]) {
        expect((await get(writer, `/write?arg=${encodeURIComponent(target)}`)).text()).toBe(
          'denied: NotCapable'
        )
      }
      expect(existsSync(join(kvDir, 'evil.bin'))).toBe(false)
      // 64 values of 60 KB pass the 1 MB quota: the process is stopped and says why.
      const filled = await get(writer, '/kv-fill')
      expect(filled.status === 502 || filled.text() === 'allowed: filled').toBe(true)
      expect(
        await waitUntil(async () => (await appLog(writer)).includes('KV quota exceeded'), 10_000)
      ).toBe(true)
      const refused = await get(writer, '/')
      expect(refused.status).toBe(502)
      expect(refused.text()).toMatch(/KV database uses \d+ MB, over the quota of 1 MB/)
    })

    it('is stopped at its quota by files under its KV path, and the next start keeps only the database', async () => {
      const databaseId = await createDatabase(server)
      const writer = await deploy('kv-escaper', WRITER, { databases: { default: databaseId } })
      expect((await get(writer, '/kv-set')).text()).toBe('allowed: stored')
      const kvDir = join(server.dataDir, 'runtime', 'kv', databaseId)
      const escape = await get(writer, `/escape?arg=${databaseId}`)
      expect(escape.text()).toMatch(
        /killed by SIGKILL: it grew its KV database to \d+ MB, over the quota of 1 MB/
      )
      expect(escape.status).toBe(502)
      expect(await appLog(writer)).toContain('KV quota exceeded')
      // Nothing but the database and SQLite's files may stay, whoever put it there.
      writeFileSync(join(kvDir, 'stray.bin'), 'x')
      expect((await get(writer, '/kv-set')).text()).toBe('allowed: stored')
      const log = await appLog(writer)
      expect(log).toContain('Removed a directory at kv.sqlite3')
      expect(log).toContain('Removed a file at stray.bin')
      const kept = readdirSync(kvDir)
      expect(kept).toContain('kv.sqlite3')
      expect(kept.every(name => /^kv\.sqlite3(-wal|-shm|-journal)?$/.test(name))).toBe(true)
      expect(kept.every(name => lstatSync(join(kvDir, name)).isFile())).toBe(true)
    })
  })

  describe('network', () => {
    let service: Server
    let port: number
    beforeAll(async () => {
      service = createServer((_req, res) => res.end('named service'))
      await new Promise<void>(done => service.listen(0, '127.0.0.1', done))
      port = (service.address() as AddressInfo).port
    })
    afterAll(() => new Promise<void>(done => service.close(() => done())))

    it('a named loopback port opens that address and port only, never the server or 127.0.0.2', async () => {
      const probe = await deploy(
        'net-named',
        `
Deno.serve(async request => {
  const target = new URL(request.url).searchParams.get('arg')!
  try { return new Response('allowed: ' + await (await fetch(target)).text()) }
  catch (error) { return new Response('denied: ' + (error as Error).name + ': ' + (error as Error).message) }
})`,
        { permissions: { net: ['example.com', `127.0.0.1:${port}`] } }
      )
      const ask = async (target: string) =>
        (await get(probe, `/?arg=${encodeURIComponent(target)}`)).text()
      expect(await ask(`http://127.0.0.1:${port}/`)).toBe('allowed: named service')
      expect(
        await ask(`http://127.0.0.1:${server.port}/v1/organizations/${server.organizationId}`)
      ).toMatch(/^denied: NotCapable/)
      expect(await ask(`http://127.0.0.2:${port}/`)).toMatch(/^denied: NotCapable/)
      expect(await ask(`http://localhost:${server.port}/`)).toMatch(/^denied: /)
    })

    it('"*" beside a loopback port is refused: with "*" a port cannot be opened alone', async () => {
      const projectId = (await server.createProject('net-star')).id
      const created = await api<{ code: string; message: string }>(
        server,
        'POST',
        `/projects/${projectId}/deployments`,
        {
          entryPointUrl: 'main.ts',
          envVars: {},
          assets: { 'main.ts': file('Deno.serve(() => new Response("x"))') },
          permissions: { net: ['*', '127.0.0.1:9'] }
        }
      )
      expect(created.status).toBe(400)
      expect(created.body.message).toContain('"127.0.0.1:9" next to "*"')
      expect(created.body.message).toContain('List the hosts the app needs instead of "*"')
    })
  })
})

describe('socket directories', () => {
  it('are removed when the server stops, and reaped after a server was SIGKILLed', async () => {
    const app = `Deno.serve(() => new Response('up'))`
    const first = await startLocalServer()
    const projectId = (await first.createProject('sockets')).id
    const d = await deployAssets(first, projectId, { 'main.ts': file(app) })
    expect((await first.fetchHost(d.domains[0], '/')).text()).toBe('up')
    const stoppedDir = dirname(httpSocketOf(d))
    await first.stop()
    expect(existsSync(stoppedDir)).toBe(false)

    // A temp dir of their own: a server starting elsewhere meanwhile (parallel suites) would
    // reap the killed server's directory before this test looks for it.
    const tmp = await mkdtemp(join(tmpdir(), 'reap-test-'))
    const killed = await startLocalServer({ env: { TMPDIR: tmp } })
    try {
      const killedProject = (await killed.createProject('sockets')).id
      const k = await deployAssets(killed, killedProject, { 'main.ts': file(app) })
      expect((await killed.fetchHost(k.domains[0], '/')).text()).toBe('up')
      const pid = pidOf(k)
      const leftDir = dirname(httpSocketOf(k))
      const serverPid = Number(
        /^PPid:\s+(\d+)/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]
      )
      process.kill(serverPid, 'SIGKILL')
      expect(await waitUntil(() => !existsSync(`/proc/${pid}`), 5000)).toBe(true)
      expect(existsSync(leftDir)).toBe(true)
      expect(leftDir.startsWith(tmp)).toBe(true)
      const next = await startLocalServer({ env: { TMPDIR: tmp } })
      await next.stop()
      expect(existsSync(leftDir)).toBe(false)
    } finally {
      await killed.stop()
      await rm(tmp, { recursive: true, force: true })
    }
  })
})
