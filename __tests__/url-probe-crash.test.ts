/**
 * The probe against a loopback HTTP server that answers like the platform does for a
 * deployment whose process cannot start: it gives up after a confirmation, not at the deadline.
 */
import { describe, it, expect, afterEach } from '@jest/globals'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { AppCrashedError } from '../src/core/deploy/outcome-errors.js'
import { appCrashIn, crashHint, probeUntilServing } from '../src/core/deploy/url-probe.js'

const ENV_CRASH =
  "Bad Gateway: the deployment's process exited with code 1: error: Uncaught (in promise) " +
  'Error: API_KEY env var is missing.\n'
const KV_CRASH =
  "Bad Gateway: the deployment's process exited with code 1: error: Uncaught (in promise) " +
  'Error: Deno.openKv(): this deployment has no KV database. Create one.\n'

let server: Server | undefined

afterEach(async () => {
  await new Promise(resolve => (server ? server.close(resolve) : resolve(undefined)))
  server = undefined
})

/** Serves `answers` in turn (the last one repeats); resolves with the URL. */
async function serve(answers: [number, string][]): Promise<{ url: string; hits: () => number }> {
  let hits = 0
  server = createServer((_req, res) => {
    const [status, body] = answers[Math.min(hits++, answers.length - 1)]
    res.writeHead(status, { 'content-type': 'text/plain' }).end(body)
  })
  await new Promise<void>(resolve => server!.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return { url: `http://127.0.0.1:${port}/`, hits: () => hits }
}

describe('probeUntilServing', () => {
  it('fails within seconds on a crashed app, quoting its error and naming the input', async () => {
    const { url, hits } = await serve([[502, ENV_CRASH]])
    const started = Date.now()
    const error = await probeUntilServing(url, { deadline: Date.now() + 120_000 }).catch(e => e)
    expect(error).toBeInstanceOf(AppCrashedError)
    expect(Date.now() - started).toBeLessThan(5_000)
    expect(hits()).toBe(2)
    const crash = error as AppCrashedError
    expect(crash.deploymentUrl).toBe(url)
    expect(crash.appError).toBe('error: Uncaught (in promise) Error: API_KEY env var is missing.')
    expect(crash.hint).toContain('`env-vars` input')
    expect(crash.message).not.toMatch(/timeout/i)
    crash.deploymentId = 'dep1'
    expect(crash.message).toMatch(/^Deployment dep1 built, but its app crashes at start-up/)
  })

  it('takes the number of confirmations it is given', async () => {
    const { url, hits } = await serve([[502, KV_CRASH]])
    const error = await probeUntilServing(url, {
      deadline: Date.now() + 60_000,
      crashConfirmations: 3,
      backoff: { baseMs: 10, capMs: 20 }
    }).catch(e => e)
    expect(error).toBeInstanceOf(AppCrashedError)
    expect(hits()).toBe(3)
    expect((error as AppCrashedError).hint).toContain('`database-id` input')
  })

  it('keeps waiting through other 5xx answers, and a crash that recovers is no crash', async () => {
    const { url, hits } = await serve([
      [503, 'warming up'],
      [502, ENV_CRASH],
      [503, 'still warming up'],
      [502, ENV_CRASH],
      [200, 'ok']
    ])
    const outcomes: string[] = []
    const result = await probeUntilServing(url, {
      deadline: Date.now() + 60_000,
      backoff: { baseMs: 10, capMs: 20 },
      onAttempt: outcome => outcomes.push(outcome)
    })
    expect(result).toEqual({ status: 200, attempts: 5 })
    expect(hits()).toBe(5)
    expect(outcomes[1]).toBe(
      'HTTP 502: error: Uncaught (in promise) Error: API_KEY env var is missing.'
    )
  })

  it('still ends at the deadline when the answers never say crash', async () => {
    const { url } = await serve([[503, 'Service Unavailable']])
    const error = await probeUntilServing(url, {
      deadline: Date.now() + 600,
      backoff: { baseMs: 50, capMs: 100 }
    }).catch(e => e)
    expect((error as Error).name).toBe('DeadlineError')
    expect((error as Error).message).toBe('HTTP 503')
  })
})

describe('appCrashIn', () => {
  it("reads the platform's verdict, with or without the app's error", () => {
    expect(appCrashIn("Bad Gateway: the deployment's process was killed by SIGKILL.")).toBe(
      "the deployment's process was killed by SIGKILL"
    )
    expect(appCrashIn(KV_CRASH)).toMatch(/^error: Uncaught .*Deno\.openKv\(\)/)
    expect(appCrashIn('Bad Gateway: upstream reset')).toBeNull()
    // An app that threw: its configuration first; the entry point only for a missing module.
    expect(crashHint('error: Uncaught TypeError: x is not a function')).toContain(
      '`env-vars` input'
    )
    expect(crashHint('error: Module not found "file:///src/mian.ts".')).toContain(
      '`entrypoint` input'
    )
    expect(crashHint('killed by SIGKILL')).toBeNull()
  })
})
