/**
 * The command line as users run it: the committed bundle dist/cli/index.js as a child process,
 * against the local Subhosting server really running the deployment with Deno.
 */
import { describe, it, expect, beforeAll, afterAll } from '@jest/globals'
import { execFile } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parse as parseYaml } from 'yaml'
import { startLocalServer, type LocalServer } from '../server/testing/harness.js'
import { dotenvLine } from '../src/cli/dotenv-line.js'
import { ALL_FLAGS, INPUT_DEFAULTS } from '../src/cli/flags.js'
import { parseEnvVars } from '../src/core/settings/env-vars.js'
import { LIFECYCLE_INPUT_NAMES } from '../src/lifecycle/inputs.js'

const ROOT = fileURLToPath(new URL('..', import.meta.url))
/** dist/cli/index.js; CLI_BUNDLE runs the suite against another build of src/cli.ts. */
const CLI = process.env.CLI_BUNDLE || join(ROOT, 'dist', 'cli', 'index.js')
const SECRET = 'greeting-value-that-must-never-be-printed'

/** Inputs about GitHub itself (comments, GitHub deployments, PR events); the CLI has no GitHub. */
const GITHUB_ONLY_INPUTS: readonly string[] = LIFECYCLE_INPUT_NAMES

const action = parseYaml(readFileSync(join(ROOT, 'action.yml'), 'utf8')) as {
  inputs: Record<string, { default?: unknown }>
}

interface CliRun {
  code: number
  stdout: string
  stderr: string
}

function runCli(args: string[], env: Record<string, string> = {}): Promise<CliRun> {
  return new Promise(resolve => {
    execFile(
      process.execPath,
      [CLI, ...args],
      {
        cwd: ROOT,
        env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: process.env.HOME ?? ROOT, ...env },
        timeout: 120_000
      },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0
        resolve({ code, stdout, stderr })
      }
    )
  })
}

describe('subhosting-deploy (dist/cli/index.js)', () => {
  let server: LocalServer
  let projectId: string
  let deployArgs: string[]
  let env: Record<string, string>

  beforeAll(async () => {
    server = await startLocalServer()
    projectId = (await server.createProject('cli-hello')).id
    env = { SUBHOSTING_TOKEN: server.token }
    deployArgs = [
      '--api-url',
      server.apiUrl,
      '--project',
      projectId,
      '--root',
      'examples/hello',
      '--entrypoint',
      'main.ts',
      '--env',
      `GREETING=${SECRET}`
    ]
  }, 120_000)

  afterAll(async () => {
    await server?.stop()
  })

  it('deploys examples/hello, prints the live URL, and never prints the token or env values', async () => {
    const run = await runCli(deployArgs, env)
    expect(run.stderr).toBe('')
    expect(run.code).toBe(0)
    const url = /Live at (http:\/\/\S+)/.exec(run.stdout)?.[1]
    expect(url).toMatch(/^http:\/\/cli-hello-[a-z0-9]+\.deploy\.localhost:\d+\/$/)

    const page = await server.fetchHost(new URL(url!).hostname)
    expect(page.status).toBe(200)
    expect(page.text()).toBe('Hello from Subhosting Deploy!\n')
    const greeting = await server.fetchHost(new URL(url!).hostname, '/env?name=GREETING')
    expect(greeting.text()).toBe(SECRET)

    for (const text of [run.stdout, run.stderr]) {
      expect(text).not.toContain(SECRET)
      expect(text).not.toContain(server.token)
    }
  })

  it('deploys to a v2 app: a preview by default, the production host with --production', async () => {
    await server.createApp('cli-v2')
    const v2Args = [
      '--api-url',
      `${server.origin}/v2`,
      '--project',
      'cli-v2',
      '--root',
      'examples/hello',
      '--entrypoint',
      'main.ts',
      '--json'
    ]
    const preview = await runCli(v2Args, { DENO_DEPLOY_TOKEN: server.token })
    expect(preview.code).toBe(0)
    const previewResult = JSON.parse(preview.stdout) as { url: string; deploymentId: string }
    expect(new URL(previewResult.url).hostname).toContain(previewResult.deploymentId)

    const production = await runCli([...v2Args, '--production'], env)
    expect(production.code).toBe(0)
    const result = JSON.parse(production.stdout) as { url: string; platform: string }
    expect(result.platform).toBe('v2')
    const host = new URL(result.url).hostname
    expect(host).toMatch(/^cli-v2\./)
    expect((await server.fetchHost(host)).text()).toBe('Hello from Subhosting Deploy!\n')

    const v1Only = await runCli([...v2Args, '--allow-net', 'example.com'], env)
    expect(v1Only.code).toBe(2)
    expect(v1Only.stderr).toContain('--allow-net')
    expect(v1Only.stderr).toContain('v1-only')
  })

  it('--json prints one parseable result object on stdout and progress on stderr', async () => {
    const run = await runCli([...deployArgs, '--json'], env)
    expect(run.code).toBe(0)
    const result = JSON.parse(run.stdout) as Record<string, unknown>
    expect(result).toMatchObject({ projectId, status: 'success', dryRun: false })
    expect(result.deploymentId).toMatch(/^[a-z0-9]{12}$/)
    expect(result.url).toBe(
      `http://cli-hello-${result.deploymentId}.deploy.localhost:${server.port}/`
    )
    expect(run.stderr).not.toBe('')
    expect(run.stderr).not.toContain(SECRET)
  })

  it('--dry-run --json reports the manifest without creating a deployment', async () => {
    const run = await runCli([...deployArgs, '--dry-run', '--json'], env)
    expect(run.code).toBe(0)
    const result = JSON.parse(run.stdout) as Record<string, unknown>
    expect(result).toMatchObject({
      status: 'dry-run',
      dryRun: true,
      deploymentId: null,
      fileCount: 1
    })
    expect(run.stdout + run.stderr).not.toContain(SECRET)
  })

  it('bad input exits 2 and names the flag to fix', async () => {
    const run = await runCli(
      [
        '--api-url',
        server.apiUrl,
        '--project',
        'not-a-uuid',
        '--entrypoint',
        'main.ts',
        '--root',
        'examples/hello'
      ],
      env
    )
    expect(run.code).toBe(2)
    expect(run.stderr).toContain('--project')
    expect(run.stderr).toContain('not-a-uuid')
    expect(run.stdout).toBe('')
  })

  it('an unknown flag exits 2 and points to --help', async () => {
    const run = await runCli(['--projekt', projectId], env)
    expect(run.code).toBe(2)
    expect(run.stderr).toContain('unknown flag --projekt (did you mean --project?)')
    expect(run.stderr).toContain('--help')
  })

  it('a failed deploy exits 1 with the reason', async () => {
    const run = await runCli(deployArgs, {
      SUBHOSTING_TOKEN: 'ddo_wrong-token'
    })
    expect(run.code).toBe(1)
    expect(run.stderr).toMatch(/HTTP 401/)
    expect(run.stderr).toContain('SUBHOSTING_TOKEN')
    expect(run.stderr).not.toContain('ddo_wrong-token')
  })

  it('--help lists every flag, and every action input has one (except GitHub-only ones)', async () => {
    const run = await runCli(['--help'])
    expect(run.code).toBe(0)
    for (const flag of ALL_FLAGS) {
      expect(run.stdout).toMatch(new RegExp(`--${flag.name}\\b.*\\S`))
    }
    const flagFor = (input: string) => (input === 'wait' ? 'no-wait' : input)
    const missing = Object.keys(action.inputs)
      .filter(input => !GITHUB_ONLY_INPUTS.includes(input))
      .filter(
        input =>
          !run.stdout.includes(`--${flagFor(input)} `) &&
          !run.stdout.includes(`--${flagFor(input)}\n`)
      )
    expect(missing).toEqual([])
  })

  it('uses the same defaults as action.yml', () => {
    const defaults = Object.fromEntries(
      Object.entries(action.inputs)
        .filter(
          ([name, spec]) =>
            !GITHUB_ONLY_INPUTS.includes(name) && spec.default !== undefined && spec.default !== ''
        )
        .map(([name, spec]) => [name, String(spec.default)])
    )
    expect(INPUT_DEFAULTS).toEqual(defaults)
  })
})

describe('--env KEY=VALUE', () => {
  it.each([
    'plain',
    'hello world # not a comment',
    "it's",
    'say "hi"',
    'two\nlines',
    `both ' and "`,
    'x=y=z',
    '  padded  ',
    '',
    '$HOME ${X}',
    'back\\slash',
    '#start'
  ])("keeps %j exactly through the action's dotenv parser", value => {
    expect(parseEnvVars(dotenvLine(`NAME=${value}`))).toEqual({
      vars: { NAME: value },
      problems: []
    })
  })

  it('refuses a value no dotenv line can hold, without echoing it', () => {
    expect(() => dotenvLine(`NAME=a'b\`c"d`)).toThrow(/--env NAME: .* pass --env-vars-file/)
    expect(() => dotenvLine(`NAME=a'b\`c"d`)).not.toThrow(/a'b/)
  })
})
