/**
 * What a start-up crash says, against the local server really running the app with Deno, via
 * the command line from the sources: on v1 each crash's stack once and grammatical evidence; on
 * v2 an app that threw points at the environment variables first, and only a module that was
 * not found at the entry point.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { execFile } from 'node:child_process'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { startLocalServer, type LocalServer } from '../server/testing/harness.js'
import { eachCrashOnce } from '../src/core/deploy/wait.js'

const ROOT = fileURLToPath(new URL('..', import.meta.url))
const TSX = pathToFileURL(join(ROOT, 'node_modules', 'tsx', 'dist', 'loader.mjs')).href

/** Throws at start without saying "env": a configuration value it reads is not set. */
const THROWS =
  'const url = Deno.env.get("DATABASE_URL")\n' +
  'console.log(url!.length)\n' +
  'Deno.serve(() => new Response("ok"))\n'
const MISSING_MODULE = 'import "./nope.ts"\nDeno.serve(() => new Response("ok"))\n'

let server: LocalServer
let dir: string

beforeAll(async () => {
  server = await startLocalServer()
  dir = await mkdtemp(join(tmpdir(), 'crash-messages-'))
}, 120_000)

afterAll(async () => {
  await server?.stop()
  await rm(dir, { recursive: true, force: true })
})

async function app(name: string, main: string): Promise<string> {
  const root = join(dir, name)
  await import('node:fs/promises').then(fs => fs.mkdir(root, { recursive: true }))
  await writeFile(join(root, 'main.ts'), main)
  return root
}

function deploy(args: string[]): Promise<{ code: number; stderr: string }> {
  return new Promise(resolve => {
    execFile(
      process.execPath,
      ['--import', TSX, join(ROOT, 'src', 'cli.ts'), ...args, '--entrypoint', 'main.ts'],
      {
        cwd: ROOT,
        env: { PATH: process.env.PATH ?? '/usr/bin:/bin', DENO_DEPLOY_TOKEN: server.token },
        timeout: 120_000
      },
      (error, _stdout, stderr) =>
        resolve({ code: error ? Number(error.code ?? -1) : 0, stderr: stderr.toString() })
    )
  })
}

function errorOf(stderr: string): string {
  return stderr.slice(stderr.indexOf('error: Deployment'))
}

describe('a start-up crash on v1', () => {
  it('quotes each crash once and says how often the URL answered so', async () => {
    const project = await server.createProject('crash-once')
    const root = await app('v1-throws', THROWS)
    const run = await deploy(['--api-url', server.apiUrl, '--project', project.id, '--root', root])
    expect(run.code).toBe(1)
    const message = errorOf(run.stderr)
    expect(message).toContain('answered twice in a row that its process had stopped')
    expect(message).not.toContain('time(s)')
    expect(message.split('at main.ts:2').length - 1).toBe(1)
    expect(message).not.toContain('Deployment failed to start')
    expect(message).toContain('--env / --env-vars / --env-vars-file')
    expect(message).not.toContain('--entrypoint')
  }, 90_000)
})

describe('a boot failure on v2', () => {
  it('an app that threw points at the environment variables, not the entry point', async () => {
    await server.createApp('throws-at-start')
    const root = await app('v2-throws', THROWS)
    const run = await deploy([
      '--api-url',
      server.v2Url,
      '--project',
      'throws-at-start',
      '--root',
      root
    ])
    expect(run.code).toBe(1)
    const message = errorOf(run.stderr)
    expect(message).toContain('TypeError')
    expect(message).toContain('--env / --env-vars / --env-vars-file')
    expect(message).not.toContain('--entrypoint')
    expect(message.split('at main.ts:2').length - 1).toBeLessThanOrEqual(1)
  }, 90_000)

  it('a module that is not there names the entry point', async () => {
    await server.createApp('missing-module')
    const root = await app('v2-missing', MISSING_MODULE)
    const run = await deploy([
      '--api-url',
      server.v2Url,
      '--project',
      'missing-module',
      '--root',
      root
    ])
    expect(run.code).toBe(1)
    expect(run.stderr).toContain('Module not found')
    expect(run.stderr).not.toContain('--env / --env-vars')
  }, 90_000)
})

describe('eachCrashOnce', () => {
  it('keeps one copy of a repeated crash and drops the platform verdict lines', () => {
    const crash = ['error: Uncaught Error: boom', '    at main.ts:2:17']
    const verdict = "Deployment failed to start: the deployment's process exited with code 1"
    expect(eachCrashOnce([...crash, verdict, ...crash, verdict])).toEqual(crash)
    const other = ['error: Uncaught Error: other', '    at main.ts:3:1']
    expect(eachCrashOnce([...crash, ...other, ...crash])).toEqual([...crash, ...other])
  })
})
