/**
 * A create whose answer never came back is found again by this run's marker, on v1 and v2 alike,
 * with one look-back window: also when the server's clock runs 90 s behind ours (a window of
 * 60 s, as v2 once had after a cancel, missed it and left the revision building unnamed).
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { deploy } from '../src/core/deploy/deploy.js'
import { CancelledError } from '../src/core/deploy/outcome-errors.js'
import { helloSettings, type SettingsTarget } from '../testing/deploy-settings.js'
import { recordingReporter } from '../testing/recording-reporter.js'
import { startSkewProxy, type SkewProxy } from '../testing/clock-skew-proxy.js'
import { startLocalServer, type LocalServer } from '../server/testing/harness.js'

const SKEW_MS = 90_000

let server: LocalServer
let proxy: SkewProxy

beforeAll(async () => {
  server = await startLocalServer()
  proxy = await startSkewProxy(server.origin, SKEW_MS)
})

afterAll(async () => {
  await proxy?.close()
  await server?.stop()
})

/** GET on the server itself (not through the proxy), as JSON. */
async function direct<T>(path: string): Promise<T> {
  const res = await fetch(`${server.origin}${path}`, {
    headers: { authorization: `Bearer ${server.token}` }
  })
  return (await res.json()) as T
}

/** Resolves with the first id `list` returns, polling until the create reached the server. */
async function firstCreated(list: () => Promise<{ id: string }[]>): Promise<string> {
  for (;;) {
    const [first] = await list()
    if (first) return first.id
    await new Promise(resolve => setTimeout(resolve, 100))
  }
}

interface Case {
  version: 'v1' | 'v2'
  target(): Promise<{ projectId: string; path: string; list: () => Promise<{ id: string }[]> }>
}

const CASES: Case[] = [
  {
    version: 'v1',
    async target() {
      const project = await server.createProject()
      return {
        projectId: project.id,
        path: '/v1/projects/*/deployments',
        list: () => direct(`/v1/projects/${project.id}/deployments`)
      }
    }
  },
  {
    version: 'v2',
    async target() {
      const app = await server.createApp(`lost-${Date.now().toString(36)}`)
      return {
        projectId: app.slug,
        path: '/v2/apps/*/deploy',
        list: async () => (await direct<{ id: string }[]>(`/v2/apps/${app.slug}/revisions`)) ?? []
      }
    }
  }
]

describe.each(CASES)(
  'a create cancelled before its answer came ($version)',
  ({ version, target }) => {
    it('names what it created, though the server clock runs 90 s behind', async () => {
      const { projectId, path, list } = await target()
      // The server creates, then holds its answer long enough for the run to be cancelled.
      await server.injectFaults([
        { method: 'POST', path, times: 1, fault: 'delay', delayMs: 30_000, when: 'after' }
      ])
      try {
        const controller = new AbortController()
        const created = firstCreated(list)
        void created.then(() => controller.abort())
        const settingsTarget: SettingsTarget = {
          token: server.token,
          projectId,
          apiUrl: `${proxy.origin}/${version}`,
          apiVersion: version
        }
        const error = await deploy(helloSettings(settingsTarget), recordingReporter(), {
          signal: controller.signal,
          timeline: 'preview'
        }).catch((e: unknown) => e)
        expect(error).toBeInstanceOf(CancelledError)
        expect((error as CancelledError).deploymentId).toBe(await created)
        expect(await list()).toHaveLength(1)
      } finally {
        await server.clearFaults()
      }
    })
  }
)
