/**
 * The deploy core against the local server's v2 API (apps, revisions, timelines) with real Deno
 * builds: preview and production timelines, promote, a failing build, a boot failure, a lost
 * 202 that must not become a second revision, and a run stopped mid-build that cancels it.
 */
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import {
  CancelledError,
  DeployFailedError,
  DeployTimeoutError
} from '../src/core/deploy/outcome-errors.js'
import { deploy } from '../src/core/deploy/deploy.js'
import { AppCrashedError, failureFacts } from '../src/core/deploy/outcome-errors.js'
import { v2HintFor } from '../src/core/platform/v2/hints.js'
import { ApiTransport } from '../src/core/http/transport.js'
import { createPlatform } from '../src/core/platform/factory.js'
import type { DeploySettings } from '../src/core/settings/settings.js'
import { V2Client } from '../src/core/platform/v2/client.js'
import { helloSettings, type SettingsOverrides } from '../testing/deploy-settings.js'
import { recordingReporter } from '../testing/recording-reporter.js'
import { startLocalServer, type LocalServer } from '../server/testing/harness.js'

jest.setTimeout(300_000)

const REPO = path.resolve('.')
let server: LocalServer
let v2Url: string
let scratch: string

beforeAll(async () => {
  server = await startLocalServer()
  v2Url = server.v2Url
  scratch = await mkdtemp(path.join(tmpdir(), 'v2-deploy-'))
})

afterAll(async () => {
  await server?.stop()
  await rm(scratch, { recursive: true, force: true })
})

let apps = 0
async function createApp(): Promise<string> {
  return (await server.createApp(`core-app-${++apps}-${Date.now().toString(36)}`)).slug
}

function settings(app: string, overrides: SettingsOverrides = {}): DeploySettings {
  const target = { token: server.token, projectId: app, apiUrl: v2Url, apiVersion: 'v2' } as const
  return helloSettings(target, { description: 'v2 core test', ...overrides })
}

function client(): V2Client {
  return new V2Client(
    new ApiTransport({
      apiUrl: v2Url,
      token: server.token,
      hintFor: v2HintFor,
      deadline: Date.now() + 30_000
    })
  )
}

async function appWith(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(path.join(scratch, 'app-'))
  for (const [name, content] of Object.entries(files))
    await writeFile(path.join(dir, name), content)
  return dir
}

describe('deploy() on v2', () => {
  it('a preview revision serves its own host name, labelled with the commit and run', async () => {
    const app = await createApp()
    const reporter = recordingReporter()
    const result = await deploy(settings(app), reporter, {
      commit: 'abc1234def',
      ref: 'feature/x',
      pullRequest: 7,
      timeline: 'preview'
    })
    expect(result).toMatchObject({ platform: 'v2', status: 'success', fileCount: 1 })
    const host = new URL(result.url!).hostname
    expect(host).toContain(result.deploymentId!)
    expect((await server.fetchHost(host, '/')).text()).toBe('Hello from Subhosting Deploy!\n')
    expect((await server.fetchHost(host, '/env')).text()).toBe('hi-secret-value')
    const revision = await client().getRevision(result.deploymentId!)
    expect(revision.labels).toMatchObject({
      'custom.git_sha': 'abc1234def',
      'custom.git_ref': 'feature/x',
      'custom.pull_request': '7'
    })
    expect(reporter.lines.join('\n')).toMatch(/Stage building: /)
    expect(reporter.lines.join('\n')).not.toContain('hi-secret-value')
  })

  it('production serves the app host name; promote pins an older preview there', async () => {
    const app = await createApp()
    const preview = await deploy(settings(app), recordingReporter(), { timeline: 'preview' })
    const production = await deploy(
      settings(app, { envVars: { GREETING: 'second' } }),
      recordingReporter(),
      { timeline: 'production' }
    )
    const productionHost = new URL(production.url!).hostname
    expect(productionHost).not.toContain(production.deploymentId!)
    expect((await server.fetchHost(productionHost, '/env')).text()).toBe('second')

    const wait = {
      reporter: recordingReporter(),
      deadline: Date.now() + 120_000,
      timeoutMs: 120_000,
      rootInRepo: null,
      assetPaths: new Set<string>()
    }
    const live = await createPlatform(settings(app), wait).promote(preview.deploymentId!)
    expect(new URL(live.url!).hostname).toBe(productionHost)
    expect((await server.fetchHost(productionHost, '/env')).text()).toBe('hi-secret-value')
  })

  it('a failing build throws DeployFailedError naming the repository file', async () => {
    const app = await createApp()
    const error = await deploy(
      settings(app, { root: path.join(REPO, 'examples/build-fails') }),
      recordingReporter(),
      { workspace: REPO, timeline: 'preview' }
    ).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(DeployFailedError)
    expect((error as Error).message).toMatch(/^Revision \w+ failed to build/)
    expect((error as DeployFailedError).annotation?.file).toBe('examples/build-fails/main.ts')
  })

  it('an app that throws at start fails as a boot failure that quotes it', async () => {
    const app = await createApp()
    const root = await appWith({
      'main.ts': 'throw new Error("DATABASE_URL is missing")\n'
    })
    const error = await deploy(settings(app, { root }), recordingReporter(), {
      timeline: 'preview'
    }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(AppCrashedError)
    const crash = error as AppCrashedError
    expect(crash.deploymentId).toMatch(/^[a-z0-9]{12}$/)
    expect(crash.message).toContain("crashes at start-up: the platform's boot check failed")
    expect(crash.appError).toContain('DATABASE_URL is missing')
    // The app's own lines (its stack, where it threw) come from the app logs.
    expect(crash.appError).toContain('at main.ts:1:7')
    expect(crash.message).not.toContain('database-id')
    expect(failureFacts(crash)).toEqual({
      deploymentId: crash.deploymentId,
      status: 'failed',
      url: null
    })
  })

  it('a lost 202 is found again by its run label: exactly one revision', async () => {
    const app = await createApp()
    await server.injectFaults([
      {
        method: 'POST',
        path: '/v2/apps/*/deploy',
        times: 1,
        fault: 'status',
        status: 502,
        when: 'after'
      }
    ])
    const reporter = recordingReporter()
    const result = await deploy(settings(app), reporter, { timeline: 'preview' })
    await server.clearFaults()
    const revisions = await client().listRevisions(app)
    expect(revisions.map(r => r.id)).toEqual([result.deploymentId])
    expect(reporter.lines.join('\n')).toContain('adopting it')
  })

  it('a build command is refused by a server that does not run them, naming its flag', async () => {
    const app = await createApp()
    const error = await deploy(
      settings(app, { installCommand: 'deno install' }),
      recordingReporter(),
      { timeline: 'preview' }
    ).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(DeployFailedError)
    expect((error as Error).message).toContain('--run-build-commands')
  })

  it('a run that times out mid-build cancels the revision on the platform', async () => {
    const builder = await startLocalServer({ runBuildCommands: true })
    try {
      await builder.createApp('slow-build')
      const slow = settings('slow-build', {
        token: builder.token,
        apiUrl: `${builder.origin}/v2`,
        timeoutMs: 4_000,
        installCommand: 'sleep 60'
      })
      const error = await deploy(slow, recordingReporter(), { timeline: 'preview' }).catch(
        (e: unknown) => e
      )
      expect(error).toBeInstanceOf(DeployTimeoutError)
      expect((error as Error).message).toContain('cancelled on the platform')
      const id = (error as DeployTimeoutError).deploymentId!
      const answer = await fetch(`${builder.origin}/v2/revisions/${id}`, {
        headers: { authorization: `Bearer ${builder.token}` }
      })
      const revision = (await answer.json()) as { cancellation_requested_at: string | null }
      expect(revision.cancellation_requested_at).toBeTruthy()
    } finally {
      await builder.stop()
    }
  })

  it('a cancel before the answer names the revision it left', async () => {
    const app = await createApp()
    const controller = new AbortController()
    const reporter = recordingReporter()
    const pending = deploy(settings(app), reporter, {
      signal: controller.signal,
      timeline: 'preview',
      onCreated: () => controller.abort()
    }).catch((e: unknown) => e)
    const error = await pending
    expect(error).toBeInstanceOf(CancelledError)
    expect((error as CancelledError).deploymentId).toMatch(/^[a-z0-9]{12}$/)
  })
})
