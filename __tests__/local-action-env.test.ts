/**
 * The two `@github/local-action` examples (.env.example: a push to main; .env.pull-request.example:
 * a pull request) drive the action as they claim: the bundle run with exactly their variables,
 * only the token, project and API URL filled in from a local server, as the README says to.
 */
import { describe, it, expect, beforeAll, afterAll } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import dotenv from 'dotenv'
import { startLocalServer, type LocalServer } from '../server/testing/harness.js'
import { REPO_ROOT, actionYml, killRunningSteps, runAction } from '../testing/action-runner.js'

let server: LocalServer

beforeAll(async () => {
  server = await startLocalServer()
}, 90_000)

afterAll(async () => {
  killRunningSteps()
  await server?.stop()
})

function example(file: string): Record<string, string> {
  return dotenv.parse(readFileSync(join(REPO_ROOT, file), 'utf8'))
}

describe.each([
  ['.env.example', 'production', 'production'],
  ['.env.pull-request.example', 'preview', 'preview/pr-7']
])('%s', (file, mode, environment) => {
  it('sets only inputs action.yml declares', () => {
    const inputs = new Set(Object.keys(actionYml.inputs).map(name => `INPUT_${name.toUpperCase()}`))
    for (const name of Object.keys(example(file)).filter(n => n.startsWith('INPUT_')))
      expect(inputs).toContain(name)
  })

  it(`runs a ${mode} deploy with the token, project and API URL filled in`, async () => {
    const project = await server.createProject()
    // The runner's own summary file replaces the example's (local-action creates that one).
    const env = example(file)
    delete env.GITHUB_STEP_SUMMARY
    const run = await runAction({
      workspace: REPO_ROOT,
      inputs: {},
      env: {
        ...env,
        INPUT_TOKEN: server.token,
        INPUT_PROJECT: project.id,
        'INPUT_API-URL': server.apiUrl,
        INPUT_TIMEOUT: '90s'
      }
    })
    expect(run.stderr).toBe('')
    expect(run.exitCode).toBe(0)
    expect(run.outputs).toMatchObject({ mode, environment, status: 'success' })
  }, 120_000)
})
