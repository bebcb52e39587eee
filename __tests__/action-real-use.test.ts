/**
 * The action under real use and under attack, run like the Actions runner runs it (the bundle
 * as a child process, against the local Subhosting server running real Deno processes): a
 * crashing app fails fast, hostile build logs, file names and branch names never become
 * workflow commands or markup, secret files stay home, and root stays in the workspace.
 *
 * The bundle is dist/index.js; ACTION_BUNDLE points the suite at another build of src/
 * (e.g. `npx ncc build src/index.ts -o /tmp/bundle`, then ACTION_BUNDLE=/tmp/bundle/index.js;
 * see support/action-runner.ts).
 */
import { describe, it, expect, beforeAll, afterAll } from '@jest/globals'
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startLocalServer, type LocalServer } from '../server/testing/harness.js'
import {
  killRunningSteps,
  runAction,
  visibleLog,
  type ActionRun,
  type RunActionOptions
} from '../testing/action-runner.js'
import { parseWorkflowCommands } from '../testing/workflow-commands.js'

const HOSTILE_BRANCH = 'x<img src=https://evil.example/i.png>**b**<!--'

let server: LocalServer
let workspace: string

beforeAll(async () => {
  server = await startLocalServer()
  workspace = await mkdtemp(join(tmpdir(), 'action-real-use-'))
  const apps: Record<string, Record<string, string>> = {
    crash: {
      'main.ts':
        'const key = Deno.env.get("API_KEY")\n' +
        'if (!key) throw new Error("API_KEY env var is missing")\n' +
        'Deno.serve(() => new Response(key))\n'
    },
    'hostile-build': { 'main.ts': 'const a = 1\n   ::error title=x::y ##[warning]x\n' },
    'with-secrets': {
      'main.ts': 'Deno.serve(() => new Response("hello"))\n',
      '.env': 'API_KEY=from-dot-env\n',
      '.env.production': 'API_KEY=from-production\n',
      '.env.example': 'API_KEY=\n'
    },
    'hostile-names': {
      'main.ts': 'Deno.serve(() => new Response("hello"))\n',
      'a\n   ::error title=x::y': 'x\n',
      'b ##[warning]x': 'x\n',
      'c\n::add-mask::hello': 'x\n'
    }
  }
  for (const [app, files] of Object.entries(apps)) {
    await mkdir(join(workspace, app))
    for (const [name, text] of Object.entries(files))
      await writeFile(join(workspace, app, name), text)
  }
}, 120_000)

afterAll(async () => {
  killRunningSteps()
  await server?.stop()
  if (workspace) await rm(workspace, { recursive: true, force: true })
})

async function deployStep(
  app: string,
  inputs: Record<string, string> = {},
  options: Partial<RunActionOptions> = {}
): Promise<ActionRun> {
  const project = await server.createProject()
  return runAction({
    workspace,
    inputs: {
      token: server.token,
      project: project.id,
      entrypoint: 'main.ts',
      root: app,
      'api-url': server.apiUrl,
      timeout: '5m',
      comment: 'false',
      'github-deployments': 'false',
      ...inputs
    },
    ...options
  })
}

/** The commands the runner would run that are not our own bookkeeping. */
function annotations(run: ActionRun): { name: string; data: string }[] {
  return parseWorkflowCommands(run.stdout).filter(c =>
    ['error', 'warning', 'notice', 'add-mask', 'set-output', 'stop-commands'].includes(c.name)
  )
}

describe('the action bundle under real use', () => {
  it('an app that throws at start-up fails in seconds, with its error, status failed', async () => {
    const started = Date.now()
    const run = await deployStep('crash')
    expect(Date.now() - started).toBeLessThan(30_000)
    expect(run.exitCode).toBe(1)
    expect(run.outputs.status).toBe('failed')
    expect(run.outputs['deployment-id']).toMatch(/\S/)
    const errors = annotations(run).filter(c => c.name === 'error')
    expect(errors).toHaveLength(1)
    expect(errors[0].data).toContain('API_KEY env var is missing')
    // Where it threw, from the app's own log lines, not only the platform's one-line verdict.
    expect(errors[0].data).toContain('main.ts:2:')
    expect(errors[0].data).toContain('`env-vars` input')
    expect(errors[0].data).not.toMatch(/timeout/i)
    expect(run.summary).toContain('App crashed at start-up')
    expect(run.summary).toContain('<code>failed</code>')
    expect(run.summary).not.toContain('success')
  }, 60_000)

  it('hostile build log lines produce no command; the build error shows once, repo-relative', async () => {
    const run = await deployStep('hostile-build')
    expect(run.exitCode).toBe(1)
    // No command comes from the log; the one error annotation is ours.
    const all = parseWorkflowCommands(run.stdout)
    expect(all.filter(c => /title=x|##\[warning\]/.test(c.line))).toEqual([])
    const errors = all.filter(c => c.name === 'error')
    expect(errors).toHaveLength(1)
    expect(all.filter(c => c.name === 'warning')).toEqual([])
    expect(errors[0].properties).toMatchObject({ file: 'hostile-build/main.ts', line: '2' })
    expect(errors[0].data).toMatch(/^Deployment \S+ failed to build at hostile-build\/main\.ts:2: /)
    // The reader still sees the lines, once: in the build log group.
    const log = visibleLog(run.stdout)
    expect(log.split('::error title=x::y ##[warning]x').length - 1).toBe(1)
    expect(run.outputs.status).toBe('failed')
  }, 60_000)

  it('file names that look like commands stay text (dry run manifest)', async () => {
    const run = await deployStep('hostile-names', { 'dry-run': 'true' })
    expect(run.exitCode).toBe(0)
    expect(annotations(run).filter(c => c.name !== 'add-mask')).toEqual([])
    expect(visibleLog(run.stdout)).toContain('   ::error title=x::y')
  }, 60_000)

  it('a .env under root is not uploaded, and the notice names it', async () => {
    const run = await deployStep('with-secrets')
    expect(run.exitCode).toBe(0)
    const notices = annotations(run).filter(c => c.name === 'warning' || c.name === 'notice')
    const notice = notices.find(c => c.data.includes('usually hold secrets'))
    expect(notice?.data).toContain('.env, .env.production')
    expect(notice?.data).not.toContain('.env.example')
    const url = run.outputs.url
    for (const file of ['.env', '.env.production']) {
      const res = await server.fetchHost(new URL(url).hostname, `/${file}`)
      expect(res.text()).not.toContain('API_KEY=from')
    }
    const result = JSON.parse(run.outputs.result) as { fileCount: number }
    expect(result.fileCount).toBe(2)
  }, 60_000)

  it('root: .. is refused as a bad input', async () => {
    const run = await deployStep('..')
    expect(run.exitCode).toBe(1)
    const errors = annotations(run).filter(c => c.name === 'error')
    expect(errors[0].data).toMatch(/Input "root": ".." resolves to .*, outside the workspace/)
    expect(run.summary).toContain('Bad input')
  }, 60_000)

  it('a hostile branch name leaves the summary intact', async () => {
    const run = await deployStep(
      'with-secrets',
      {},
      {
        event: {
          eventName: 'push',
          payload: { ref: `refs/heads/${HOSTILE_BRANCH}`, after: 'e'.repeat(40) }
        }
      }
    )
    expect(run.exitCode).toBe(0)
    expect(run.summary.indexOf('<h2>')).toBe(0)
    expect(run.summary).not.toMatch(/<img|<!--/)
    expect(run.summary).toContain('&lt;img src')
    expect(run.summary).not.toContain('<li>')
  }, 60_000)
})
