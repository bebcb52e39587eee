/**
 * The client against a tiny node:http server started here, for exact status and header shapes
 * (the local Subhosting server is exercised in deploy-core.test.ts).
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { CLIENT_VERSION, SubhostingClient, nextLink } from '../src/core/platform/v1/client.js'
import { ApiError, NetworkError } from '../src/core/http/api-errors.js'
import { AbortedError } from '../src/core/http/retry.js'

type Handler = (req: http.IncomingMessage, res: http.ServerResponse, body: string) => void

const TOKEN = 'ddo_secret_token_value'
let server: http.Server
let apiUrl: string
let handler: Handler
let requests: { method: string; url: string; headers: http.IncomingHttpHeaders; body: string }[]

beforeAll(async () => {
  server = http.createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', chunk => chunks.push(chunk))
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString()
      requests.push({ method: req.method!, url: req.url!, headers: req.headers, body })
      handler(req, res, body)
    })
  })
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  apiUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`
})

afterAll(async () => {
  server.closeAllConnections()
  await new Promise(resolve => server.close(resolve))
})

beforeEach(() => {
  requests = []
})

function client(overrides: Partial<ConstructorParameters<typeof SubhostingClient>[0]> = {}) {
  const log: string[] = []
  const c = new SubhostingClient({
    apiUrl,
    token: TOKEN,
    deadline: Date.now() + 60_000,
    maxAttempts: 3,
    log: line => log.push(line),
    ...overrides
  })
  return { c, log }
}

function reply(status: number, body: unknown, headers: Record<string, string> = {}): Handler {
  return (_req, res) => {
    res.writeHead(status, { 'content-type': 'application/json', ...headers })
    res.end(typeof body === 'string' ? body : JSON.stringify(body))
  }
}

/** Answers with each handler in turn, the last one for every further request. */
function sequence(...handlers: Handler[]): Handler {
  let i = 0
  return (req, res, body) => handlers[Math.min(i++, handlers.length - 1)](req, res, body)
}

const project = {
  id: '0c4d9c62-4d9a-4a5b-8a41-6c1f1f1d8e7a',
  name: 'p',
  description: '',
  createdAt: '2026-01-01T00:00:00Z',
  updatedAt: '2026-01-01T00:00:00Z'
}

function deployment(id: string, description: string, createdAt = new Date().toISOString()) {
  return {
    id,
    projectId: project.id,
    status: 'pending',
    description,
    databases: {},
    createdAt,
    updatedAt: createdAt
  }
}

async function errorOf(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise
  } catch (error) {
    return error as Error
  }
  throw new Error('expected a rejection')
}

describe('requests', () => {
  it('sends bearer auth, JSON and the versioned User-Agent', async () => {
    handler = reply(200, project)
    const { c } = client()
    expect(await c.getProject(project.id)).toEqual(project)
    expect(requests[0].url).toBe(`/v1/projects/${project.id}`)
    expect(requests[0].headers.authorization).toBe(`Bearer ${TOKEN}`)
    expect(requests[0].headers.accept).toBe('application/json')
    expect(requests[0].headers['user-agent']).toBe(`subhosting-deploy/${CLIENT_VERSION}`)
    const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string }
    expect(CLIENT_VERSION).toBe(pkg.version)
  })

  it('encodes domain placeholders in the attach/detach path', async () => {
    handler = reply(200, { domain: 'p.example.net' })
    const { c } = client()
    await c.attachDomain('abcde12vwxyz', '{project.name}.example.net')
    handler = reply(200, '')
    await c.detachDomain('abcde12vwxyz', '{project.name}.example.net')
    expect(requests.map(r => `${r.method} ${r.url}`)).toEqual([
      'PUT /v1/deployments/abcde12vwxyz/domains/%7Bproject.name%7D.example.net',
      'DELETE /v1/deployments/abcde12vwxyz/domains/%7Bproject.name%7D.example.net'
    ])
  })

  it('follows Link rel="next" across pages (absolute and relative targets)', async () => {
    handler = (req, res, raw) => {
      const page = new URL(req.url!, apiUrl).searchParams.get('page') ?? '1'
      const headers: Record<string, string> = {}
      if (page === '1') {
        headers.link =
          `<${apiUrl}/projects/x/deployments?page=2>; rel="next", ` +
          `<${apiUrl}/projects/x/deployments?page=3>; rel="last"`
      }
      if (page === '2') headers.link = '</v1/projects/x/deployments?page=3>; rel="next"'
      reply(200, [deployment(`dep${page}`, '')], headers)(req, res, raw)
    }
    const { c } = client()
    const all = await c.listDeployments('x', { limit: 1 })
    expect(all.map(d => d.id)).toEqual(['dep1', 'dep2', 'dep3'])
    expect(requests.map(r => r.url)).toEqual([
      '/v1/projects/x/deployments?limit=1',
      '/v1/projects/x/deployments?page=2',
      '/v1/projects/x/deployments?page=3'
    ])
  })

  it('streams build logs as NDJSON', async () => {
    handler = (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/x-ndjson' })
      res.write('{"level":"info","message":"Downloaded file:///src/main.ts"}\n{"level":"in')
      setTimeout(() => res.end('fo","message":"done"}\n'), 20)
    }
    const { c } = client()
    const lines = []
    for await (const entry of await c.streamBuildLogs('abcde12vwxyz')) lines.push(entry.message)
    expect(lines).toEqual(['Downloaded file:///src/main.ts', 'done'])
    expect(requests[0].headers.accept).toBe('application/x-ndjson')
  })
})

describe('errors say what to do', () => {
  it('401 invalidToken points at the token input and quotes the ray, never the token', async () => {
    handler = reply(
      401,
      { code: 'invalidToken', message: 'The token is invalid.' },
      { 'x-deno-ray': 'ray-123' }
    )
    const error = await errorOf(client().c.getProject(project.id))
    expect(error).toBeInstanceOf(ApiError)
    const apiError = error as ApiError
    expect(apiError.status).toBe(401)
    expect(apiError.code).toBe('invalidToken')
    expect(apiError.ray).toBe('ray-123')
    expect(apiError.message).toContain('The token is invalid.')
    expect(apiError.message).toContain('`token` input')
    expect(apiError.message).toContain('Subhosting organization access token')
    expect(apiError.message).toContain('quote ray ray-123 to support')
    expect(apiError.message).not.toContain(TOKEN)
    expect(requests).toHaveLength(1)
  })

  it('404 projectNotFound points at the project input', async () => {
    handler = reply(404, { code: 'projectNotFound', message: 'Project not found.' })
    const error = (await errorOf(client().c.getProject(project.id))) as ApiError
    expect(error.message).toContain('`project` input')
    expect(error.message).toContain('UUID')
    expect(error.message).not.toContain('ray')
  })

  it('404 deploymentNotFound says the deployment is gone', async () => {
    handler = reply(404, { code: 'deploymentNotFound', message: 'Deployment not found.' })
    const error = (await errorOf(client().c.getDeployment('abcde12vwxyz'))) as ApiError
    expect(error.code).toBe('deploymentNotFound')
    expect(error.message).toContain('no longer exists')
  })

  it('400 names the input behind the rejected field', async () => {
    handler = reply(400, {
      code: 'invalidRequest',
      message: 'importMapUrl: file not found in assets'
    })
    const error = (await errorOf(client().c.getProject(project.id))) as ApiError
    expect(error.message).toContain('importMapUrl: file not found in assets')
    expect(error.message).toContain('`import-map` input')
    expect(requests).toHaveLength(1)
  })

  it('5xx is retried, then reported as platform trouble with a non-JSON body', async () => {
    handler = reply(502, '<html>Bad gateway</html>', { 'content-type': 'text/html' })
    const { c, log } = client({ maxAttempts: 2 })
    const error = (await errorOf(c.getProject(project.id))) as ApiError
    expect(error.status).toBe(502)
    expect(error.message).toContain('): Bad gateway ')
    expect(error.message).toContain('platform had trouble')
    expect(requests).toHaveLength(2)
    expect(log[0]).toMatch(
      /^GET \/projects\/\S+: HTTP 502; retrying in \d+\.\d s \(attempt 2 of 2\)\.$/
    )
  })

  it('429 waits the Retry-After, then succeeds', async () => {
    handler = sequence(
      reply(429, { code: 'rateLimited', message: 'slow down' }, { 'retry-after': '1' }),
      reply(200, project)
    )
    const { c, log } = client()
    expect((await c.getProject(project.id)).id).toBe(project.id)
    expect(log).toEqual([
      `GET /projects/${project.id}: HTTP 429; retrying in 1.0 s (attempt 2 of 3).`
    ])
  })

  it('a Retry-After beyond the deadline fails at once with the rate-limit hint', async () => {
    handler = reply(429, { code: 'rateLimited', message: 'slow down' }, { 'retry-after': '3600' })
    const error = (await errorOf(
      client({ deadline: Date.now() + 10_000 }).c.getProject(project.id)
    )) as ApiError
    expect(error.status).toBe(429)
    expect(error.message).toContain('rate limiting')
    expect(requests).toHaveLength(1)
  })

  it('a reset connection is retried', async () => {
    handler = sequence((req, _res) => req.socket.destroy(), reply(200, project))
    const { c, log } = client()
    expect((await c.getProject(project.id)).id).toBe(project.id)
    expect(log[0]).toMatch(/network error \(.+\); retrying/)
  })

  it('an unreachable API is a NetworkError naming the api-url input', async () => {
    const closed = http.createServer()
    await new Promise<void>(resolve => closed.listen(0, '127.0.0.1', resolve))
    const port = (closed.address() as AddressInfo).port
    await new Promise(resolve => closed.close(resolve))
    const url = `http://127.0.0.1:${port}/v1`
    const error = await errorOf(client({ apiUrl: url, maxAttempts: 2 }).c.getProject(project.id))
    expect(error).toBeInstanceOf(NetworkError)
    expect(error.message).toContain('ECONNREFUSED')
    expect(error.message).toContain(`\`api-url\` input (${url})`)
  })

  it('an aborted signal stops the call', async () => {
    handler = reply(503, { code: 'unavailable', message: 'later' }, { 'retry-after': '30' })
    const controller = new AbortController()
    const { c } = client({ signal: controller.signal, log: () => controller.abort() })
    await expect(c.getProject(project.id)).rejects.toBeInstanceOf(AbortedError)
  })
})

describe('createDeployment never duplicates', () => {
  const body = () =>
    (async function* () {
      yield new TextEncoder().encode('{"entryPointUrl":"main.ts","envVars":{},"assets":{}}')
    })()

  it('a lost answer (500 after the server created it) is reconciled, not resent', async () => {
    const stored: ReturnType<typeof deployment>[] = [
      deployment('old000000000', 'run [deploy aaaa]', '2020-01-01T00:00:00Z')
    ]
    handler = (req, res, raw) => {
      if (req.method === 'POST') {
        stored.push(deployment('new000000001', 'run [deploy bbbb]'))
        void raw
        return reply(500, { code: 'internal', message: 'lost' })(req, res, raw)
      }
      reply(200, [...stored].reverse())(req, res, raw)
    }
    const { c, log } = client()
    const outcome = await c.createDeployment(project.id, body, 'run [deploy bbbb]')
    expect(outcome).toEqual({ deployment: stored[1], adopted: true })
    expect(requests.filter(r => r.method === 'POST')).toHaveLength(1)
    expect(requests[1].url).toBe(
      `/v1/projects/${project.id}/deployments?sort=created_at&order=desc&limit=100`
    )
    expect(log.at(-1)).toContain('adopting it')
  })

  it('an ambiguous failure with nothing created is resent after reconciling', async () => {
    handler = sequence(
      reply(503, { code: 'unavailable', message: 'busy' }),
      reply(200, []),
      reply(200, deployment('new000000002', 'd'))
    )
    const outcome = await client().c.createDeployment(project.id, body, 'd')
    expect(outcome.adopted).toBe(false)
    expect(outcome.deployment.id).toBe('new000000002')
    expect(requests.map(r => r.method)).toEqual(['POST', 'GET', 'POST'])
    expect(requests[2].body).toBe('{"entryPointUrl":"main.ts","envVars":{},"assets":{}}')
  })

  it('a connection reset before the body was sent is resent without reconciling', async () => {
    let first = true
    const big = () =>
      (async function* () {
        yield new TextEncoder().encode('{"assets":{},"pad":"')
        for (let i = 0; i < 64; i++) yield new Uint8Array(256 * 1024).fill(97)
        yield new TextEncoder().encode('"}')
      })()
    const rawServer = http.createServer((req, res) => {
      if (first) {
        first = false
        req.socket.destroy()
        return
      }
      req.resume()
      req.on('end', () => reply(200, deployment('new000000003', 'd'))(req, res, ''))
    })
    await new Promise<void>(resolve => rawServer.listen(0, '127.0.0.1', resolve))
    try {
      const url = `http://127.0.0.1:${(rawServer.address() as AddressInfo).port}/v1`
      const outcome = await client({ apiUrl: url }).c.createDeployment(project.id, big, 'd')
      expect(outcome).toEqual({
        deployment: deployment('new000000003', 'd', outcome.deployment.createdAt),
        adopted: false
      })
    } finally {
      rawServer.closeAllConnections()
      await new Promise(resolve => rawServer.close(resolve))
    }
  })

  it('a 400 is never retried', async () => {
    handler = reply(400, {
      code: 'missingAssets',
      message: 'missing 78981922613b2afb6025042ff6bd878ac1994e85'
    })
    const error = (await errorOf(client().c.createDeployment(project.id, body, 'd'))) as ApiError
    expect(error.code).toBe('missingAssets')
    expect(requests).toHaveLength(1)
  })
})

describe('nextLink', () => {
  it('finds rel=next among several relations and ignores its absence', () => {
    const res = new Response(null, {
      headers: {
        link: '<https://api.example/v1/x?page=1>; rel="prev", <https://api.example/v1/x?page=3>; rel="next"'
      }
    })
    expect(nextLink(res, 'https://api.example/v1/x?page=2')).toBe('https://api.example/v1/x?page=3')
    expect(nextLink(new Response(null), 'https://api.example/v1/x')).toBeNull()
  })
})
