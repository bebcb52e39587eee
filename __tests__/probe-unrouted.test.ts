/**
 * A 404 is "serving" only when the app answered it: the platform's own answer for a host name it
 * routes to nothing (the local server's host-routing 404) keeps the probe waiting, on real HTTP.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { probeUntilServing, unroutedIn } from '../src/core/deploy/url-probe.js'

let server: http.Server
let url: string
let unroutedLeft = 0

beforeAll(async () => {
  server = http.createServer((_req, res) => {
    if (unroutedLeft > 0) {
      unroutedLeft--
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' })
      res.end(
        'No revision is served at app.local.deploy.localhost. v2 apps answer at <app>.local.deploy.localhost (production)\n'
      )
      return
    }
    res.writeHead(404).end('the app has no page here')
  })
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`
})
afterAll(() => new Promise<void>(resolve => server.close(() => resolve())))

describe('the probe and unrouted host names', () => {
  it("waits through the platform's 404 and accepts the app's own 404", async () => {
    unroutedLeft = 2
    const outcomes: string[] = []
    const result = await probeUntilServing(url, {
      deadline: Date.now() + 10_000,
      backoff: { baseMs: 10, capMs: 20 },
      onAttempt: o => outcomes.push(o)
    })
    expect(result).toEqual({ status: 404, attempts: 3 })
    expect(outcomes).toEqual([
      expect.stringMatching(/routes nothing to this host name/),
      expect.stringMatching(/routes nothing to this host name/)
    ])
  })

  it('never gives up on the platform 404 before the deadline', async () => {
    unroutedLeft = 1_000
    await expect(
      probeUntilServing(url, { deadline: Date.now() + 600, backoff: { baseMs: 50, capMs: 100 } })
    ).rejects.toThrow(/routes nothing/)
    unroutedLeft = 0
  })

  it('tells the platform answers from app text', () => {
    expect(unroutedIn('No deployment is served at x.deploy.localhost. Deployments answer at')).toBe(
      true
    )
    expect(unroutedIn('404: DEPLOYMENT_NOT_FOUND')).toBe(true)
    expect(unroutedIn('Not found')).toBe(false)
    expect(unroutedIn('<p>No deployment is served at our shop, sorry</p>')).toBe(false)
  })
})
