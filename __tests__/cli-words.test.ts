/**
 * The command line speaks command line: its own places (the current directory, environment
 * variables) instead of the workflow's, near-miss flags get a "did you mean", `--help` is
 * v2-first with DENO_DEPLOY_TOKEN named first, and a dry run writes its manifest only where
 * `--manifest-file` says. Runs `runCli` in this process, against no API (bad input and dry runs).
 */
import { describe, expect, it } from '@jest/globals'
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { runCli } from '../src/cli/run.js'

const ROOT = fileURLToPath(new URL('..', import.meta.url))

async function cli(argv: string[], env: NodeJS.ProcessEnv = {}) {
  let stdout = ''
  let stderr = ''
  const code = await runCli({
    argv,
    env: { DENO_DEPLOY_TOKEN: 'ddo_test-token', ...env },
    cwd: ROOT,
    stdout: { write: (text: string) => void (stdout += text) },
    stderr: { write: (text: string) => void (stderr += text) },
    signal: new AbortController().signal
  })
  return { code, stdout, stderr }
}

describe('the command line speaks command line', () => {
  it('a missing --root is relative to the current directory, not the workspace or a checkout', async () => {
    const run = await cli([
      '--project',
      'my-app',
      '--root',
      'no-such-dir',
      '--entrypoint',
      'main.ts'
    ])
    expect(run.code).toBe(2)
    expect(run.stderr).toContain('relative to the current directory')
    expect(run.stderr).not.toMatch(/checkout step|workspace|secret/)
  })

  it.each([
    ['--env-file', '--env-vars-file'],
    ['--projekt', '--project'],
    ['--prob-path', '--probe-path']
  ])('%s suggests %s', async (typed, meant) => {
    const run = await cli([typed, 'x'])
    expect(run.code).toBe(2)
    expect(run.stderr).toContain(`unknown flag ${typed} (did you mean ${meant}?`)
  })

  it.each([
    ['--token', ['--token', 'ddp_personal-token-0123456789'], {}],
    [
      'SUBHOSTING_TOKEN (environment variable)',
      [],
      { SUBHOSTING_TOKEN: 'ddp_personal-token-0123456789' }
    ]
  ])('a token problem names where the token came from: %s', async (named, extra, env) => {
    const args = ['--project', 'my-app', '--root', 'examples/hello', '--entrypoint', 'main.ts']
    const run = await cli([...args, ...extra], { DENO_DEPLOY_TOKEN: '', ...env })
    expect(run.code).toBe(2)
    expect(run.stderr).toContain(`${named}: is a personal token`)
    expect(run.stderr).not.toContain('DENO_DEPLOY_TOKEN (environment variable)')
  })

  it('--help is v2-first and names DENO_DEPLOY_TOKEN first', async () => {
    const { stdout } = await cli(['--help'])
    expect(stdout.split('\n')[0]).toContain('Deno Deploy')
    expect(stdout).toContain('--project APP')
    expect(stdout).not.toContain('Project ID (UUID) to deploy to')
    expect(stdout).toMatch(
      /DENO_DEPLOY_TOKEN +API token; SUBHOSTING_TOKEN and DEPLOY_ACCESS_TOKEN are read too/
    )
    expect(stdout.indexOf('DENO_DEPLOY_TOKEN')).toBeLessThan(stdout.indexOf('SUBHOSTING_TOKEN'))
  })
})

describe('a dry run on the command line', () => {
  const args = [
    '--project',
    'my-app',
    '--root',
    'examples/hello',
    '--entrypoint',
    'main.ts',
    '--dry-run'
  ]

  it('leaves no manifest behind unless asked, and writes it where --manifest-file says', async () => {
    const temp = mkdtempSync(join(tmpdir(), 'cli-words-'))
    try {
      const manifests = () =>
        readdirSync(tmpdir()).filter(name => name.startsWith('deploy-manifest-'))
      const before = manifests()
      const quiet = await cli([...args, '--verbose'])
      expect(quiet.code).toBe(0)
      expect(quiet.stdout + quiet.stderr).toContain(
        'not written (pass --manifest-file PATH to write it)'
      )
      expect(manifests()).toEqual(before)
      const file = join(temp, 'manifest.txt')
      const asked = await cli([...args, '--verbose', '--manifest-file', file])
      expect(asked.code).toBe(0)
      expect(existsSync(file)).toBe(true)
      expect(readFileSync(file, 'utf8')).toContain('main.ts')
      expect(asked.stdout + asked.stderr).toContain(file)
    } finally {
      rmSync(temp, { recursive: true, force: true })
    }
  })
})
