/**
 * The committed bundle against the local Subhosting server, run like the Actions runner runs
 * it: real deployments served by real Deno processes, outputs and the job summary read back
 * from the runner's files.
 */
import { describe, it, expect, beforeAll, afterAll } from '@jest/globals'
import { cp, mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startLocalServer, type LocalServer } from '../server/testing/harness.js'
import {
  REPO_ROOT,
  faultStates,
  killRunningSteps,
  listDeployments,
  masksBeforeOutput,
  runAction,
  visibleLog,
  type ActionRun,
  type RunActionOptions
} from '../testing/action-runner.js'

const TOKEN = 'ddo_e2eT0kenThatMustNeverShow'
const SECRETS = {
  GREETING: 'greeting-secret-8d1f',
  QUOTED: 'quoted secret with spaces 71c2',
  MULTI: 'multiline-secret-first-4a7e\nmultiline-secret-second-9b3d'
}
const ENV_VARS = [
  `GREETING=${SECRETS.GREETING}`,
  `export QUOTED="${SECRETS.QUOTED}"`,
  `MULTI="${SECRETS.MULTI}"`
].join('\n')

let server: LocalServer

beforeAll(async () => {
  server = await startLocalServer({ token: TOKEN })
}, 90_000)

afterAll(async () => {
  killRunningSteps()
  await server?.stop()
})

function deployStep(
  projectId: string,
  app: string,
  inputs: Record<string, string> = {},
  options: Partial<RunActionOptions> = {}
): Promise<ActionRun> {
  return runAction({
    workspace: REPO_ROOT,
    inputs: {
      token: server.token,
      project: projectId,
      entrypoint: 'main.ts',
      root: `examples/${app}`,
      'api-url': server.apiUrl,
      timeout: '90s',
      ...inputs
    },
    ...options
  })
}

/** Nothing the runner would show or keep holds the token or an env var value. */
function expectNoSecrets(run: ActionRun): void {
  const secrets = [TOKEN, ...Object.values(SECRETS), ...SECRETS.MULTI.split('\n')]
  const visible = [visibleLog(run.stdout), run.stderr, run.summary, ...Object.values(run.outputs)]
  for (const text of visible) {
    for (const secret of secrets) expect(text).not.toContain(secret)
  }
}

/** Every secret is registered with the runner before the first line it would display. */
function expectMaskedFirst(run: ActionRun, secrets: string[]): void {
  expect(masksBeforeOutput(run.stdout)).toEqual(expect.arrayContaining(secrets))
}

function describeRun(run: ActionRun): string {
  return `exit ${run.exitCode}\n--- stdout ---\n${run.stdout}\n--- stderr ---\n${run.stderr}`
}

describe('the action, run as the runner runs it', () => {
  it('deploys examples/hello, serves it, writes every output and the job summary', async () => {
    const project = await server.createProject()
    const sha = '1a2b3c4d5e6f708192a3b4c5d6e7f80912a3b4c5'
    const run = await deployStep(project.id, 'hello', { 'env-vars': ENV_VARS }, { sha })
    expect(run.exitCode === 0 ? 'ok' : describeRun(run)).toBe('ok')

    const { outputs } = run
    expect(outputs['deployment-id']).toMatch(/^[a-z0-9]{12}$/)
    expect(outputs.status).toBe('success')
    expect(outputs['project-id']).toBe(project.id)
    const host = `${project.name}-${outputs['deployment-id']}.deploy.localhost`
    expect(JSON.parse(outputs.domains)).toEqual([host])
    expect(outputs.url).toBe(`http://${host}:${server.port}/`)
    expect(JSON.parse(outputs.result)).toMatchObject({
      projectId: project.id,
      deploymentId: outputs['deployment-id'],
      status: 'success',
      url: outputs.url,
      domains: [host],
      commit: sha,
      description: expect.stringMatching(/^main · 1a2b3c4 \[deploy [0-9a-f]{8}\]$/),
      fileCount: 1,
      filesUploaded: 1,
      dryRun: false
    })

    const page = await server.fetchHost(host, '/')
    expect(page.status).toBe(200)
    expect(page.text()).toBe('Hello from Subhosting Deploy!\n')
    for (const [name, value] of Object.entries(SECRETS)) {
      expect((await server.fetchHost(host, `/env?name=${name}`)).text()).toBe(value)
    }

    expect(run.stdout).toMatch(/::group::Build logs \(deployment [a-z0-9]{12}\)/)
    expect(run.summary).toContain(project.id)
    expect(run.summary).toContain(outputs['deployment-id'])
    expect(run.summary).toContain(outputs.url)
    expect(run.summary).toContain(sha)
    expect(run.summary).toMatch(/Files sent with content<\/th><td>1 of 1</)
    expect(run.summary).toMatch(/Build time/)
    expect(run.summary).toMatch(/Total time/)

    expectMaskedFirst(run, [TOKEN, ...Object.values(SECRETS)])
    expectNoSecrets(run)
    const deployments = await listDeployments(server, project.id)
    expect(deployments.map(d => d.id)).toEqual([outputs['deployment-id']])
  })

  it('fails the step with the build errors and a file/line annotation when the app fails', async () => {
    const project = await server.createProject()
    const run = await deployStep(project.id, 'build-fails', { 'env-vars': ENV_VARS })
    expect(run.exitCode).toBe(1)

    const id = run.outputs['deployment-id']
    expect(id).toMatch(/^[a-z0-9]{12}$/)
    expect(run.outputs.status).toBe('failed')
    expect(run.stdout).toMatch(/does-not-exist\.ts/)
    expect(run.stdout).toMatch(
      new RegExp(
        `^::error title=Deployment build failed,file=examples/build-fails/main\\.ts,line=\\d+,col=\\d+::` +
          `Deployment ${id} failed to build at examples/build-fails/main\\.ts:\\d+: `,
        'm'
      )
    )
    expect(run.stdout.match(/^::error/gm)).toHaveLength(1)
    // The summary says what failed, which deployment and how to fix it (the runner masks only logs).
    expect(run.summary).toContain('Subhosting deploy failed: Build failed')
    expect(run.summary).toContain(`<code>${id}</code>`)
    expect(run.summary).toMatch(/Last state<\/th><td>failed</)
    expect(run.summary).toContain('does-not-exist.ts')
    expect(run.summary).toMatch(/Fix<\/th><td>Fix the error at examples\/build-fails\/main\.ts:\d+/)
    expectNoSecrets(run)
    expect((await listDeployments(server, project.id)).map(d => d.status)).toEqual(['failed'])
  })

  it('dry run prints the manifest and the request without calling the API', async () => {
    const project = await server.createProject()
    // Any API request would hit this rule; after the run it must not have fired.
    await server.injectFaults([{ path: '/v1/**', times: 1000, fault: 'status', status: 500 }])
    let run: ActionRun
    try {
      run = await deployStep(project.id, 'hello', { 'dry-run': 'true', 'env-vars': ENV_VARS })
    } finally {
      const [rule] = await faultStates(server)
      await server.clearFaults()
      expect(rule.hits).toBe(0)
    }
    expect(run.exitCode === 0 ? 'ok' : describeRun(run)).toBe('ok')
    expect(run.stdout).toContain('main.ts')
    expect(run.stdout).toMatch(/utf-8/)
    expect(run.stdout).toMatch(/entryPointUrl/)
    expect(run.outputs).toMatchObject({ status: 'dry-run', 'deployment-id': '', url: '' })
    expect(JSON.parse(run.outputs.result)).toMatchObject({ dryRun: true, fileCount: 1 })
    expect(run.summary).toContain('dry run')
    expectNoSecrets(run)
    expect(await listDeployments(server, project.id)).toEqual([])
  })

  it('runs from a copy of dist/ with no node_modules to resolve anything from', async () => {
    const project = await server.createProject()
    const dir = await mkdtemp(join(tmpdir(), 'bundle-only-'))
    try {
      await cp(join(REPO_ROOT, 'dist'), join(dir, 'dist'), { recursive: true })
      const command: [string, string] = [process.execPath, join(dir, 'dist', 'index.js')]
      const run = await deployStep(project.id, 'hello', { 'dry-run': 'true' }, { command })
      expect(run.exitCode === 0 ? 'ok' : describeRun(run)).toBe('ok')
      expect(run.outputs.status).toBe('dry-run')
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  })

  it('rejects bad inputs, naming each one, before anything is uploaded', async () => {
    const project = await server.createProject()
    const run = await deployStep(project.id, 'hello', {
      entrypoint: '../outside.ts',
      'env-vars': `${ENV_VARS}\n1BAD=${SECRETS.GREETING}`,
      'compiler-options': '{"jsx": "react-jsx", "target": "es5"}',
      'database-id': 'not-a-uuid',
      timeout: 'soon'
    })
    expect(run.exitCode).toBe(1)
    const log = visibleLog(run.stdout)
    expect(log).toMatch(/5 inputs need fixing/)
    for (const input of ['entrypoint', 'env-vars', 'compiler-options', 'database-id', 'timeout']) {
      expect(log).toContain(`Input "${input}"`)
    }
    expect(run.outputs).toEqual({})
    expect(run.summary).toContain('Subhosting deploy failed: Bad input')
    for (const input of ['entrypoint', 'env-vars', 'compiler-options', 'database-id', 'timeout']) {
      expect(run.summary).toContain(`<li>Input &#34;${input}&#34;: `)
    }
    expectNoSecrets(run)
    expect(await listDeployments(server, project.id)).toEqual([])
  })

  it('turns API refusals into messages naming the input to fix', async () => {
    const project = await server.createProject()
    const wrongToken = 'ddo_wrongT0kenNotKnownToTheServer'
    const refused = await deployStep(project.id, 'hello', { token: wrongToken })
    expect(refused.exitCode).toBe(1)
    expect(refused.stdout).toMatch(/^::error::Subhosting API .*HTTP 401.*Check the `token` input/m)
    expect(visibleLog(refused.stdout)).not.toContain(wrongToken)

    const missing = await deployStep('0b5e7c1d-2f3a-4b5c-8d9e-0f1a2b3c4d5e', 'hello')
    expect(missing.exitCode).toBe(1)
    expect(missing.stdout).toMatch(
      /^::error::Subhosting API .*HTTP 404.*Check the `project` input/m
    )
    expect(await listDeployments(server, project.id)).toEqual([])
  })

  it('with wait: false returns the pending deployment right after creating it', async () => {
    const project = await server.createProject()
    const event = {
      eventName: 'pull_request',
      payload: {
        action: 'synchronize',
        number: 17,
        pull_request: { number: 17, head: { sha: 'abcdef0'.padEnd(40, '1'), ref: 'feature' } }
      }
    }
    const run = await deployStep(project.id, 'hello', { wait: 'false' }, { event })
    expect(run.exitCode === 0 ? 'ok' : describeRun(run)).toBe('ok')
    expect(run.outputs.status).toBe('pending')
    expect(run.outputs.url).toBe('')
    expect(run.stdout).not.toContain('Build logs')

    const [deployment] = await listDeployments(server, project.id)
    expect(deployment.id).toBe(run.outputs['deployment-id'])
    expect(deployment.description).toMatch(/^PR #17 · abcdef0 \[deploy [0-9a-f]{8}\]$/)
  })

  it('succeeds without a job summary file, as outside a runner', async () => {
    const project = await server.createProject()
    const run = await deployStep(
      project.id,
      'hello',
      { wait: 'false' },
      { env: { GITHUB_STEP_SUMMARY: '' } }
    )
    expect(run.exitCode === 0 ? 'ok' : describeRun(run)).toBe('ok')
    expect(run.outputs.status).toBe('pending')
    expect(run.stdout).not.toContain('::error::')
  })
})
