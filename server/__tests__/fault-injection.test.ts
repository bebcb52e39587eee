// Fault injection (/_admin/faults and SUBHOSTING_FAULTS): each kind of fault, counts, 'after'.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import Subhosting from 'subhosting'
import { startLocalServer, type LocalServer } from '../testing/harness.js'

let server: LocalServer

const authed = (init: RequestInit = {}): RequestInit => ({
  ...init,
  headers: {
    authorization: `Bearer ${server.token}`,
    'content-type': 'application/json',
    ...init.headers
  }
})

async function listFaults(): Promise<{ path: string; remaining: number; hits: number }[]> {
  const res = await fetch(`${server.origin}/_admin/faults`, authed())
  return ((await res.json()) as { rules: { path: string; remaining: number; hits: number }[] })
    .rules
}

beforeAll(async () => {
  server = await startLocalServer({
    env: {
      SUBHOSTING_FAULTS: JSON.stringify([
        {
          method: 'GET',
          path: '/v1/organizations/*',
          times: 1,
          fault: 'status',
          status: 503,
          retryAfter: 7
        }
      ])
    }
  })
})

afterAll(async () => {
  await server?.stop()
})

describe('fault injection', () => {
  it('applies rules from SUBHOSTING_FAULTS at start-up, once', async () => {
    const url = `${server.apiUrl}/organizations/${server.organizationId}`
    const first = await fetch(url, authed())
    expect(first.status).toBe(503)
    expect(first.headers.get('retry-after')).toBe('7')
    expect(first.headers.get('x-deno-ray')).toBeTruthy()
    expect(await first.json()).toMatchObject({ code: 'injectedFault', message: expect.any(String) })
    expect((await fetch(url, authed())).status).toBe(200)
    expect(await listFaults()).toEqual([expect.objectContaining({ remaining: 0, hits: 1 })])
    await server.clearFaults()
    expect(await listFaults()).toEqual([])
  })

  it('fails a route N times with 429 + Retry-After, then serves it', async () => {
    await server.injectFaults([
      {
        method: 'POST',
        path: '/v1/organizations/*/projects',
        times: 2,
        fault: 'status',
        status: 429,
        retryAfter: 1
      }
    ])
    const create = (): Promise<Response> =>
      fetch(
        `${server.apiUrl}/organizations/${server.organizationId}/projects`,
        authed({ method: 'POST', body: '{}' })
      )
    const statuses = []
    for (let i = 0; i < 3; i++) {
      const res = await create()
      statuses.push(res.status)
      if (res.status === 429) expect(res.headers.get('retry-after')).toBe('1')
    }
    expect(statuses).toEqual([429, 429, 200])
    // Other methods and paths are untouched.
    expect(
      (await fetch(`${server.apiUrl}/organizations/${server.organizationId}/projects`, authed()))
        .status
    ).toBe(200)
    await server.clearFaults()
  })

  it('lets the official client retry through a 503 with Retry-After', async () => {
    await server.injectFaults([
      { path: '/v1/organizations/**', times: 1, fault: 'status', status: 503, retryAfter: 0 }
    ])
    const client = new Subhosting({
      bearerToken: server.token,
      baseURL: server.apiUrl,
      maxRetries: 2
    })
    expect((await client.organizations.get(server.organizationId)).id).toBe(server.organizationId)
    expect((await listFaults())[0]).toMatchObject({ remaining: 0, hits: 1 })
    await server.clearFaults()
  })

  it('resets the connection', async () => {
    await server.injectFaults([{ path: '/v1/projects/**', times: 1, fault: 'reset' }])
    const project = await server.createProject('reset-me')
    const url = `${server.apiUrl}/projects/${project.id}`
    await expect(fetch(url, authed())).rejects.toThrow()
    expect((await fetch(url, authed())).status).toBe(200)
    await server.clearFaults()
  })

  it('delays a request and then serves it', async () => {
    await server.injectFaults([
      { method: 'GET', path: '/v1/organizations/*', times: 1, fault: 'delay', delayMs: 300 }
    ])
    const started = Date.now()
    const res = await fetch(`${server.apiUrl}/organizations/${server.organizationId}`, authed())
    expect(res.status).toBe(200)
    expect(Date.now() - started).toBeGreaterThanOrEqual(300)
    expect((await listFaults())[0]).toMatchObject({ remaining: 0, hits: 1 })
    await server.clearFaults()
  })

  it("with when:'after' processes the request and loses only the response", async () => {
    await server.injectFaults([
      {
        method: 'POST',
        path: '/v1/organizations/*/projects',
        times: 1,
        fault: 'status',
        status: 500,
        when: 'after'
      },
      {
        method: 'POST',
        path: '/v1/organizations/*/databases',
        times: 1,
        fault: 'reset',
        when: 'after'
      }
    ])
    const res = await fetch(
      `${server.apiUrl}/organizations/${server.organizationId}/projects`,
      authed({ method: 'POST', body: JSON.stringify({ name: 'created-after' }) })
    )
    expect(res.status).toBe(500)
    expect(await res.json()).toMatchObject({ code: 'injectedFault' })
    const list = await fetch(
      `${server.apiUrl}/organizations/${server.organizationId}/projects?q=created-after`,
      authed()
    )
    expect(((await list.json()) as { name: string }[]).map(p => p.name)).toEqual(['created-after'])

    await expect(
      fetch(
        `${server.apiUrl}/organizations/${server.organizationId}/databases`,
        authed({ method: 'POST', body: JSON.stringify({ description: 'made-after-reset' }) })
      )
    ).rejects.toThrow()
    const dbs = await fetch(
      `${server.apiUrl}/organizations/${server.organizationId}/databases?q=made-after-reset`,
      authed()
    )
    expect(((await dbs.json()) as unknown[]).length).toBe(1)
    await server.clearFaults()
  })

  it('validates rules and requires the token', async () => {
    const bad = await fetch(
      `${server.origin}/_admin/faults`,
      authed({
        method: 'POST',
        body: JSON.stringify({ rules: [{ path: '/v1/**', times: 1, fault: 'status' }] })
      })
    )
    expect(bad.status).toBe(400)
    expect(((await bad.json()) as { message: string }).message).toContain('status')
    const unknownField = await fetch(
      `${server.origin}/_admin/faults`,
      authed({
        method: 'POST',
        body: JSON.stringify({ rules: [{ path: '/v1/**', times: 1, fault: 'reset', colour: 1 }] })
      })
    )
    expect(unknownField.status).toBe(400)
    const noToken = await fetch(`${server.origin}/_admin/faults`)
    expect(noToken.status).toBe(401)
  })
})
