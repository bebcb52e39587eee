/**
 * The v2 client against the shapes the live service and the spec disagree on, served by a
 * loopback HTTP server: the nested `{error:{code,message}}` envelope and the flat one, absolute
 * `Link` URLs on another base path (console.deno.com's `/api/v2`), and streams that come back as
 * JSON Lines whatever was asked, or as server-sent events.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { ApiError } from '../src/core/http/api-errors.js'
import { v2HintFor } from '../src/core/platform/v2/hints.js'
import { ApiTransport } from '../src/core/http/transport.js'
import { V2Client } from '../src/core/platform/v2/client.js'

type Handler = (req: IncomingMessage, res: ServerResponse) => void
let handler: Handler = (_req, res) => res.end()
let server: Server
let origin: string
const seen: { url: string; org: string | undefined }[] = []

beforeAll(async () => {
  server = createServer((req, res) => {
    seen.push({ url: req.url ?? '', org: req.headers['x-deno-org'] as string | undefined })
    handler(req, res)
  })
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})

afterAll(() => new Promise<void>(resolve => server.close(() => resolve())))

function client(base = `${origin}/v2`, organization?: string): V2Client {
  return new V2Client(
    new ApiTransport({
      apiUrl: base,
      token: 'ddp_personal-token',
      hintFor: v2HintFor,
      deadline: Date.now() + 10_000,
      maxAttempts: 1,
      headers: organization ? { 'X-Deno-Org': organization } : undefined
    })
  )
}

function json(res: ServerResponse, status: number, body: unknown, headers = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers })
  res.end(JSON.stringify(body))
}

describe('v2 errors', () => {
  it('reads the nested envelope, and names the input to fix', async () => {
    handler = (_req, res) =>
      json(res, 404, { error: { code: 'NOT_FOUND', message: 'App "shop" not found' } })
    const error = (await client()
      .getApp('shop')
      .catch((e: unknown) => e)) as ApiError
    expect(error).toBeInstanceOf(ApiError)
    expect(error.code).toBe('NOT_FOUND')
    expect(error.message).toContain('App "shop" not found')
    expect(error.message).toContain("with v2 it is the app's slug or ID")
  })

  it('names preview-domains for a domain refused in a deploy, domains when binding', async () => {
    const refuse = { code: 'DOMAIN_NOT_ALLOWED', message: 'Domain "a.example.com" is not verified' }
    handler = (_req, res) => json(res, 400, { error: refuse })
    const inDeploy = (await client()
      .deploy('shop', async function* () {}, 'marker')
      .catch((e: unknown) => e)) as ApiError
    expect(inDeploy.hint).toContain('`preview-domains`')
    const binding = (await client()
      .bindDomains('rev1', { production: ['a.example.com'] })
      .catch((e: unknown) => e)) as ApiError
    expect(binding.hint).toContain('`domains`')
  })

  it('reads the flat shape the SDK expects, and an HTML proxy page', async () => {
    handler = (_req, res) => json(res, 401, { code: 'UNAUTHORIZED', message: 'bad token' })
    const flat = (await client()
      .getApp('shop')
      .catch((e: unknown) => e)) as ApiError
    expect(flat.code).toBe('UNAUTHORIZED')
    expect(flat.message).toContain('ddo_')
    handler = (_req, res) => {
      res.writeHead(502, { 'content-type': 'text/html' })
      res.end('<html><body><h1>502 Bad Gateway</h1></body></html>')
    }
    const html = (await client()
      .getApp('shop')
      .catch((e: unknown) => e)) as ApiError
    expect(html.status).toBe(502)
    expect(html.message).toContain('502 Bad Gateway')
    expect(html.message).not.toContain('<h1>')
  })

  it('sends X-Deno-Org when an organization is given', async () => {
    handler = (_req, res) => json(res, 200, { id: 'x', slug: 'shop' })
    seen.length = 0
    await client(`${origin}/v2`, 'acme').getApp('shop')
    expect(seen).toEqual([{ url: '/v2/apps/shop', org: 'acme' }])
  })
})

describe('v2 pagination', () => {
  it('follows absolute Link URLs, even to another base path', async () => {
    handler = (req, res) => {
      const url = new URL(req.url ?? '/', origin)
      if (url.pathname === '/v2/apps/shop/revisions') {
        json(res, 200, [{ id: 'r1', status: 'succeeded', created_at: '2026-12-01T00:00:02Z' }], {
          link: `<${origin}/api/v2/apps/shop/revisions?cursor=abc&limit=100>; rel="next"`
        })
      } else if (url.pathname === '/api/v2/apps/shop/revisions' && url.searchParams.get('cursor')) {
        json(res, 200, [{ id: 'r0', status: 'failed', created_at: '2026-12-01T00:00:01Z' }])
      } else json(res, 404, { error: { code: 'NOT_FOUND', message: req.url } })
    }
    const revisions = await client().listRevisions('shop')
    expect(revisions.map(r => r.id)).toEqual(['r1', 'r0'])
  })
})

describe('v2 streams', () => {
  it('reads JSON Lines whatever the content type says', async () => {
    handler = (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' })
      res.write('{"level":"info","message":"one"}\n{"level":"er')
      setTimeout(() => res.end('ror","message":"two"}\n'), 20)
    }
    const lines = []
    for await (const entry of await client().buildLogs('r1')) lines.push(entry)
    expect(lines.map(l => l.message)).toEqual(['one', 'two'])
  })

  it('reads server-sent events: data lines only, split by blank lines', async () => {
    handler = (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' })
      res.end(
        ': keep-alive\n\n' +
          'event: message\nid: 1\ndata: {"queued":{"status":"succeeded"},\n' +
          'data: "building":{"status":"running"}}\n\n' +
          'data: {"building":{"status":"succeeded"}}\n\n'
      )
    }
    const snapshots = []
    for await (const snapshot of await client().progress('r1')) snapshots.push(snapshot)
    expect(snapshots).toEqual([
      { queued: { status: 'succeeded' }, building: { status: 'running' } },
      { building: { status: 'succeeded' } }
    ])
  })
})

describe('v2 pagination across hosts', () => {
  it('never sends the token to a Link on another host', async () => {
    handler = (_req, res) =>
      json(res, 200, [{ id: 'r1', status: 'succeeded', created_at: '2026-12-01T00:00:02Z' }], {
        link: '<http://127.0.0.2:9/v2/apps/shop/revisions?cursor=x>; rel="next"'
      })
    seen.length = 0
    const error = (await client()
      .listRevisions('shop')
      .catch((e: unknown) => e)) as Error
    expect(error.message).toContain('not sending the token there')
    expect(seen).toHaveLength(1)
  })
})

describe('host names from the API', () => {
  it('only bare host names ever become URLs', async () => {
    const { hostNames } = await import('../src/core/deploy/url-probe.js')
    expect(
      hostNames([
        'app.acme.deno.net',
        'javascript:alert(1)',
        'evil.example/@x',
        'a b.example',
        '<img>.example',
        42,
        'x'.repeat(300)
      ])
    ).toEqual(['app.acme.deno.net'])
  })
})
