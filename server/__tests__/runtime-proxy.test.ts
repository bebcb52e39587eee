// The proxy between the front and a deployment's process (server/runtime/proxy.ts): streaming
// both ways, backpressure from a slow client, cancellation when the client leaves, and the
// request forms a plain GET does not exercise.
import { describe, it, expect, beforeAll, afterAll } from '@jest/globals'
import { request, type IncomingMessage } from 'node:http'
import { connect } from 'node:net'
import { RuntimeHarness, waitFor, type TestDeployment } from '../testing/harness.js'

const BIG_MB = 96

const APP = `
let release: (() => void) | undefined
const released = () => new Promise<void>(resolve => (release = resolve))
const encoder = new TextEncoder()
Deno.serve(async (request: Request) => {
  const url = new URL(request.url)
  switch (url.pathname) {
    case '/held': {
      // The second chunk waits for /release: a proxy that buffered would never show the first.
      const stream = new ReadableStream({
        async start(controller) {
          controller.enqueue(encoder.encode('first\\n'))
          await released()
          controller.enqueue(encoder.encode('second\\n'))
          controller.close()
        }
      })
      return new Response(stream)
    }
    case '/release':
      release?.()
      return new Response('released')
    case '/endless': {
      request.signal.addEventListener('abort', () => console.log('endless: aborted'))
      const chunk = new Uint8Array(64 * 1024)
      return new Response(new ReadableStream({ pull: c => c.enqueue(chunk) }))
    }
    case '/big': {
      let sent = 0
      const chunk = new Uint8Array(1024 * 1024).fill(7)
      return new Response(new ReadableStream({
        pull(c) {
          if (sent++ < ${BIG_MB}) c.enqueue(chunk)
          else c.close()
        }
      }))
    }
    case '/echo':
      return new Response(await request.text(), { headers: { 'x-method': request.method } })
    case '/forwarded':
      return Response.json({
        for: request.headers.get('x-forwarded-for'),
        proto: request.headers.get('x-forwarded-proto'),
        te: request.headers.get('te'),
        custom: request.headers.get('x-custom'),
        forwarded: request.headers.get('forwarded'),
        realIp: request.headers.get('x-real-ip'),
        secret: request.headers.get('x-secret'),
        url: request.url
      }, { headers: { connection: 'x-internal', 'x-internal': 'app only', 'x-public': 'yes' } })
    case '/empty':
      return new Response(null, { status: 204, headers: { 'x-empty': 'yes' } })
  }
  return new Response('not found', { status: 404 })
})
`

/** A request whose response is handed over unread, for tests that control the reading. */
function openResponse(h: RuntimeHarness, id: string, path: string): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: h.port,
        path,
        headers: { host: `${id}.test.localhost` },
        agent: false
      },
      resolve
    )
    req.on('error', reject)
    req.end()
  })
}

function firstChunk(res: IncomingMessage): Promise<string> {
  return new Promise(resolve => res.once('data', (chunk: Buffer) => resolve(chunk.toString())))
}

describe('proxying to a deployment process', () => {
  let h: RuntimeHarness
  let app: TestDeployment

  beforeAll(async () => {
    h = await RuntimeHarness.start({ idleTimeoutMs: 60_000, maxProcesses: 2 })
    app = await h.deploy({ files: { 'main.ts': APP } })
    expect(app.buildOk).toBe(true)
  })
  afterAll(() => h.stop())

  it('passes each response chunk on as it comes, without waiting for the end', async () => {
    const res = await openResponse(h, app.id, '/held')
    expect(res.statusCode).toBe(200)
    expect(await firstChunk(res)).toBe('first\n')
    let rest = ''
    res.on('data', (chunk: Buffer) => (rest += chunk.toString()))
    const ended = new Promise(resolve => res.on('end', resolve))
    expect((await h.request(app.id, '/release')).text()).toBe('released')
    await ended
    expect(rest).toBe('second\n')
  })

  it('cancels the app’s request when the client goes away mid-response', async () => {
    const res = await openResponse(h, app.id, '/endless')
    await firstChunk(res)
    res.destroy()
    await waitFor(
      () => app.appLogs.some(line => line.message === 'endless: aborted'),
      'the app to see its request aborted'
    )
    // The process still serves: the cancelled exchange freed its connection cleanly.
    expect((await h.request(app.id, '/release')).status).toBe(200)
  })

  it('holds a slow client’s response back at the app instead of buffering it', async () => {
    const res = await openResponse(h, app.id, '/big')
    res.pause()
    const before = process.memoryUsage()
    // Long enough for the app to push the whole body if nothing held it back.
    await new Promise(resolve => setTimeout(resolve, 1500))
    const after = process.memoryUsage()
    const grownMb = (after.rss - before.rss + after.external - before.external) / 2 ** 20
    expect(grownMb).toBeLessThan(BIG_MB / 3)
    let bytes = 0
    res.on('data', (chunk: Buffer) => (bytes += chunk.length))
    res.resume()
    await new Promise(resolve => res.on('end', resolve))
    expect(bytes).toBe(BIG_MB * 2 ** 20)
  })

  it('streams a chunked request body on to the app', async () => {
    const reply = await new Promise<{ status?: number; text: string }>((resolve, reject) => {
      const req = request(
        {
          host: '127.0.0.1',
          port: h.port,
          method: 'POST',
          path: '/echo',
          headers: { host: `${app.id}.test.localhost`, 'transfer-encoding': 'chunked' },
          agent: false
        },
        res => {
          let text = ''
          res.on('data', (chunk: Buffer) => (text += chunk.toString()))
          res.on('end', () => resolve({ status: res.statusCode, text }))
        }
      )
      req.on('error', reject)
      req.write('part one, ')
      setTimeout(() => req.end('part two'), 50)
    })
    expect(reply).toEqual({ status: 200, text: 'part one, part two' })
  })

  it('answers Expect: 100-continue itself and still delivers the body', async () => {
    const reply = await h.request(app.id, '/echo', {
      method: 'POST',
      headers: { expect: '100-continue' },
      body: 'after continue'
    })
    expect(reply.status).toBe(200)
    expect(reply.text()).toBe('after continue')
  })

  it('passes methods beyond the common ones on as they are', async () => {
    const reply = await h.request(app.id, '/echo', { method: 'PROPFIND', body: '<propfind/>' })
    expect(reply.status).toBe(200)
    expect(reply.headers['x-method']).toBe('PROPFIND')
    expect(reply.text()).toBe('<propfind/>')
  })

  it('replaces the client’s x-forwarded-*, Forwarded and X-Real-IP and drops hop-by-hop fields', async () => {
    const reply = await h.request(app.id, '/forwarded?q=1', {
      headers: {
        'x-forwarded-for': '203.0.113.9',
        'x-forwarded-proto': 'https',
        forwarded: 'for=203.0.113.9',
        'x-real-ip': '203.0.113.9',
        te: 'trailers',
        connection: 'x-secret',
        'x-secret': 'for the next hop only',
        'x-custom': 'kept'
      }
    })
    expect(JSON.parse(reply.text())).toEqual({
      for: '127.0.0.1',
      proto: 'http',
      te: null,
      custom: 'kept',
      forwarded: null,
      realIp: null,
      secret: null,
      url: `http://${app.id}.test.localhost/forwarded?q=1`
    })
    expect(reply.headers['x-public']).toBe('yes')
    expect(reply.headers['x-internal']).toBeUndefined()
  })

  it('hands the app an origin-form target when the client sent an absolute-form one', async () => {
    const socket = connect(h.port, '127.0.0.1')
    let answer = ''
    socket.on('data', (chunk: Buffer) => (answer += chunk.toString()))
    const closed = new Promise(resolve => socket.on('close', resolve))
    socket.write(
      `GET http://evil.example/forwarded?x=2 HTTP/1.1\r\nHost: ${app.id}.test.localhost\r\n` +
        'Connection: close\r\n\r\n'
    )
    await closed
    expect(answer).toMatch(/^HTTP\/1.1 200/)
    expect(answer).toContain(`"url":"http://${app.id}.test.localhost/forwarded?x=2"`)
  })

  it('answers HEAD with the headers only, and passes a 204 on', async () => {
    const head = await h.request(app.id, '/echo', { method: 'HEAD' })
    expect(head.status).toBe(200)
    expect(head.headers['x-method']).toBe('HEAD')
    expect(head.body.length).toBe(0)
    const empty = await h.request(app.id, '/empty')
    expect(empty.status).toBe(204)
    expect(empty.headers['x-empty']).toBe('yes')
    expect(empty.body.length).toBe(0)
  })
})
