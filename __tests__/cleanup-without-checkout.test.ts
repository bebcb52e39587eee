/**
 * A cleanup run needs no checkout: the recipes skip `actions/checkout` on the `closed` event, so
 * the action bundle runs for a `pull_request` `closed` event in an empty workspace (the `root`
 * the recipe names does not exist) and still deletes the PR's previews, on v1 and on v2. And the
 * recipes in README.md and docs/workflows.md really put that condition on their checkout steps.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { mkdtemp, readdir, rm } from 'node:fs/promises'
import { readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parse as parseYaml } from 'yaml'
import { REPO_ROOT } from '../testing/action-runner.js'
import { pullRequestEvent } from '../testing/events.js'
import {
  expectOk,
  sha,
  SHOP,
  startLifecycleFixture,
  type LifecycleFixture
} from '../testing/lifecycle-fixture.js'

const WRITE_TOKEN = 'ghs_write_token_for_cleanup_without_checkout'
const SKIP_CHECKOUT_ON_CLOSE = "github.event.action != 'closed'"

let fixture: LifecycleFixture
let emptyWorkspace = ''
const target: Record<'v1' | 'v2', () => Promise<Record<string, string>>> = {
  v1: async () => ({
    project: (await fixture.server.createProject('shop-no-checkout')).id,
    'api-url': fixture.server.apiUrl
  }),
  v2: async () => {
    await fixture.server.createApp('shop-no-checkout')
    return { project: 'shop-no-checkout', 'api-url': fixture.server.v2Url }
  }
}

async function exists(inputs: Record<string, string>, id: string): Promise<boolean> {
  const { server } = fixture
  const url =
    inputs['api-url'] === server.v2Url
      ? `${server.v2Url}/revisions/${id}`
      : `${server.apiUrl}/deployments/${id}`
  const res = await fetch(url, { headers: { authorization: `Bearer ${server.token}` } })
  return res.status === 200
}

beforeAll(async () => {
  fixture = await startLifecycleFixture(SHOP, WRITE_TOKEN)
  emptyWorkspace = await mkdtemp(join(tmpdir(), 'no-checkout-'))
}, 120_000)

afterAll(async () => {
  await fixture?.stop()
  if (emptyWorkspace) await rm(emptyWorkspace, { recursive: true, force: true })
})

describe.each(['v1', 'v2'] as const)('cleanup without a checkout on %s', api => {
  it('deletes the previews of the closed PR from an empty workspace', async () => {
    const inputs = await target[api]()
    const pr = api === 'v1' ? 51 : 52
    const root = await fixture.app(`no-checkout-${api}`, `${api} preview`)
    const opened = await fixture.step(
      pullRequestEvent('opened', SHOP, { number: pr, headSha: sha(String(pr)) }),
      { ...inputs, root }
    )
    expectOk(opened)
    const preview = opened.outputs['deployment-id']
    expect(await exists(inputs, preview)).toBe(true)

    const closed = await fixture.step(
      pullRequestEvent('closed', SHOP, { number: pr, headSha: sha(String(pr)) }),
      // What the recipes pass, although nothing was checked out: root and entrypoint are unused.
      { ...inputs, root: 'apps/web', entrypoint: 'main.ts' },
      { workspace: emptyWorkspace }
    )
    expectOk(closed)
    expect(closed.outputs.mode).toBe('cleanup')
    expect(await readdir(emptyWorkspace)).toEqual([])
    expect(await exists(inputs, preview)).toBe(false)
    expect(fixture.ourComments(pr)[0].body).toContain('🗑️ Removed')
  })
})

/** Every YAML block of `file` that is a workflow (has `jobs`). */
function workflows(file: string): { name: string; workflow: Workflow }[] {
  const text = readFileSync(join(REPO_ROOT, file), 'utf8')
  return [...text.matchAll(/```yaml\n([\s\S]*?)```/g)]
    .map(m => ({ name: `${file}: ${m[1].split('\n')[0]}`, workflow: parseYaml(m[1]) as Workflow }))
    .filter(({ workflow }) => workflow && typeof workflow === 'object' && 'jobs' in workflow)
}

interface Workflow {
  on: Record<string, { types?: string[] } | null>
  jobs: Record<string, { steps: { uses?: string; if?: string }[] }>
}

/** Whether a `closed` pull-request event starts the workflow. */
function runsOnClose(workflow: Workflow): boolean {
  return ['pull_request', 'pull_request_target'].some(event => {
    if (!(event in workflow.on)) return false
    const types = workflow.on[event]?.types
    // GitHub's default types are opened, synchronize and reopened.
    return Boolean(types?.includes('closed'))
  })
}

describe('the recipes skip the checkout on close', () => {
  const all = [...workflows('README.md'), ...workflows('docs/workflows.md')]
  const closing = all.filter(({ workflow }) => runsOnClose(workflow))

  it('finds the recipes that run on close, in both files', () => {
    expect(closing.filter(({ name }) => name.startsWith('README')).length).toBeGreaterThanOrEqual(3)
    expect(closing.filter(({ name }) => name.startsWith('docs')).length).toBeGreaterThanOrEqual(3)
  })

  it("puts `if: github.event.action != 'closed'` on every actions/checkout step of them", () => {
    const checkouts = closing.flatMap(({ name, workflow }) =>
      Object.values(workflow.jobs).flatMap(job =>
        job.steps
          .filter(step => step.uses?.startsWith('actions/checkout@'))
          .map(step => ({ name, if: step.if }))
      )
    )
    expect(checkouts.length).toBeGreaterThanOrEqual(6)
    expect(checkouts.filter(step => step.if !== SKIP_CHECKOUT_ON_CLOSE)).toEqual([])
  })
})
