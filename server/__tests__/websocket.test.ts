import { describe, it, expect, beforeAll, afterAll } from '@jest/globals'
import { createHash, randomBytes } from 'node:crypto'
import { request, type IncomingMessage } from 'node:http'
import { join } from 'node:path'
import type { Duplex } from 'node:stream'
import { startLocalServer, type LocalServer } from '../testing/harness.js'
import { api, deployDir, type Deployed } from '../testing/deploys.js'
import { EXAMPLES_DIR } from '../testing/harness.js'

const IDLE_TIMEOUT_MS = 400
const WS_GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11'

const sleep = (ms: number) => new Promise(resolve => setTimeout(resolve, ms))

/** Just enough of RFC 6455 for short text messages: masked frames out, unmasked frames in. */
class MiniWebSocket {
  private buffered = Buffer.alloc(0)
  private readonly messages: string[] = []
  private waiting: ((message: string) => void) | undefined
  readonly closed: Promise<void>

  constructor(private readonly socket: Duplex) {
    this.closed = new Promise(resolve => socket.once('close', () => resolve()))
    socket.on('data', (chunk: Buffer) => this.receive(chunk))
    socket.on('error', () => undefined)
  }

  get isOpen(): boolean {
    return !this.socket.destroyed
  }

  send(text: string): void {
    const payload = Buffer.from(text)
    if (payload.length > 125) throw new Error('MiniWebSocket only sends messages up to 125 bytes')
    const mask = randomBytes(4)
    const masked = payload.map((byte, i) => byte ^ mask[i % 4])
    this.socket.write(Buffer.concat([Buffer.from([0x81, 0x80 | payload.length]), mask, masked]))
  }

  next(): Promise<string> {
    const message = this.messages.shift()
    if (message !== undefined) return Promise.resolve(message)
    return new Promise((resolve, reject) => {
      this.waiting = resolve
      void this.closed.then(() => reject(new Error('the WebSocket closed before a message came')))
    })
  }

  /** Sends a close frame and waits for the connection to end. */
  async close(): Promise<void> {
    this.socket.write(Buffer.concat([Buffer.from([0x88, 0x80]), randomBytes(4)]))
    this.socket.end()
    await this.closed
  }

  private receive(chunk: Buffer): void {
    this.buffered = Buffer.concat([this.buffered, chunk])
    for (;;) {
      if (this.buffered.length < 2) return
      const opcode = this.buffered[0] & 0x0f
      let length = this.buffered[1] & 0x7f
      let offset = 2
      if (length === 126) {
        if (this.buffered.length < 4) return
        length = this.buffered.readUInt16BE(2)
        offset = 4
      }
      if (this.buffered[1] & 0x80 || length === 127) throw new Error('unexpected frame from server')
      if (this.buffered.length < offset + length) return
      const payload = this.buffered.subarray(offset, offset + length).toString('utf8')
      this.buffered = this.buffered.subarray(offset + length)
      if (opcode === 0x8) this.socket.end()
      if (opcode !== 0x1) continue
      if (this.waiting) {
        const resolve = this.waiting
        this.waiting = undefined
        resolve(payload)
      } else this.messages.push(payload)
    }
  }
}

type Handshake =
  | { upgraded: true; ws: MiniWebSocket; response: IncomingMessage }
  | { upgraded: false; status: number; body: string }

/** A WebSocket handshake to 127.0.0.1:<port> with the given Host header. */
function connect(
  server: LocalServer,
  host: string,
  path = '/',
  protocol = 'websocket'
): Promise<Handshake> {
  const key = randomBytes(16).toString('base64')
  return new Promise((resolve, reject) => {
    const req = request({
      host: '127.0.0.1',
      port: server.port,
      path,
      agent: false,
      headers: {
        host: `${host}:${server.port}`,
        connection: 'Upgrade',
        upgrade: protocol,
        'sec-websocket-version': '13',
        'sec-websocket-key': key
      }
    })
    req.on('upgrade', (response, socket, head) => {
      const accept = createHash('sha1')
        .update(key + WS_GUID)
        .digest('base64')
      if (response.headers['sec-websocket-accept'] !== accept) {
        socket.destroy()
        return reject(
          new Error(`bad Sec-WebSocket-Accept: ${response.headers['sec-websocket-accept']}`)
        )
      }
      const ws = new MiniWebSocket(socket)
      if (head.length) socket.unshift(head)
      resolve({ upgraded: true, ws, response })
    })
    req.on('response', response => {
      let body = ''
      response.setEncoding('utf8')
      response.on('data', (chunk: string) => (body += chunk))
      response.on('end', () => resolve({ upgraded: false, status: response.statusCode ?? 0, body }))
    })
    req.on('error', reject)
    req.end()
  })
}

async function open(server: LocalServer, host: string): Promise<MiniWebSocket> {
  const handshake = await connect(server, host)
  if (!handshake.upgraded) throw new Error(`no upgrade: ${handshake.status} ${handshake.body}`)
  expect(handshake.response.statusCode).toBe(101)
  return handshake.ws
}

describe('WebSockets to deployments', () => {
  let server: LocalServer
  let projectId: string
  let app: Deployed
  let host: string

  beforeAll(async () => {
    server = await startLocalServer({ idleTimeoutMs: IDLE_TIMEOUT_MS })
    projectId = (await server.createProject('websocket')).id
    app = await deployDir(server, projectId, join(EXAMPLES_DIR, 'websocket'))
    expect(app.status).toBe('success')
    host = app.domains[0]
  })
  afterAll(() => server.stop())

  const requestCount = async () => {
    const reply = await api<{ values: [string, number][] }>(
      server,
      'GET',
      `/projects/${projectId}/analytics`
    )
    return reply.body.values.reduce((sum, row) => sum + row[1], 0)
  }

  const processStarts = async () => {
    const reply = await api<{ message: string }[]>(server, 'GET', `/deployments/${app.id}/app_logs`)
    return reply.body.filter(line => line.message.startsWith('isolate start time')).length
  }

  it('serves plain HTTP on the same host', async () => {
    const reply = await server.fetchHost(host, '/')
    expect(reply.status).toBe(200)
    expect(reply.text()).toBe('WebSocket echo server: connect with ws:// to this URL.\n')
  })

  it('echoes messages over a WebSocket, counting the connection as one request', async () => {
    const before = await requestCount()
    const ws = await open(server, host)
    ws.send('hello, subhosting')
    expect(await ws.next()).toBe('hello, subhosting')
    ws.send('ünïcödé ✓')
    expect(await ws.next()).toBe('ünïcödé ✓')
    await ws.close()
    expect(await requestCount()).toBe(before + 1)
  })

  it("relays the app's plain answer when it declines the upgrade", async () => {
    const handshake = await connect(server, host, '/', 'example-protocol/1')
    expect(handshake.upgraded).toBe(false)
    if (handshake.upgraded) return
    expect(handshake.status).toBe(200)
    expect(handshake.body).toBe('WebSocket echo server: connect with ws:// to this URL.\n')
  })

  it('answers 404 on the socket for a host that serves nothing', async () => {
    const handshake = await connect(server, 'nothing-here.deploy.localhost')
    expect(handshake.upgraded).toBe(false)
    if (handshake.upgraded) return
    expect(handshake.status).toBe(404)
    expect(handshake.body).toContain('No deployment is served at this host name')
  })

  it('never upgrades on the API host', async () => {
    const handshake = await connect(server, '127.0.0.1', '/v1/organizations')
    expect(handshake.upgraded).toBe(false)
    if (handshake.upgraded) return
    expect(handshake.status).toBe(400)
    expect(handshake.body).toContain('The API does not upgrade connections')
  })

  it('keeps the process alive while a socket is open, and idles it out after', async () => {
    const ws = await open(server, host)
    ws.send('first')
    expect(await ws.next()).toBe('first')
    const starts = await processStarts()
    // Several idle timeouts pass with the connection open but silent.
    await sleep(IDLE_TIMEOUT_MS * 4)
    expect(ws.isOpen).toBe(true)
    ws.send('still here')
    expect(await ws.next()).toBe('still here')
    expect(await processStarts()).toBe(starts)
    await ws.close()

    // Once the socket is gone the idle timer runs again: the next request starts a new process.
    await sleep(IDLE_TIMEOUT_MS * 4)
    expect((await server.fetchHost(host, '/')).status).toBe(200)
    expect(await processStarts()).toBe(starts + 1)
  })
})
