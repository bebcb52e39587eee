import { describe, it, expect, beforeAll, afterAll } from '@jest/globals'
import { createHash } from 'node:crypto'
import { RuntimeHarness, isAlive, waitFor, type TestDeployment } from '../testing/harness.js'

// One app with a route per behaviour under test; it reports its pid so tests can tell processes apart.
const APP = `
console.log('started pid=' + Deno.pid)
Deno.serve(async (request: Request) => {
  const url = new URL(request.url)
  switch (url.pathname) {
    case '/pid':
      return new Response(String(Deno.pid))
    case '/crash':
      setTimeout(() => Deno.exit(3), 0)
      return await new Promise<Response>(() => {})
    case '/slow':
      await new Promise(resolve => setTimeout(resolve, 10_000))
      return new Response('too late')
    case '/echo': {
      const body = new Uint8Array(await request.arrayBuffer())
      const digest = await crypto.subtle.digest('SHA-256', body)
      const hex = [...new Uint8Array(digest)].map(b => b.toString(16).padStart(2, '0')).join('')
      return new Response(hex, { headers: { 'x-method': request.method, 'x-seen': request.headers.get('x-test') ?? '' } })
    }
    case '/cookies': {
      const headers = new Headers()
      headers.append('set-cookie', 'a=1')
      headers.append('set-cookie', 'b=2')
      return new Response('cookies', { status: 201, headers })
    }
    case '/stream': {
      const stream = new ReadableStream({
        async start(controller) {
          for (let i = 0; i < 3; i++) {
            controller.enqueue(new TextEncoder().encode('chunk' + i + '\\n'))
            await new Promise(resolve => setTimeout(resolve, 20))
          }
          controller.close()
        }
      })
      return new Response(stream)
    }
    case '/log':
      console.log('to stdout')
      console.error('to stderr')
      return new Response('logged')
    case '/url':
      return new Response(request.url)
  }
  return new Response('not found', { status: 404 })
})
`

const pidOf = async (h: RuntimeHarness, d: TestDeployment) => {
  const reply = await h.request(d.id, '/pid')
  expect(reply.status).toBe(200)
  return Number(reply.text())
}

describe('deployment processes', () => {
  let h: RuntimeHarness
  let app: TestDeployment

  beforeAll(async () => {
    h = await RuntimeHarness.start({ idleTimeoutMs: 60_000, maxProcesses: 8 })
    app = await h.deploy({ files: { 'main.ts': APP } })
    expect(app.buildOk).toBe(true)
  })
  afterAll(() => h.stop())

  it('starts lazily on the first request, and concurrent first requests share one start', async () => {
    expect(app.appLogs.filter(l => l.message.startsWith('started'))).toHaveLength(0)
    const pids = await Promise.all(Array.from({ length: 6 }, () => pidOf(h, app)))
    expect(new Set(pids).size).toBe(1)
    expect(app.appLogs.filter(l => l.message.startsWith('started'))).toEqual([
      { level: 'info', message: `started pid=${pids[0]}` }
    ])
    expect(app.metrics.request).toBe(6)
  })

  it('proxies method, headers and request/response bodies unchanged', async () => {
    const body = Buffer.alloc(2 * 1024 * 1024, 'x')
    const reply = await h.request(app.id, '/echo', {
      method: 'PUT',
      headers: { 'x-test': 'forwarded' },
      body
    })
    expect(reply.text()).toBe(createHash('sha256').update(body).digest('hex'))
    expect(reply.headers['x-method']).toBe('PUT')
    expect(reply.headers['x-seen']).toBe('forwarded')

    const cookies = await h.request(app.id, '/cookies')
    expect(cookies.status).toBe(201)
    expect(cookies.headers['set-cookie']).toEqual(['a=1', 'b=2'])

    expect((await h.request(app.id, '/stream')).text()).toBe('chunk0\nchunk1\nchunk2\n')
  })

  it('shows the app the Host it was reached by', async () => {
    const reply = await h.request(app.id, '/url?q=1')
    expect(reply.text()).toBe(`http://${app.id}.test.localhost/url?q=1`)
  })

  it("sends the app's stdout and stderr lines to its app logs", async () => {
    await h.request(app.id, '/log')
    expect(app.appLogs).toEqual(
      expect.arrayContaining([
        { level: 'info', message: 'to stdout' },
        { level: 'error', message: 'to stderr' }
      ])
    )
  })

  it('answers 502 with an explanation when the process crashes, and restarts on the next request', async () => {
    const before = await pidOf(h, app)
    const crashed = await h.request(app.id, '/crash')
    expect(crashed.status).toBe(502)
    expect(crashed.text()).toContain('exited with code 3')
    expect(
      app.appLogs.some(l => l.level === 'error' && l.message.includes('exited with code 3'))
    ).toBe(true)
    const after = await pidOf(h, app)
    expect(after).not.toBe(before)
    expect(isAlive(before)).toBe(false)
  })

  it('enforces the request timeout with a 504 and a clear body', async () => {
    const quick = await h.deploy({ files: { 'main.ts': APP }, requestTimeoutMs: 300 })
    const reply = await h.request(quick.id, '/slow')
    expect(reply.status).toBe(504)
    expect(reply.text()).toContain('request timeout of 300 ms')
    expect((await h.request(quick.id, '/pid')).status).toBe(200)
  })

  it('stops the process on unregister and no longer serves the deployment', async () => {
    const other = await h.deploy({ files: { 'main.ts': APP } })
    const pid = await pidOf(h, other)
    await h.runtime.unregister(other.id)
    expect(isAlive(pid)).toBe(false)
    const reply = await h.request(other.id, '/pid')
    expect(reply.status).toBe(404)
  })
})

describe('process limits', () => {
  let h: RuntimeHarness
  afterAll(() => h.stop())

  it('stops a process after the idle timeout and starts a new one on demand', async () => {
    h = await RuntimeHarness.start({ idleTimeoutMs: 300, maxProcesses: 2 })
    const app = await h.deploy({ files: { 'main.ts': APP } })
    const first = await pidOf(h, app)
    await waitFor(() => !isAlive(first), 'the idle process to stop')
    const second = await pidOf(h, app)
    expect(second).not.toBe(first)
  })

  it('keeps at most maxProcesses alive, stopping the least recently used', async () => {
    await h.stop()
    h = await RuntimeHarness.start({ idleTimeoutMs: 60_000, maxProcesses: 2 })
    const [a, b, c] = await Promise.all(
      [1, 2, 3].map(() => h.deploy({ files: { 'main.ts': APP } }))
    )
    const pidA = await pidOf(h, a)
    const pidB = await pidOf(h, b)
    await pidOf(h, a) // a is now more recently used than b
    const pidC = await pidOf(h, c)
    await waitFor(() => !isAlive(pidB), 'the least recently used process to stop')
    expect(isAlive(pidA)).toBe(true)
    expect(isAlive(pidC)).toBe(true)
    expect(await pidOf(h, b)).not.toBe(pidB)
  })
})

describe('start failures', () => {
  let h: RuntimeHarness
  beforeAll(async () => {
    h = await RuntimeHarness.start()
  })
  afterAll(() => h.stop())

  it('answers 502 naming the error when the entry point throws while loading', async () => {
    const app = await h.deploy({
      files: { 'main.ts': "throw new Error('boom at start')\nexport {}\n" }
    })
    const reply = await h.request(app.id)
    expect(reply.status).toBe(502)
    expect(reply.text()).toContain('boom at start')
    expect(app.appLogs.some(l => l.message.includes('boom at start'))).toBe(true)
  })

  it('answers 502 explaining the fix when the app never serves HTTP', async () => {
    const app = await h.deploy({ files: { 'main.ts': "console.log('no server')\n" } })
    const reply = await h.request(app.id)
    expect(reply.status).toBe(502)
    expect(reply.text()).toContain('neither called Deno.serve() nor has a default export')
  })

  it('answers 404 for a deployment it does not know', async () => {
    const reply = await h.request('unknown123456')
    expect(reply.status).toBe(404)
  })
})

describe('Deno.serve call forms', () => {
  let h: RuntimeHarness
  beforeAll(async () => {
    h = await RuntimeHarness.start()
  })
  afterAll(() => h.stop())

  const forms: Record<string, string> = {
    'handler only': "Deno.serve(() => new Response('form'))",
    'options and handler':
      "Deno.serve({ port: 9, hostname: '0.0.0.0' }, () => new Response('form'))",
    'options with handler': "Deno.serve({ port: 8000, handler: () => new Response('form') })",
    'user onListen':
      "Deno.serve({ onListen: ({ hostname }) => console.log('listening on ' + hostname) }, () => new Response('form'))",
    'default export fetch': "export default { fetch: () => new Response('form') }",
    'node:http createServer().listen(port)':
      "import { createServer } from 'node:http'\n" +
      "createServer((_req, res) => res.end('form')).listen(8080, () => console.log('node up'))",
    'import.meta.main guard': "if (import.meta.main) Deno.serve(() => new Response('form'))"
  }
  it("revokes a node:http app's access to its socket before the app's own 'listening' handlers run", async () => {
    const app = await h.deploy({
      files: {
        'main.ts':
          "import { createServer } from 'node:http'\n" +
          "let outcome = 'not tried'\n" +
          'const server = createServer((_req, res) => res.end(outcome))\n' +
          "server.on('listening', () => {\n" +
          '  try { Deno.removeSync(server.address() as string); outcome = "removed" }\n' +
          '  catch (error) { outcome = "denied: " + (error as Error).name }\n' +
          '})\n' +
          'server.listen(8080)\n'
      }
    })
    expect(app.buildOk).toBe(true)
    expect((await h.request(app.id)).text()).toBe('denied: NotCapable')
  })

  for (const [name, code] of Object.entries(forms)) {
    it(`serves ${name} through its assigned socket`, async () => {
      const app = await h.deploy({ files: { 'main.ts': code + '\n' } })
      expect(app.buildOk).toBe(true)
      const reply = await h.request(app.id)
      expect(reply.text()).toBe('form')
      expect(app.appLogs.filter(l => l.level !== 'info')).toEqual([])
      if (name === 'user onListen') {
        expect(app.appLogs).toContainEqual({ level: 'info', message: 'listening on 0.0.0.0' })
      }
    })
  }
})
