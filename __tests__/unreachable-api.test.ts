/**
 * An API that is not there fails fast and says why: a closed loopback port (a stopped local
 * server) is retried for a few seconds only, a host name that does not resolve (`.invalid`) not
 * at all, and the first retry line already names the cause. The same in the deploy and in
 * `projects create`, run from the sources as users run the command line.
 */
import { describe, expect, it } from '@jest/globals'
import { execFile } from 'node:child_process'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { NetworkError } from '../src/core/http/api-errors.js'
import { SubhostingClient } from '../src/core/platform/v1/client.js'

const ROOT = fileURLToPath(new URL('..', import.meta.url))
const TSX = pathToFileURL(join(ROOT, 'node_modules', 'tsx', 'dist', 'loader.mjs')).href
const PROJECT = '8c5f5a1e-3b8e-4c1a-9f0d-2a6b7c8d9e0f'
const NOWHERE = 'api.subhosting-deploy-test.invalid'
/** The promise of the issue: an unreachable API fails within this, naming the cause. */
const FAIL_WITHIN_MS = 15_000

/** A loopback port that was just free: nothing listens there, so connecting is refused. */
async function closedPort(): Promise<number> {
  const server = http.createServer()
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  await new Promise(resolve => server.close(resolve))
  return port
}

async function timed<T>(run: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const start = Date.now()
  const value = await run()
  return { value, ms: Date.now() - start }
}

async function failureOf(client: SubhostingClient): Promise<NetworkError> {
  try {
    await client.getProject(PROJECT)
  } catch (error) {
    return error as NetworkError
  }
  throw new Error('expected the call to fail')
}

function client(apiUrl: string, log: string[]): SubhostingClient {
  // The defaults of a real run: 10 attempts, a deadline far away.
  return new SubhostingClient({
    apiUrl,
    token: 'ddo_unused',
    deadline: Date.now() + 10 * 60_000,
    log: line => log.push(line)
  })
}

describe('the transport', () => {
  it('retries a refused connection for about 10 s, naming ECONNREFUSED and the address at once', async () => {
    const port = await closedPort()
    const log: string[] = []
    const { value: error, ms } = await timed(() =>
      failureOf(client(`http://127.0.0.1:${port}/v1`, log))
    )
    expect(error).toBeInstanceOf(NetworkError)
    expect(log[0]).toContain(`network error (ECONNREFUSED 127.0.0.1:${port}); retrying in`)
    expect(log.length).toBeGreaterThan(0)
    expect(log.length).toBeLessThan(9)
    expect(ms).toBeLessThan(11_000)
    expect(error.message).toContain(`ECONNREFUSED 127.0.0.1:${port}`)
    expect(error.message).toContain('is the server running')
  }, 30_000)

  it('does not retry a host name that does not resolve', async () => {
    const log: string[] = []
    const { value: error, ms } = await timed(() => failureOf(client(`https://${NOWHERE}/v1`, log)))
    expect(error).toBeInstanceOf(NetworkError)
    expect(log).toEqual([])
    expect(ms).toBeLessThan(5_000)
    expect(error.reason).toBe(`ENOTFOUND ${NOWHERE}`)
    expect(error.message).toContain('the host name does not resolve, so it was not retried')
  })
})

interface CliRun {
  code: number
  /** Progress (stdout for a deploy, stderr for organization commands) and errors, in order. */
  output: string
  stderr: string
  ms: number
}

function cli(args: string[]): Promise<CliRun> {
  const start = Date.now()
  return new Promise(resolve => {
    execFile(
      process.execPath,
      ['--import', TSX, join(ROOT, 'src', 'cli.ts'), ...args],
      {
        cwd: ROOT,
        env: { PATH: process.env.PATH ?? '/usr/bin:/bin', DENO_DEPLOY_TOKEN: 'ddo_unused' },
        timeout: 60_000
      },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0
        resolve({ code, output: `${stdout}\n${stderr}`, stderr, ms: Date.now() - start })
      }
    )
  })
}

const deploy = (apiUrl: string): string[] => [
  '--api-url',
  apiUrl,
  '--project',
  PROJECT,
  '--root',
  'examples/hello',
  '--entrypoint',
  'main.ts'
]
const create = (apiUrl: string): string[] => [
  'projects',
  'create',
  '--organization',
  'org',
  '--api-url',
  apiUrl
]

describe.each([
  ['deploy', deploy],
  ['projects create', create]
])('the command line: %s', (_name, args) => {
  it('fails within 15 s on a stopped server, the first retry line naming the cause', async () => {
    const port = await closedPort()
    const run = await cli(args(`http://127.0.0.1:${port}/v1`))
    expect(run.code).toBe(1)
    expect(run.ms).toBeLessThan(FAIL_WITHIN_MS)
    const lines = run.output.split('\n')
    const firstRetry = lines.find(line => line.includes('retrying in'))
    expect(firstRetry).toContain(`ECONNREFUSED 127.0.0.1:${port}`)
    expect(run.stderr).toMatch(/Could not reach .*ECONNREFUSED/)
  }, 30_000)

  it('fails at once on a mistyped host, naming it', async () => {
    const run = await cli(args(`https://${NOWHERE}/v1`))
    expect(run.code).toBe(1)
    expect(run.stderr).not.toContain('retrying in')
    expect(run.stderr).toContain(`ENOTFOUND ${NOWHERE}`)
    expect(run.ms).toBeLessThan(FAIL_WITHIN_MS)
  }, 30_000)
})
