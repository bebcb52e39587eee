/**
 * `probe-path` / `--probe-path`: the live check asks the app at the path given, so an app whose
 * `/` never answers below 500 (slow, behind a login, side effects) or counts its visits still
 * deploys, and `/` is never hit by the check. Against the local server running the app with
 * Deno, through the command line from the sources; the input's validation through parseSettings.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { execFile } from 'node:child_process'
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { startLocalServer, type LocalServer } from '../server/testing/harness.js'
import { InputError } from '../src/core/settings/input-error.js'
import { parseSettings } from '../src/core/settings/inputs.js'
import { getLocalUrl } from '../testing/local-url.js'

const ROOT = fileURLToPath(new URL('..', import.meta.url))
const TSX = pathToFileURL(join(ROOT, 'node_modules', 'tsx', 'dist', 'loader.mjs')).href

/** `/` refuses and counts every visit; `/healthz` is the app's health check. */
const APP = `
let visits = 0
Deno.serve(req => {
  const { pathname } = new URL(req.url)
  if (pathname === '/healthz') return new Response('ok')
  if (pathname === '/visits') return new Response(String(visits))
  visits++
  return new Response('not ready', { status: 503 })
})
`

describe('probe-path validation', () => {
  const settings = (probePath: string) =>
    parseSettings(
      {
        token: 'ddo_test-token-value-0123456789',
        project: 'my-app',
        entrypoint: 'main.ts',
        'api-url': 'https://api.deno.com/v2',
        'probe-path': probePath
      },
      { workspace: ROOT, deploysNothing: true }
    )

  it('takes an absolute path, with a query, and defaults to /', () => {
    expect(settings('').probePath).toBe('/')
    expect(settings('/healthz').probePath).toBe('/healthz')
    expect(settings('/status?probe=1').probePath).toBe('/status?probe=1')
  })

  it.each(['healthz', 'https://example.com/healthz', '//example.com/healthz', '/a b', '/x#y'])(
    'refuses %s, naming the input',
    value => {
      let error: unknown
      try {
        settings(value)
      } catch (caught) {
        error = caught
      }
      expect(error).toBeInstanceOf(InputError)
      expect((error as Error).message).toContain('probe-path')
      expect((error as Error).message).toContain("not a path on the deployment's host")
    }
  )
})

describe('--probe-path against the local server', () => {
  let server: LocalServer
  let dir: string

  beforeAll(async () => {
    server = await startLocalServer()
    dir = await mkdtemp(join(tmpdir(), 'probe-path-'))
    await mkdir(join(dir, 'app'))
    await writeFile(join(dir, 'app', 'main.ts'), APP)
  }, 120_000)

  afterAll(async () => {
    await server?.stop()
    await rm(dir, { recursive: true, force: true })
  })

  it('an app whose / answers 503 goes live when checked at /healthz, and / is never probed', async () => {
    const project = await server.createProject('probe-path')
    const args = ['--api-url', server.apiUrl, '--project', project.id, '--root', join(dir, 'app')]
    const run = await new Promise<{ code: number; stdout: string; stderr: string }>(resolve =>
      execFile(
        process.execPath,
        [TSX, join(ROOT, 'src', 'cli.ts')]
          .flatMap((arg, i) => (i === 0 ? ['--import', arg] : [arg]))
          .concat(args, [
            '--entrypoint',
            'main.ts',
            '--probe-path',
            '/healthz',
            '--timeout',
            '60s',
            '--json'
          ]),
        { cwd: ROOT, env: { PATH: process.env.PATH ?? '', DENO_DEPLOY_TOKEN: server.token } },
        (error, stdout, stderr) => resolve({ code: error ? Number(error.code) : 0, stdout, stderr })
      )
    )
    expect(run.stderr).toContain('(at /healthz)')
    expect(run.code).toBe(0)
    const result = JSON.parse(run.stdout) as { status: string; url: string }
    expect(result.status).toBe('success')
    // The URL output stays the deployment's root; the check never asked for it.
    expect(result.url).toMatch(/\/$/)
    const visits = (await getLocalUrl(new URL('/visits', result.url).href)).body
    expect(Number(visits)).toBe(0)
  }, 120_000)
})
