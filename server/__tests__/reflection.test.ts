// Nothing a client sends in a header comes back: Link URLs are built on the server's public
// origin (--public-url, default http://<host>:<port>), error texts never quote request headers.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { request } from 'node:http'
import { connect } from 'node:net'
import { startLocalServer, type LocalServer } from '../testing/harness.js'

const EVIL_HOST = '127.0.0.1:1@evil.example'
const MARK = 'evil'

let server: LocalServer
let proxied: LocalServer

beforeAll(async () => {
  server = await startLocalServer()
  proxied = await startLocalServer({ args: ['--public-url', 'https://deploy.example.com'] })
  for (const s of [server, proxied])
    for (const name of ['refl-a', 'refl-b']) await s.createProject(name)
  await server.createApp('refl-app-a')
  await server.createApp('refl-app-b')
})

afterAll(async () => {
  await server?.stop()
  await proxied?.stop()
})

/** GET over node:http with a Host header fetch would not send. */
function get(
  s: LocalServer,
  path: string,
  host: string
): Promise<{ status: number; link: string; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: s.port,
        path,
        headers: { host, authorization: `Bearer ${s.token}` }
      },
      res => {
        let text = ''
        res.setEncoding('utf-8')
        res.on('data', chunk => (text += chunk))
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, link: String(res.headers.link ?? ''), text })
        )
      }
    )
    req.on('error', reject)
    req.end()
  })
}

/** Raw bytes on a socket, answer read to the end (for an Upgrade the server refuses). */
function raw(s: LocalServer, head: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(s.port, '127.0.0.1', () => socket.end(head))
    let text = ''
    socket.setEncoding('utf-8')
    socket.on('data', chunk => (text += chunk))
    socket.on('end', () => resolve(text))
    socket.on('error', reject)
  })
}

describe('no reflection', () => {
  it('builds v1 Link headers on the public origin, whatever the Host header says', async () => {
    const path = `/v1/organizations/${server.organizationId}/projects?limit=1`
    const answer = await get(server, path, EVIL_HOST)
    expect(answer.status).toBe(200)
    expect(answer.link).toContain(`<${server.origin}/v1/organizations/`)
    expect(answer.link).not.toContain(MARK)
    const behind = await get(
      proxied,
      `/v1/organizations/${proxied.organizationId}/projects?limit=1`,
      EVIL_HOST
    )
    expect(behind.link).toContain('<https://deploy.example.com/v1/organizations/')
    expect(behind.link).not.toContain(MARK)
  })

  it('builds v2 Link headers on the public origin too', async () => {
    const answer = await get(server, '/v2/apps?limit=1', EVIL_HOST)
    expect(answer.status).toBe(200)
    expect(answer.link).toContain(`<${server.origin}/v2/apps?`)
    expect(answer.link).not.toContain(MARK)
  })

  it('does not echo the Host header in 404 texts, nor the Upgrade header in the 400', async () => {
    const notFound = await get(server, '/', `${MARK}-script.deploy.localhost`)
    expect(notFound.status).toBe(404)
    expect(notFound.text).not.toContain(MARK)
    const v2NotFound = await get(server, '/', `${MARK}-script.local.deploy.localhost`)
    expect(v2NotFound.status).toBe(404)
    expect(v2NotFound.text).not.toContain(MARK)
    const upgrade = await raw(
      server,
      `GET /v1/${MARK}-path HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: Upgrade\r\nUpgrade: websocket, ${MARK}<script>\r\n\r\n`
    )
    expect(upgrade).toMatch(/^HTTP\/1\.1 400/)
    expect(upgrade).not.toContain(MARK)
  })

  it('refuses a --public-url that is not a bare http(s) origin', async () => {
    await expect(
      startLocalServer({ args: ['--public-url', 'https://a.example/path'] })
    ).rejects.toThrow('--public-url needs an http(s) origin')
  })
})
