/**
 * The pull-request lifecycle on the v2 API end to end: the action as a child process (the
 * committed bundle), the local server's v2 API running Deno, and the GitHub API double. A PR
 * gets preview revisions, a merge promotes the reviewed revision to production without a
 * rebuild, closing deletes the previews but never the revision production serves.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import type { StepResult } from '../testing/action-runner.js'
import { pullRequestEvent, pushEvent, type TestEvent } from '../testing/events.js'
import type { GitHubDouble } from '../testing/github-double.js'
import {
  expectOk,
  sha,
  SHOP,
  startLifecycleFixture,
  type LifecycleFixture
} from '../testing/lifecycle-fixture.js'
import type { LocalServer } from '../server/testing/harness.js'

const REPO_REF = SHOP
const { owner: OWNER, repo: REPO } = SHOP
const WRITE_TOKEN = 'ghs_write_token_for_v2_tests'
const APP = 'shop-v2'

let fixture: LifecycleFixture
let server: LocalServer
let gh: GitHubDouble
let v2Url: string

function step(
  event: TestEvent,
  root: string,
  extra: Record<string, string> = {}
): Promise<StepResult> {
  return fixture.step(event, { project: APP, root, 'api-url': v2Url, ...extra })
}

async function v2<T>(method: string, urlPath: string, body?: unknown): Promise<[number, T]> {
  const res = await fetch(`${v2Url}${urlPath}`, {
    method,
    headers: { authorization: `Bearer ${server.token}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body)
  })
  const text = await res.text()
  return [res.status, (text ? JSON.parse(text) : null) as T]
}

const revisionIds = async (): Promise<string[]> =>
  (await v2<{ id: string }[]>('GET', `/apps/${APP}/revisions?limit=100`))[1].map(r => r.id)

const exists = async (id: string): Promise<boolean> =>
  (await v2('GET', `/revisions/${id}`))[0] === 200

beforeAll(async () => {
  fixture = await startLifecycleFixture(REPO_REF, WRITE_TOKEN)
  ;({ server, gh } = fixture)
  v2Url = server.v2Url
  await server.createApp(APP)
}, 120_000)

afterAll(async () => {
  await fixture?.stop()
})

describe('pull request lifecycle on v2', () => {
  const pr = 21
  let firstPreview = ''
  let reviewed = ''

  it('PR opened: a preview revision serves, the comment and GitHub deployment name it', async () => {
    const root = await fixture.app('a', 'v2 preview one')
    const r = await step(
      pullRequestEvent('opened', REPO_REF, { number: pr, headSha: sha('a') }),
      root
    )
    expectOk(r)
    expect(r.outputs).toMatchObject({ status: 'success', environment: 'preview/pr-21' })
    firstPreview = r.outputs['deployment-id']
    const host = new URL(r.outputs.url).hostname
    expect(host).toContain(firstPreview)
    expect((await server.fetchHost(host)).text()).toBe('v2 preview one')
    expect(fixture.ourComments(pr)[0].body).toContain('✅ Ready')
    const [deployment] = gh.deployments(OWNER, REPO)
    expect(deployment.payload).toMatchObject({
      subhosting: { projectId: APP, deploymentId: firstPreview, pullRequest: pr }
    })
    const [, revision] = await v2<{ labels: Record<string, string> }>(
      'GET',
      `/revisions/${firstPreview}`
    )
    expect(revision.labels).toMatchObject({
      'custom.git_sha': sha('a'),
      'custom.pull_request': '21'
    })
  })

  it('a second push deploys another preview revision into the same comment', async () => {
    const root = await fixture.app('b', 'v2 preview two')
    const r = await step(
      pullRequestEvent('synchronize', REPO_REF, { number: pr, headSha: sha('b') }),
      root
    )
    expectOk(r)
    reviewed = r.outputs['deployment-id']
    expect(reviewed).not.toBe(firstPreview)
    expect(fixture.ourComments(pr)).toHaveLength(1)
    expect(fixture.ourComments(pr)[0].body).toContain('`bbbbbbb`')
  })

  it('a failing build fails the step and marks the row failed', async () => {
    const root = await fixture.writeApp('broken', 'import "./missing.ts"\n')
    const r = await step(
      pullRequestEvent('synchronize', REPO_REF, { number: pr, headSha: sha('c') }),
      root
    )
    expect(r.code).not.toBe(0)
    expect(r.outputs.status).toBe('failed')
    expect(fixture.ourComments(pr)[0].body).toContain('❌ Failed')
  })

  it('merge and close: older previews are deleted, the reviewed head is kept for promotion', async () => {
    const root = await fixture.app('b', 'v2 preview two')
    const event = pullRequestEvent('closed', REPO_REF, {
      number: pr,
      headSha: sha('b'),
      merged: true,
      mergeCommitSha: sha('m')
    })
    expectOk(await step(event, root))
    expect(await exists(firstPreview)).toBe(false)
    expect(await exists(reviewed)).toBe(true)
  })

  it('push to main promotes the reviewed revision without rebuilding', async () => {
    gh.setCommitPulls(OWNER, REPO, sha('m'), [
      { number: pr, state: 'closed', merged_at: '2026-12-01T00:00:00Z', head: { sha: sha('b') } }
    ])
    const before = await revisionIds()
    const root = await fixture.app('b', 'v2 preview two')
    const r = await step(pushEvent(REPO_REF, 'refs/heads/main', sha('m')), root)
    expectOk(r)
    expect(r.outputs['promoted-from']).toBe(reviewed)
    expect(r.outputs['deployment-id']).toBe(reviewed)
    expect(await revisionIds()).toEqual(before)
    const host = new URL(r.outputs.url).hostname
    expect(host).not.toContain(reviewed)
    expect((await server.fetchHost(host)).text()).toBe('v2 preview two')
  })

  it('closing again never deletes the revision production serves', async () => {
    const root = await fixture.app('b', 'v2 preview two')
    const event = pullRequestEvent('closed', REPO_REF, { number: pr, headSha: sha('b') })
    expectOk(await step(event, root))
    expect(await exists(reviewed)).toBe(true)
  })

  it('a lost 202 answer is recovered: exactly one new revision', async () => {
    const before = await revisionIds()
    await server.injectFaults([
      {
        method: 'POST',
        path: '/v2/apps/*/deploy',
        times: 1,
        fault: 'status',
        status: 503,
        when: 'after'
      }
    ])
    const root = await fixture.app('d', 'v2 preview four')
    const r = await step(
      pullRequestEvent('opened', REPO_REF, { number: 22, headSha: sha('d') }),
      root
    )
    await server.clearFaults()
    expectOk(r)
    const after = await revisionIds()
    expect(after.filter(id => !before.includes(id))).toEqual([r.outputs['deployment-id']])
  })

  it('closing a PR deletes its previews by their labels when nothing else recorded them', async () => {
    const root = await fixture.app('f', 'v2 unrecorded preview')
    const untracked = { comment: 'false', 'github-deployments': 'false' }
    const opened = await step(
      pullRequestEvent('opened', REPO_REF, { number: 31, headSha: sha('f') }),
      root,
      untracked
    )
    expectOk(opened)
    const id = opened.outputs['deployment-id']
    expect(await exists(id)).toBe(true)
    const closed = await step(
      pullRequestEvent('closed', REPO_REF, { number: 31, headSha: sha('f') }),
      root,
      untracked
    )
    expectOk(closed)
    expect(await exists(id)).toBe(false)
  })

  it('v1-only inputs against v2 are refused before anything is sent', async () => {
    const before = await revisionIds()
    const root = await fixture.app('e', 'never deployed')
    const r = await step(pushEvent(REPO_REF, 'refs/heads/feature', sha('e')), root, {
      'import-map': 'import_map.json',
      'database-id': '5b484959-cba2-482d-95ab-ba592784af80'
    })
    expect(r.code).not.toBe(0)
    expect(r.stdout).toContain('import-map')
    expect(r.stdout).toContain('deno.json')
    expect(r.stdout).toContain('database-id')
    expect(await revisionIds()).toEqual(before)
  })
})
