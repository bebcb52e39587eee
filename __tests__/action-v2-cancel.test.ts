/**
 * A cancelled or timed-out run on v2 cancels its revision on the platform, so nothing keeps
 * building: the bundle as a child process against a local server that runs install commands.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { startLocalServer, type LocalServer } from '../server/testing/harness.js'
import { runAction, startAction, type RunActionOptions } from '../testing/action-runner.js'

let server: LocalServer
let workspace: string

beforeAll(async () => {
  workspace = await mkdtemp(path.join(tmpdir(), 'action-v2-cancel-'))
  await writeFile(path.join(workspace, 'main.ts'), 'Deno.serve(() => new Response("slow"))\n')
  server = await startLocalServer({ runBuildCommands: true })
  await server.createApp('slow-app')
}, 120_000)

afterAll(async () => {
  await server?.stop()
  await rm(workspace, { recursive: true, force: true })
})

function slowDeploy(timeout = '120'): RunActionOptions {
  return {
    workspace,
    event: { eventName: 'push', payload: { ref: 'refs/heads/feature', after: 'c'.repeat(40) } },
    inputs: {
      token: server.token,
      project: 'slow-app',
      entrypoint: 'main.ts',
      'api-url': `${server.origin}/v2`,
      'install-command': 'sleep 60',
      'github-token': '',
      timeout
    }
  }
}

async function cancellationRequested(id: string): Promise<string | null> {
  const res = await fetch(`${server.origin}/v2/revisions/${id}`, {
    headers: { authorization: `Bearer ${server.token}` }
  })
  return ((await res.json()) as { cancellation_requested_at: string | null })
    .cancellation_requested_at
}

describe('stopping a v2 run stops its build', () => {
  it('SIGTERM cancels the revision and reports cancelled', async () => {
    const step = await startAction(slowDeploy())
    await step.waitForStdout(/Stage installing: running/)
    step.child.kill('SIGTERM')
    const run = await step.result
    const id = /Created revision ([a-z0-9]{12})\./.exec(run.stdout)![1]
    expect(run.exitCode).toBe(1)
    expect(run.stdout).toContain('Its build was cancelled on the platform too.')
    expect(run.outputs).toMatchObject({ 'deployment-id': id, status: 'cancelled' })
    expect(await cancellationRequested(id)).toBeTruthy()
  })

  it('a timeout cancels the revision and says so', async () => {
    const run = await runAction(slowDeploy('5s'))
    const id = /Created revision ([a-z0-9]{12})\./.exec(run.stdout)![1]
    expect(run.exitCode).toBe(1)
    expect(run.stdout).toContain('Its build was cancelled on the platform')
    expect(run.outputs['deployment-id']).toBe(id)
    expect(await cancellationRequested(id)).toBeTruthy()
  })
})
