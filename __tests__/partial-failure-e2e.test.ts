/**
 * Outputs survive a partial failure: once the deployment (v1) or revision (v2) exists, the step's
 * `deployment-id`, `status`, `url` and `result` name it and what serves — also when binding
 * `domains` fails the step afterwards, and when the comment or the GitHub deployment is denied.
 * The action bundle runs against the local server (real Deno) and the GitHub double, whose
 * read-only token may neither comment nor write deployments.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import type { StepResult } from '../testing/action-runner.js'
import { pullRequestEvent, pushEvent, type TestEvent } from '../testing/events.js'
import { GITHUB_ACTIONS_BOT } from '../testing/github-double.js'
import {
  expectOk,
  sha,
  SHOP,
  startLifecycleFixture,
  type LifecycleFixture
} from '../testing/lifecycle-fixture.js'

const WRITE_TOKEN = 'ghs_write_token_for_partial_failures'
const READ_ONLY_TOKEN = 'ghs_read_only_token_for_partial_failures'

let fixture: LifecycleFixture
let v1Project = ''
const APP = 'shop-partial'

beforeAll(async () => {
  fixture = await startLifecycleFixture(SHOP, WRITE_TOKEN)
  fixture.gh.addToken(READ_ONLY_TOKEN, { user: GITHUB_ACTIONS_BOT, canReadUser: false, write: [] })
  v1Project = (await fixture.server.createProject('shop-partial-v1')).id
  await fixture.server.createApp(APP)
  // A registered wildcard on v1: one domain of a run attaches, the other is refused.
  const res = await fetch(
    `${fixture.server.apiUrl}/organizations/${fixture.server.organizationId}/domains`,
    {
      method: 'POST',
      headers: {
        authorization: `Bearer ${fixture.server.token}`,
        'content-type': 'application/json'
      },
      body: JSON.stringify({ domain: '*.example.test' })
    }
  )
  expect(res.status).toBe(200)
}, 120_000)

afterAll(async () => {
  await fixture?.stop()
})

const platforms = {
  v1: () => ({ project: v1Project, 'api-url': fixture.server.apiUrl }),
  v2: () => ({ project: APP, 'api-url': fixture.server.v2Url })
}

async function step(
  api: keyof typeof platforms,
  event: TestEvent,
  text: string,
  extra: Record<string, string>
): Promise<StepResult> {
  const root = await fixture.app(`${api}-${text.replace(/\W+/g, '-')}`, text)
  return fixture.step(event, { ...platforms[api](), root, ...extra })
}

/** The outputs name a live deployment whose `url` serves `text`. */
async function expectLiveOutputs(r: StepResult, text: string): Promise<void> {
  const id = r.outputs['deployment-id']
  expect(id).toMatch(/^\w{6,}$/)
  expect(r.outputs.status).toBe('success')
  expect(r.outputs.url).toMatch(/^http:\/\//)
  const result = JSON.parse(r.outputs.result) as Record<string, unknown>
  expect(result).toMatchObject({ deploymentId: id, status: 'success', url: r.outputs.url })
  expect((await fixture.server.fetchHost(new URL(r.outputs.url).hostname)).text()).toBe(text)
}

describe.each(['v1', 'v2'] as const)('outputs after a partial failure on %s', api => {
  it('a refused domain fails the step, yet the outputs say what went live', async () => {
    const text = `${api} production, domain refused`
    const refused = api === 'v1' ? 'unregistered.nowhere.test' : 'www.unverified.test'
    const r = await step(
      api,
      pushEvent(SHOP, 'refs/heads/main', sha(api === 'v1' ? '1' : '2')),
      text,
      {
        domains: refused,
        promote: 'false',
        // Neither the GitHub deployment nor a comment may be written: that must not matter either.
        'github-token': READ_ONLY_TOKEN
      }
    )
    expect(r.code).not.toBe(0)
    expect(r.stdout).toContain(
      `::error::Could not attach 1 domain(s) to ${r.outputs['deployment-id']}`
    )
    expect(r.stdout).toContain(refused)
    expect(r.stdout).toContain('deployments: write')
    expect(r.outputs.mode).toBe('production')
    await expectLiveOutputs(r, text)
    expect(JSON.parse(r.outputs.domains)).not.toContain(refused)
  })

  it('the comment and the GitHub deployment denied: the preview step succeeds with its outputs', async () => {
    const text = `${api} preview, GitHub denied`
    const pr = api === 'v1' ? 41 : 42
    const event = pullRequestEvent('opened', SHOP, { number: pr, headSha: sha(String(pr)) })
    const r = await step(api, event, text, { 'github-token': READ_ONLY_TOKEN })
    expectOk(r)
    expect(r.stdout).toContain('pull-requests: write')
    expect(r.stdout).toContain('deployments: write')
    expect(fixture.ourComments(pr)).toHaveLength(0)
    expect(r.outputs['comment-id']).toBe('')
    expect(r.outputs['github-deployment-id']).toBe('')
    await expectLiveOutputs(r, text)
  })
})

it('v1: domains that did attach are in the outputs when another one is refused', async () => {
  const text = 'v1 production, one domain of two'
  const r = await step('v1', pushEvent(SHOP, 'refs/heads/main', sha('3')), text, {
    domains: 'partial.example.test\nunregistered.nowhere.test',
    promote: 'false'
  })
  expect(r.code).not.toBe(0)
  await expectLiveOutputs(r, text)
  expect(JSON.parse(r.outputs.domains)).toContain('partial.example.test')
  expect((await fixture.server.fetchHost('partial.example.test')).text()).toBe(text)
})
