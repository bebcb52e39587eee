/**
 * The command line under real use, run from the sources (`node --import tsx src/cli.ts`) on the
 * Node running the tests and, when one is available, on the oldest Node the package claims
 * (engines: >=22). Against the local Subhosting server really running deployments.
 *
 * Node 22 is never a project dependency (a Node binary in node_modules is tied to one OS/CPU
 * and would shadow the developer's `node`): set NODE22_BIN to a Node 22 binary, or have a
 * `node22` on PATH. .ci/run provides one, so CI always runs that part.
 */
import { describe, it, expect, beforeAll, afterAll } from '@jest/globals'
import { execFile, execFileSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { delimiter, join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { keepInstructions } from '../scripts/demo/keep-instructions.js'
import { startLocalServer, type LocalServer } from '../server/testing/harness.js'

const ROOT = fileURLToPath(new URL('..', import.meta.url))

function nodeVersion(node: string): string {
  return execFileSync(node, ['--version'], { encoding: 'utf8' }).trim()
}

/** A Node 22 binary: NODE22_BIN, else `node22` on PATH, else the current Node if it is 22. */
function findNode22(): string | undefined {
  if (process.env.NODE22_BIN) return process.env.NODE22_BIN
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (dir && existsSync(join(dir, 'node22'))) return join(dir, 'node22')
  }
  return process.versions.node.startsWith('22.') ? process.execPath : undefined
}

const NODE_22 = findNode22()
/** The Nodes the CLI runs on: the current one always, Node 22 too when found. */
const NODES: [string, string][] = [
  ...new Set([process.execPath, ...(NODE_22 ? [NODE_22] : [])])
].map(node => [`Node ${nodeVersion(node)} (${node})`, node])
/** tsx's loader by absolute URL: `--import tsx` would resolve from the working directory. */
const TSX = pathToFileURL(join(ROOT, 'node_modules', 'tsx', 'dist', 'loader.mjs')).href
const PROJECT = '8c5f5a1e-3b8e-4c1a-9f0d-2a6b7c8d9e0f'
const SECRET = 'env-file-value-never-printed-5e1a'

interface CliRun {
  code: number
  stdout: string
  stderr: string
}

function cli(
  node: string,
  args: string[],
  options: { cwd?: string; env?: Record<string, string> } = {}
): Promise<CliRun> {
  return new Promise(resolve => {
    execFile(
      node,
      ['--import', TSX, join(ROOT, 'src', 'cli.ts'), ...args],
      {
        cwd: options.cwd ?? ROOT,
        env: {
          PATH: process.env.PATH ?? '/usr/bin:/bin',
          HOME: process.env.HOME ?? ROOT,
          ...options.env
        },
        timeout: 120_000
      },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0
        resolve({ code, stdout, stderr })
      }
    )
  })
}

/** The flags of a deploy of `root`'s main.ts to `project`, then `more`. */
function deployFlags(project: string, root: string, ...more: string[]): string[] {
  return ['--project', project, '--root', root, '--entrypoint', 'main.ts', ...more]
}

function git(dir: string, ...args: string[]): string {
  return execFileSync('git', ['-C', dir, ...args], {
    encoding: 'utf8',
    env: {
      ...process.env,
      GIT_AUTHOR_NAME: 't',
      GIT_AUTHOR_EMAIL: 't@example.com',
      GIT_COMMITTER_NAME: 't',
      GIT_COMMITTER_EMAIL: 't@example.com'
    }
  }).trim()
}

let dir: string

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cli-real-use-'))
  await writeFile(join(dir, 'app.env'), `SECRET_NAME=${SECRET}\n`)
})

afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

if (NODE_22) {
  it('runs on the oldest claimed Node (22)', () => {
    // NODE22_BIN (or node22 on PATH) must really be a Node 22, or this part proves nothing.
    expect(nodeVersion(NODE_22)).toMatch(/^v22\./)
  })
} else {
  // Visible in the output, never a silent pass: the oldest-Node part did not run here.
  console.warn(
    'cli-real-use: the Node 22 part is SKIPPED: no Node 22 binary found; set NODE22_BIN ' +
      '(.ci/run does) or put a node22 on PATH to run it.'
  )
  it.todo('on Node 22: skipped: no Node 22 binary; set NODE22_BIN')
}

describe.each(NODES)('on %s', (_label, node) => {
  it('Node itself takes --env-file, so the CLI never sees it', async () => {
    const run = await cli(node, ['--env-file', join(dir, 'missing.env'), '--help'])
    expect(run.code).toBe(9)
  })

  it('reads a dotenv file with --env-vars-file, and never prints its values', async () => {
    const run = await cli(
      node,
      deployFlags(PROJECT, 'examples/hello', '--env-vars-file', join(dir, 'app.env'), '--dry-run'),
      { env: { SUBHOSTING_TOKEN: 'token-for-a-dry-run' } }
    )
    expect(run.stderr).toBe('')
    expect(run.code).toBe(0)
    // The request preview names the variable and masks its value (v1 and v2 bodies differ).
    expect(run.stdout).toContain('SECRET_NAME')
    expect(run.stdout).toContain('***')
    expect(run.stdout + run.stderr).not.toContain(SECRET)
  })

  it('names the flag when the file cannot be read', async () => {
    const run = await cli(node, ['--env-vars-file', join(dir, 'nope.env')])
    expect(run.code).toBe(2)
    expect(run.stderr).toContain(`--env-vars-file ${join(dir, 'nope.env')}: cannot read it`)
  })
})

describe('git facts come from the deploy root', () => {
  it("describes another repository's commit and branch, not the current directory's", async () => {
    const repo = join(dir, 'other-repo')
    await mkdir(join(repo, 'app'), { recursive: true })
    await writeFile(join(repo, 'app', 'main.ts'), 'Deno.serve(() => new Response("hi"))\n')
    git(repo, 'init', '-q', '-b', 'feature/other')
    git(repo, 'add', '.')
    git(repo, 'commit', '-q', '-m', 'init')
    const sha = git(repo, 'rev-parse', 'HEAD')

    const run = await cli(
      process.execPath,
      ['--project', PROJECT, '--root', join(repo, 'app'), '--entrypoint', 'main.ts'].concat([
        '--dry-run',
        '--json'
      ]),
      { env: { SUBHOSTING_TOKEN: 't' } }
    )
    expect(run.code).toBe(0)
    const result = JSON.parse(run.stdout) as { commit: string; description: string }
    expect(result.commit).toBe(sha)
    expect(result.description).toBe(`feature/other · ${sha.slice(0, 7)}`)
  })

  it('outside git there are none, and the description is empty rather than malformed', async () => {
    const plain = join(dir, 'not-a-repo')
    await mkdir(plain, { recursive: true })
    await writeFile(join(plain, 'main.ts'), 'Deno.serve(() => new Response("hi"))\n')
    const run = await cli(process.execPath, deployFlags(PROJECT, plain, '--dry-run', '--json'), {
      cwd: plain,
      env: { SUBHOSTING_TOKEN: 't' }
    })
    expect(run.code).toBe(0)
    const result = JSON.parse(run.stdout) as { commit: string | null; description: string }
    expect(result.commit).toBeNull()
    expect(result.description).toBe('')
  })
})

describe('errors speak in flags', () => {
  it('a missing token names the environment variable, never workflow syntax', async () => {
    const run = await cli(process.execPath, deployFlags(PROJECT, 'examples/hello', '--json'))
    expect(run.code).toBe(2)
    const body = JSON.parse(run.stdout) as {
      error: { problems: { input: string; flag: string; message: string }[] }
    }
    expect(body.error.problems[0]).toMatchObject({
      input: 'token',
      flag: 'DENO_DEPLOY_TOKEN (environment variable)'
    })
    expect(run.stdout + run.stderr).not.toContain('${{')
  })
})

describe('against the local server', () => {
  let server: LocalServer
  let crashRoot: string

  beforeAll(async () => {
    server = await startLocalServer()
    crashRoot = join(dir, 'crash')
    await mkdir(crashRoot, { recursive: true })
    await writeFile(
      join(crashRoot, 'main.ts'),
      'const key = Deno.env.get("API_KEY")\n' +
        'if (!key) throw new Error("API_KEY env var is missing")\n' +
        'Deno.serve(() => new Response(key))\n'
    )
  }, 120_000)

  afterAll(async () => {
    await server?.stop()
  })

  it('creates a project and a KV database, and prints how to deploy with them', async () => {
    const env = { SUBHOSTING_TOKEN: server.token }
    const org = ['--organization', server.organizationId, '--api-url', server.apiUrl]
    const project = await cli(
      process.execPath,
      ['projects', 'create', '--name', 'first-app', ...org],
      {
        env
      }
    )
    expect(project.stderr).toBe('')
    expect(project.code).toBe(0)
    expect(project.stdout).toMatch(/^Created project "first-app" [0-9a-f-]{36}\n/)
    expect(project.stdout).toMatch(
      /Deploy with: subhosting-deploy --api-url \S+ --project [0-9a-f-]{36}/
    )

    const database = await cli(
      process.execPath,
      ['databases', 'create', '--description', 'app data', '--json', ...org],
      { env }
    )
    expect(database.code).toBe(0)
    const created = JSON.parse(database.stdout) as { id: string; description: string }
    expect(created.description).toBe('app data')

    const wrongOrg = await cli(
      process.execPath,
      ['projects', 'create', '--organization', 'nope', '--api-url', server.apiUrl],
      { env }
    )
    expect(wrongOrg.code).toBe(1)
    expect(wrongOrg.stderr).toMatch(/HTTP 404.*check --organization and --api-url/)
    const noOrg = await cli(process.execPath, ['databases', 'create'], { env })
    expect(noOrg.code).toBe(2)
    expect(noOrg.stderr).toContain('--organization is required')
    const onV2 = await cli(
      process.execPath,
      ['projects', 'create', '--api-url', server.v2Url, '--organization', 'x'],
      { env }
    )
    expect(onV2.code).toBe(2)
    expect(onV2.stderr).toContain('On v2 create an app')
  }, 60_000)

  it("demo --keep prints everything a deploy of one's own app needs, ready to paste", async () => {
    const project = await server.createProject('kept')
    const lines = keepInstructions({ ...server, projectId: project.id, projectName: project.name })
    const text = lines.join('\n')
    for (const value of [server.apiUrl, server.token, server.organizationId, project.id])
      expect(text).toContain(value)
    const exported = lines.find(line => line.trim().startsWith('export DENO_DEPLOY_TOKEN='))
    const token = exported!.trim().slice('export DENO_DEPLOY_TOKEN='.length)
    // Run the printed commands as printed, but from the sources instead of the bundle.
    const commands = lines
      .map(line => line.trim())
      .filter(line => line.startsWith('node dist/cli/index.js '))
      .map(line =>
        line.slice('node dist/cli/index.js '.length).replace('path/to/your-app', 'examples/hello')
      )
    expect(commands).toHaveLength(3)
    for (const command of commands) {
      const run = await cli(process.execPath, command.split(' '), {
        env: { SUBHOSTING_TOKEN: token }
      })
      expect(run.stderr).not.toMatch(/^error/m)
      expect(run.code).toBe(0)
    }
  }, 90_000)

  it('a failed build shows its log once, and the closing error names the file in the repository', async () => {
    const broken = join(dir, 'broken-repo')
    await mkdir(join(broken, 'app'), { recursive: true })
    await writeFile(join(broken, 'app', 'main.ts'), 'const a = 1\nthis is not code\n')
    git(broken, 'init', '-q')
    const project = await server.createProject('broken')
    const run = await cli(
      process.execPath,
      deployFlags(project.id, join(broken, 'app'), '--api-url', server.apiUrl),
      { env: { SUBHOSTING_TOKEN: server.token } }
    )
    expect(run.code).toBe(1)
    const output = run.stdout + run.stderr
    expect(output.split('this is not code').length - 1).toBe(1)
    expect(run.stderr).toMatch(/error: Deployment \S+ failed to build at app\/main\.ts:2: /)
    expect(output).not.toContain('file:///')
  }, 90_000)

  it('an app that crashes at start-up fails within seconds; --json has deploymentId, status and url', async () => {
    const project = await server.createProject('crashes')
    const started = Date.now()
    const run = await cli(
      process.execPath,
      deployFlags(project.id, crashRoot, '--api-url', server.apiUrl, '--timeout', '5m', '--json'),
      { env: { SUBHOSTING_TOKEN: server.token } }
    )
    const elapsed = Date.now() - started
    expect(run.code).toBe(1)
    const body = JSON.parse(run.stdout) as {
      error: { message: string }
      deploymentId: string
      status: string
      url: string
    }
    expect(body.status).toBe('failed')
    expect(body.deploymentId).toMatch(/\S/)
    expect(body.url).toMatch(/^http:\/\/.*\.localhost:\d+\/$/)
    expect(body.error.message).toContain('API_KEY env var is missing')
    expect(body.error.message).toContain('--env / --env-vars / --env-vars-file')
    expect(body.error.message).not.toMatch(/timeout/i)
    // The whole CLI run, build included, well under the 5 minute budget.
    expect(elapsed).toBeLessThan(30_000)
  }, 90_000)
})
