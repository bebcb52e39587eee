/**
 * The bundle against a local Subhosting server that fails on purpose (fault injection): every
 * API call the action makes fails transiently, once or twice, and the run still succeeds with
 * exactly one new deployment; a lost create response is reconciled, not repeated; a timeout
 * and a cancellation end the step with the documented message naming the deployment.
 */
import { describe, it, expect, beforeAll, afterAll, afterEach } from '@jest/globals'
import { startLocalServer, type FaultRule, type LocalServer } from '../server/testing/harness.js'
import {
  REPO_ROOT,
  faultStates,
  killRunningSteps,
  listDeployments,
  runAction,
  startAction,
  type ActionRun,
  type RunActionOptions
} from '../testing/action-runner.js'

let server: LocalServer
let projectId: string

function stepOptions(inputs: Record<string, string> = {}): RunActionOptions {
  return {
    workspace: REPO_ROOT,
    inputs: {
      token: server.token,
      project: projectId,
      entrypoint: 'main.ts',
      root: 'examples/hello',
      'api-url': server.apiUrl,
      timeout: '90s',
      ...inputs
    }
  }
}

function describeRun(run: ActionRun): string {
  return `exit ${run.exitCode}\n--- stdout ---\n${run.stdout}\n--- stderr ---\n${run.stderr}`
}

/** Runs the step with `rules` injected; returns the run and the deployments it added. */
async function runWithFaults(
  rules: FaultRule[],
  inputs: Record<string, string> = {}
): Promise<{ run: ActionRun; added: string[]; hits: number[] }> {
  const before = new Set((await listDeployments(server, projectId)).map(d => d.id))
  await server.injectFaults(rules)
  const run = await runAction(stepOptions(inputs))
  const hits = (await faultStates(server)).map(rule => rule.hits)
  await server.clearFaults()
  const added = (await listDeployments(server, projectId))
    .map(d => d.id)
    .filter(id => !before.has(id))
  return { run, added, hits }
}

beforeAll(async () => {
  server = await startLocalServer()
  projectId = (await server.createProject()).id
  // One clean deploy first: the project then knows the files, so every faulted run below sends
  // a single create request and a lost response hits the request that creates the deployment.
  const warmUp = await runAction(stepOptions())
  if (warmUp.exitCode !== 0) throw new Error(`warm-up deploy failed: ${describeRun(warmUp)}`)
}, 120_000)

afterEach(async () => {
  await server.clearFaults()
})

afterAll(async () => {
  killRunningSteps()
  await server?.stop()
})

const CALLS = [
  { call: 'GET project', method: 'GET', path: '/v1/projects/*' },
  { call: 'POST create', method: 'POST', path: '/v1/projects/*/deployments' },
  { call: 'GET build_logs', method: 'GET', path: '/v1/deployments/*/build_logs' },
  { call: 'GET deployment', method: 'GET', path: '/v1/deployments/*' }
]
const FAULTS: { fault: string; rule: Omit<FaultRule, 'path' | 'method'> }[] = [
  { fault: 'HTTP 5xx once', rule: { fault: 'status', status: 503, times: 1 } },
  {
    fault: 'HTTP 429 Retry-After 1 twice',
    rule: { fault: 'status', status: 429, retryAfter: 1, times: 2 }
  },
  { fault: 'connection reset twice', rule: { fault: 'reset', times: 2 } }
]
const MATRIX = CALLS.flatMap(({ call, method, path }, i) =>
  FAULTS.map(({ fault, rule }) => ({
    call,
    fault,
    // Rotate the 5xx code so 500, 502 and 503 are all covered.
    rule: {
      ...rule,
      ...(rule.status === 503 ? { status: [500, 502, 503][i % 3] } : {}),
      method,
      path
    }
  }))
)

describe('transient API failures', () => {
  it.each(MATRIX)('$call failing with $fault: succeeds with one deployment', async ({ rule }) => {
    const { run, added, hits } = await runWithFaults([rule])
    expect(run.exitCode === 0 ? 'ok' : describeRun(run)).toBe('ok')
    expect(hits).toEqual([rule.times])
    expect(added).toEqual([run.outputs['deployment-id']])
    expect(run.outputs.status).toBe('success')
    expect((await server.fetchHost(new URL(run.outputs.url).hostname)).status).toBe(200)
  })
})

describe('a create request whose response is lost', () => {
  it('adopts the deployment it created instead of creating a second one', async () => {
    const { run, added, hits } = await runWithFaults([
      {
        method: 'POST',
        path: '/v1/projects/*/deployments',
        fault: 'reset',
        when: 'after',
        times: 1
      }
    ])
    expect(run.exitCode === 0 ? 'ok' : describeRun(run)).toBe('ok')
    expect(hits).toEqual([1])
    expect(added).toEqual([run.outputs['deployment-id']])
    expect(run.stdout).toContain(`Recovered deployment ${run.outputs['deployment-id']}`)
  })
})

describe('stopping early', () => {
  const stall: FaultRule[] = [
    {
      method: 'GET',
      path: '/v1/deployments/*/build_logs',
      fault: 'delay',
      delayMs: 60_000,
      times: 5
    },
    { method: 'GET', path: '/v1/deployments/*', fault: 'delay', delayMs: 60_000, times: 20 }
  ]

  it('fails at the timeout, naming the deployment and its last state', async () => {
    const { run, added } = await runWithFaults(stall, { timeout: '4s' })
    expect(run.exitCode).toBe(1)
    expect(added).toHaveLength(1)
    const [id] = added
    expect(run.stdout).toMatch(
      new RegExp(
        `^::error::Timed out after 4 s waiting for deployment ${id}; last state: pending`,
        'm'
      )
    )
    expect(run.outputs).toMatchObject({ 'deployment-id': id, status: 'pending' })
  })

  it.each(['SIGINT', 'SIGTERM'] as const)(
    'on %s stops waiting, names the deployment and its state, and exits non-zero',
    async signal => {
      await server.injectFaults(stall)
      const step = await startAction(stepOptions())
      await step.waitForStdout(/Created deployment [a-z0-9]{12}\./)
      step.child.kill(signal)
      const run = await step.result
      const id = /Created deployment ([a-z0-9]{12})\./.exec(run.stdout)![1]
      expect(run.exitCode).toBe(1)
      expect(run.stdout).toContain(`Received ${signal}`)
      expect(run.stdout).toMatch(
        new RegExp(
          `^::error::Cancelled while waiting for deployment ${id}; last state: pending`,
          'm'
        )
      )
      expect(run.outputs).toMatchObject({ 'deployment-id': id, status: 'cancelled' })
    }
  )
})
