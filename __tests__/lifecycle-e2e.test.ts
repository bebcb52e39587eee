/**
 * The pull-request lifecycle end to end: the action as a child process, the real local
 * Subhosting server running Deno, and the GitHub API double. Payloads are GitHub's own webhook
 * examples adapted to the test repository.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { visibleLog, type StepResult } from '../testing/action-runner.js'
import { pullRequestEvent, pushEvent, workflowRunEvent, type TestEvent } from '../testing/events.js'
import { GITHUB_ACTIONS_BOT, type GitHubDouble } from '../testing/github-double.js'
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
const WRITE_TOKEN = 'ghs_write_token_for_tests'
const READ_ONLY_TOKEN = 'ghs_read_only_token_for_tests'

let fixture: LifecycleFixture
let server: LocalServer
let gh: GitHubDouble
let web: { id: string; name: string }
let api: { id: string; name: string }

function step(
  event: TestEvent,
  project: { id: string },
  root: string,
  extra: Record<string, string> = {},
  actor?: string
): Promise<StepResult> {
  const inputs = { project: project.id, root, 'api-url': server.apiUrl, ...extra }
  const run = fixture.step(event, inputs, { actor })
  runs.push(run)
  return run
}

const runs: Promise<StepResult>[] = []

function rowsOf(pr: number) {
  const [comment] = fixture.ourComments(pr)
  const m = comment.body.match(/<!-- subhosting-deploy:data (.*) -->/)
  return JSON.parse(m![1]).rows as Record<
    string,
    Record<string, unknown> & {
      previews: { deploymentId: string; deleted?: boolean; promoted?: boolean }[]
    }
  >
}

async function deploymentExists(id: string): Promise<boolean> {
  const res = await fetch(`${server.apiUrl}/deployments/${id}`, {
    headers: { authorization: `Bearer ${server.token}` }
  })
  return res.status === 200
}

/** A new deployment of the same app through the API (POST /deployments/{id}/redeploy). */
async function redeploy(id: string): Promise<string> {
  const res = await fetch(`${server.apiUrl}/deployments/${id}/redeploy`, {
    method: 'POST',
    headers: { authorization: `Bearer ${server.token}`, 'content-type': 'application/json' },
    body: '{}'
  })
  expect(res.status).toBe(200)
  return ((await res.json()) as { id: string }).id
}

/** A GitHub deployment with a Subhosting payload and no status, as another run could leave. */
async function recordGitHubDeployment(environment: string, subhosting: Record<string, unknown>) {
  const res = await fetch(`${gh.url}/repos/${OWNER}/${REPO}/deployments`, {
    method: 'POST',
    headers: { authorization: `token ${WRITE_TOKEN}`, 'content-type': 'application/json' },
    body: JSON.stringify({ ref: subhosting.sha, environment, payload: { subhosting } })
  })
  expect(res.status).toBe(201)
}

async function projectDeploymentCount(projectId: string): Promise<number> {
  const res = await fetch(`${server.apiUrl}/projects/${projectId}/deployments?limit=100`, {
    headers: { authorization: `Bearer ${server.token}` }
  })
  return ((await res.json()) as unknown[]).length
}

beforeAll(async () => {
  fixture = await startLifecycleFixture(REPO_REF, WRITE_TOKEN)
  ;({ server, gh } = fixture)
  gh.addToken(READ_ONLY_TOKEN, { user: GITHUB_ACTIONS_BOT, canReadUser: false, write: [] })
  web = await server.createProject('shop-web')
  api = await server.createProject('shop-api')
  const res = await fetch(`${server.apiUrl}/organizations/${server.organizationId}/domains`, {
    method: 'POST',
    headers: { authorization: `Bearer ${server.token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ domain: '*.example.test' })
  })
  expect(res.status).toBe(200)
}, 120_000)

afterAll(async () => {
  await fixture?.stop()
})

describe('pull request lifecycle', () => {
  const pr = 7
  let firstPreview = ''
  let goodPreview = ''
  let failedPreview = ''

  it('PR opened: deploys a preview, records a GitHub deployment and comments once it serves', async () => {
    const root = await fixture.app('web-a', 'web v1')
    const r = await step(
      pullRequestEvent('opened', REPO_REF, { number: pr, headSha: sha('a') }),
      web,
      root
    )
    expectOk(r)
    expect(r.outputs.environment).toBe('preview/pr-7')
    expect(r.outputs.status).toBe('success')
    firstPreview = r.outputs['deployment-id']

    const comments = fixture.ourComments(pr)
    expect(comments).toHaveLength(1)
    expect(String(comments[0].id)).toBe(r.outputs['comment-id'])
    expect(comments[0].body).toContain('✅ Ready')
    expect(comments[0].body).toContain(r.outputs.url.replace(/^http:\/\//, '').replace(/\/$/, ''))
    expect(comments[0].body).toContain('`aaaaaaa`')
    expect(comments[0].body).toContain('https://github.com/acme/shop/actions/runs/4242/attempts/1')

    const served = await server.fetchHost(new URL(r.outputs.url).hostname)
    expect(served.text()).toBe('web v1')

    const [deployment] = gh.deployments(OWNER, REPO)
    expect(String(deployment.id)).toBe(r.outputs['github-deployment-id'])
    expect(deployment).toMatchObject({
      environment: 'preview/pr-7',
      transient_environment: true,
      production_environment: false,
      sha: sha('a'),
      payload: {
        subhosting: {
          projectId: web.id,
          deploymentId: firstPreview,
          pullRequest: pr,
          sha: sha('a')
        }
      }
    })
    const states = gh.statuses(deployment.id).map(s => s.state)
    expect(states).toEqual(['in_progress', 'success'])
    expect(gh.statuses(deployment.id)[1]).toMatchObject({
      environment_url: r.outputs.url,
      log_url: 'https://github.com/acme/shop/actions/runs/4242/attempts/1'
    })
  })

  it('another push updates the same comment', async () => {
    const before = fixture.ourComments(pr)[0].id
    const root = await fixture.app('web-b', 'web v2')
    const r = await step(
      pullRequestEvent('synchronize', REPO_REF, { number: pr, headSha: sha('b') }),
      web,
      root
    )
    expectOk(r)
    goodPreview = r.outputs['deployment-id']
    expect(fixture.ourComments(pr).map(c => c.id)).toEqual([before])
    expect(fixture.ourComments(pr)[0].body).toContain('`bbbbbbb`')
    expect(rowsOf(pr)[web.id].previews.map(p => p.deploymentId)).toEqual([
      firstPreview,
      goodPreview
    ])
  })

  it('a failed deploy marks the row failed and keeps the last good URL visible', async () => {
    const root = await fixture.writeApp('web-broken', 'this is not TypeScript (\n')
    const r = await step(
      pullRequestEvent('synchronize', REPO_REF, { number: pr, headSha: sha('c') }),
      web,
      root
    )
    expect(r.code).not.toBe(0)
    const row = rowsOf(pr)[web.id]
    expect(row.state).toBe('failed')
    expect((row.lastGood as { deploymentId: string }).deploymentId).toBe(goodPreview)
    failedPreview = String(row.deploymentId)
    expect(fixture.ourComments(pr)[0].body).toMatch(/❌ Failed.*last good: \[/)
    const failed = gh.deployments(OWNER, REPO).at(-1)!
    expect(failed.payload).toMatchObject({ subhosting: { deploymentId: failedPreview } })
    expect(gh.statuses(failed.id).map(s => s.state)).toEqual(['in_progress', 'failure'])
  })

  it('a second project gets its own row in the same comment', async () => {
    const root = await fixture.app('api-b', 'api v2')
    const r = await step(
      pullRequestEvent('synchronize', REPO_REF, { number: pr, headSha: sha('b') }),
      api,
      root
    )
    expectOk(r)
    expect(fixture.ourComments(pr)).toHaveLength(1)
    expect(Object.keys(rowsOf(pr)).sort()).toEqual([web.id, api.id].sort())
    expect(fixture.ourComments(pr)[0].body).toContain('shop-api')
    expect(fixture.ourComments(pr)[0].body).toContain('shop-web')
  })

  it('PR merged and closed: deletes previews, keeps the head for promotion, marks deployments inactive', async () => {
    const root = await fixture.app('web-b', 'web v2')
    const event = pullRequestEvent('closed', REPO_REF, {
      number: pr,
      headSha: sha('b'),
      merged: true,
      mergeCommitSha: sha('m')
    })
    const r = await step(event, web, root)
    expectOk(r)
    expect(await deploymentExists(firstPreview)).toBe(false)
    expect(await deploymentExists(failedPreview)).toBe(false)
    expect(await deploymentExists(goodPreview)).toBe(true)
    const row = rowsOf(pr)[web.id]
    expect(row.state).toBe('removed')
    expect(fixture.ourComments(pr)[0].body).toContain('🗑️ Removed')
    for (const d of gh.deployments(OWNER, REPO).filter(d => d.environment === 'preview/pr-7')) {
      const mine =
        (d.payload as { subhosting: { projectId: string } }).subhosting.projectId === web.id
      expect(gh.statuses(d.id).at(-1)!.state === 'inactive').toBe(mine)
    }
  })

  it('push to main promotes the previewed tree without rebuilding and serves the domains', async () => {
    gh.setCommitPulls(OWNER, REPO, sha('m'), [
      { number: pr, state: 'closed', merged_at: '2026-01-02T00:00:00Z', head: { sha: sha('b') } }
    ])
    const before = await projectDeploymentCount(web.id)
    const root = await fixture.app('web-b', 'web v2')
    const r = await step(pushEvent(REPO_REF, 'refs/heads/main', sha('m')), web, root, {
      domains: '{project.name}.example.test\nwww.example.test'
    })
    expectOk(r)
    expect(r.outputs['promoted-from']).toBe(goodPreview)
    expect(r.outputs['deployment-id']).toBe(goodPreview)
    expect(r.outputs.environment).toBe('production')
    expect(r.stdout).toContain('without rebuilding')
    expect(await projectDeploymentCount(web.id)).toBe(before)
    expect((await server.fetchHost('shop-web.example.test')).text()).toBe('web v2')
    expect((await server.fetchHost('www.example.test')).text()).toBe('web v2')
    expect(JSON.parse(r.outputs.domains)).toEqual(
      expect.arrayContaining(['shop-web.example.test', 'www.example.test'])
    )
    const production = gh.deployments(OWNER, REPO).at(-1)!
    expect(production).toMatchObject({ environment: 'production', production_environment: true })
    expect(gh.statuses(production.id).map(s => s.state)).toEqual(['in_progress', 'success'])
    expect(gh.statuses(production.id).at(-1)!.environment_url).toContain('shop-web.example.test')
    expect(rowsOf(pr)[web.id].previews.find(p => p.deploymentId === goodPreview)?.promoted).toBe(
      true
    )
  })

  it('closing again never deletes the promoted deployment', async () => {
    const root = await fixture.app('web-b', 'web v2')
    const event = pullRequestEvent('closed', REPO_REF, { number: pr, headSha: sha('b') })
    expectOk(await step(event, web, root))
    expect(await deploymentExists(goodPreview)).toBe(true)
    expect((await server.fetchHost('shop-web.example.test')).text()).toBe('web v2')
  })

  it('the same tree with other env vars is not promoted', async () => {
    const root = await fixture.app('web-b', 'web v2')
    const r = await step(pushEvent(REPO_REF, 'refs/heads/main', sha('m')), web, root, {
      'env-vars': 'MODE=production'
    })
    expectOk(r)
    expect(r.outputs['promoted-from']).toBe('')
    expect(r.outputs['deployment-id']).not.toBe(goodPreview)
    expect(r.stdout).toContain('different settings')
  })

  it('push to main with a different tree deploys afresh; a failed domain fails the step', async () => {
    const root = await fixture.app('web-c', 'web v3')
    const r = await step(pushEvent(REPO_REF, 'refs/heads/main', sha('d')), web, root, {
      domains: '{project.name}.example.test'
    })
    expectOk(r)
    expect(r.outputs['promoted-from']).toBe('')
    expect(r.outputs['deployment-id']).not.toBe(goodPreview)
    expect((await server.fetchHost('shop-web.example.test')).text()).toBe('web v3')

    const bad = await step(pushEvent(REPO_REF, 'refs/heads/main', sha('e')), web, root, {
      domains: 'unregistered.nowhere.test',
      promote: 'false'
    })
    expect(bad.code).not.toBe(0)
    expect(bad.stdout).toContain('unregistered.nowhere.test')
    expect(bad.stdout).toContain('allow-domain-failure')
    const tolerated = await step(pushEvent(REPO_REF, 'refs/heads/main', sha('e')), web, root, {
      domains: 'unregistered.nowhere.test',
      'allow-domain-failure': 'true'
    })
    expectOk(tolerated)
    expect(tolerated.stdout).toContain('::warning::Could not attach 1 domain')
  })
})

describe('forks, permissions and races', () => {
  it('a fork PR is skipped with a notice and does not fail', async () => {
    const root = await fixture.app('web-a', 'web v1')
    const event = pullRequestEvent('opened', REPO_REF, {
      number: 8,
      headSha: sha('f'),
      forkOwner: 'stranger'
    })
    const r = await step(event, web, root, { token: '' })
    expectOk(r)
    expect(r.stdout).toMatch(
      /::notice::Skipped: pull request #8 comes from the fork stranger\/shop/
    )
    expect(gh.comments(OWNER, REPO, 8)).toHaveLength(0)
    expect(gh.requests.filter(q => q.path.includes('/issues/8/'))).toHaveLength(0)
  })

  it('a read-only token deploys anyway and warns with the missing permissions', async () => {
    const root = await fixture.app('web-a', 'web v1')
    const event = pullRequestEvent('opened', REPO_REF, { number: 11, headSha: sha('1') })
    const r = await step(event, web, root, { 'github-token': READ_ONLY_TOKEN })
    expectOk(r)
    expect(r.outputs.status).toBe('success')
    expect(r.stdout).toContain('pull-requests: write')
    expect(r.stdout).toContain('deployments: write')
    expect(gh.comments(OWNER, REPO, 11)).toHaveLength(0)
    // One denied call per kind: the run does not keep hammering a forbidden endpoint.
    const posts = gh.requests.filter(
      q => q.method === 'POST' && q.path.endsWith('/issues/11/comments')
    )
    expect(posts).toHaveLength(1)
  })

  it('two racing runs leave exactly one comment with both rows', async () => {
    gh.barrier('POST', /\/issues\/9\/comments$/, 2)
    const [webRoot, apiRoot] = await Promise.all([
      fixture.app('web-a', 'web v1'),
      fixture.app('api-b', 'api v2')
    ])
    const event = pullRequestEvent('opened', REPO_REF, { number: 9, headSha: sha('9') })
    const [a, b] = await Promise.all([step(event, web, webRoot), step(event, api, apiRoot)])
    expectOk(a)
    expectOk(b)
    const creates = gh.requests.filter(
      q => q.method === 'POST' && q.path.endsWith('/issues/9/comments')
    )
    expect(creates).toHaveLength(2)
    expect(fixture.ourComments(9)).toHaveLength(1)
    expect(Object.keys(rowsOf(9)).sort()).toEqual([web.id, api.id].sort())
    expect(a.outputs['comment-id']).toBe(String(fixture.ourComments(9)[0].id))
    expect(b.outputs['comment-id']).toBe(String(fixture.ourComments(9)[0].id))
  })

  it('PR closed without merging deletes every preview of the project and marks it removed', async () => {
    const previews = rowsOf(9)[api.id].previews.map(p => p.deploymentId)
    expect(previews).toHaveLength(1)
    const root = await fixture.app('api-b', 'api v2')
    const r = await step(
      pullRequestEvent('closed', REPO_REF, { number: 9, headSha: sha('9') }),
      api,
      root
    )
    expectOk(r)
    expect(r.outputs.environment).toBe('preview/pr-9')
    expect(await deploymentExists(previews[0])).toBe(false)
    expect(rowsOf(9)[api.id].state).toBe('removed')
    expect(rowsOf(9)[web.id].state).toBe('ready')
    const apiDeployments = gh
      .deployments(OWNER, REPO)
      .filter(d => d.environment === 'preview/pr-9')
      .filter(
        d => (d.payload as { subhosting: { projectId: string } }).subhosting.projectId === api.id
      )
    expect(apiDeployments).toHaveLength(1)
    expect(gh.statuses(apiDeployments[0].id).at(-1)!.state).toBe('inactive')
    expect(r.summary).toContain('Cleanup of pull request #9')
  })

  it('without a comment, cleanup finds the previews through the GitHub deployments', async () => {
    const root = await fixture.app('web-a', 'web v1')
    const opened = await step(
      pullRequestEvent('opened', REPO_REF, { number: 14, headSha: sha('6') }),
      web,
      root,
      { comment: 'false' }
    )
    expectOk(opened)
    expect(gh.comments(OWNER, REPO, 14)).toHaveLength(0)
    const id = opened.outputs['deployment-id']
    // A deployment only the payload names (no status describes it): cleanup must find it there.
    const onlyInPayload = await redeploy(id)
    await recordGitHubDeployment('preview/pr-14', {
      projectId: web.id,
      deploymentId: onlyInPayload,
      pullRequest: 14,
      sha: sha('6')
    })
    const closed = await step(
      pullRequestEvent('closed', REPO_REF, { number: 14, headSha: sha('6') }),
      web,
      root,
      { comment: 'false' }
    )
    expectOk(closed)
    expect(await deploymentExists(id)).toBe(false)
    expect(await deploymentExists(onlyInPayload)).toBe(false)
    const [ghDeployment] = gh
      .deployments(OWNER, REPO)
      .filter(d => d.environment === 'preview/pr-14')
    expect(gh.statuses(ghDeployment.id).map(s => s.state)).toEqual([
      'in_progress',
      'success',
      'inactive'
    ])
  })

  it('a dry run touches neither GitHub nor the platform and says what it would do', async () => {
    const before = await projectDeploymentCount(web.id)
    const requests = gh.requests.length
    const root = await fixture.app('web-a', 'web v1')
    const event = pullRequestEvent('opened', REPO_REF, { number: 15, headSha: sha('7') })
    const r = await step(event, web, root, { 'dry-run': 'true' })
    expectOk(r)
    expect(r.stdout).toContain(
      'Dry run: this run would deploy a preview of pull request #15 (GitHub environment preview/pr-15).'
    )
    expect(gh.requests.length).toBe(requests)
    expect(await projectDeploymentCount(web.id)).toBe(before)
  })

  it('a Dependabot run without the token secret is skipped with a notice', async () => {
    const root = await fixture.app('web-a', 'web v1')
    const event = pullRequestEvent('opened', REPO_REF, { number: 13, headSha: sha('5') })
    const r = await step(event, web, root, { token: '' }, 'dependabot[bot]')
    expectOk(r)
    expect(r.stdout).toContain('::notice::Skipped: Dependabot runs only receive Dependabot secrets')
    expect(gh.comments(OWNER, REPO, 13)).toHaveLength(0)
  })

  it('never writes a token into logs, outputs, summaries or comments', async () => {
    const results = await Promise.all(runs)
    expect(results.length).toBeGreaterThan(10)
    const everything = [
      ...results.map(r =>
        [visibleLog(r.stdout), r.stderr, JSON.stringify(r.outputs), r.summary].join('\n')
      ),
      ...gh.requests.map(q => JSON.stringify(q.body ?? '')),
      ...['7', '9', '10', '12'].flatMap(n => gh.comments(OWNER, REPO, Number(n)).map(c => c.body))
    ].join('\n')
    expect(everything).not.toContain(server.token)
    expect(everything).not.toContain(WRITE_TOKEN)
  })

  it('a PR with 150 older comments still ends with one comment', async () => {
    const others = Array.from({ length: 150 }, (_, n) => `comment ${n} <!-- subhosting-deploy -->`)
    gh.seedComments(OWNER, REPO, 10, others)
    const root = await fixture.app('web-a', 'web v1')
    for (const head of ['2', '3']) {
      const event = pullRequestEvent('synchronize', REPO_REF, { number: 10, headSha: sha(head) })
      expectOk(await step(event, web, root))
    }
    const ours = fixture.ourComments(10).filter(c => c.user.login === GITHUB_ACTIONS_BOT.login)
    expect(ours).toHaveLength(1)
    expect(ours[0].body).toContain('`3333333`')
    const pages = gh.requests.filter(
      q => q.method === 'GET' && q.path.endsWith('/issues/10/comments')
    )
    expect(pages.some(q => q.query.page === '2')).toBe(true)
  })

  it('workflow_run (fork-safe second phase) comments on the PR named by the first phase', async () => {
    gh.setPull(OWNER, REPO, { number: 12, head: { sha: sha('4') } })
    const root = await fixture.app('web-a', 'web v1')
    const event = workflowRunEvent(REPO_REF, {
      headSha: sha('4'),
      pullRequests: [],
      headOwner: 'stranger'
    })
    const r = await step(event, web, root, { 'pull-request': '12' })
    expectOk(r)
    expect(r.outputs.environment).toBe('preview/pr-12')
    expect(fixture.ourComments(12)).toHaveLength(1)
    expect(fixture.ourComments(12)[0].body).toContain('`4444444`')
    // The default description follows the PR head, not GITHUB_SHA (the default branch's head).
    expect(JSON.parse(r.outputs.result).description).toMatch(/^PR #12 · 4444444 \[deploy /)

    const lying = await step(event, web, root, { 'pull-request': '7' })
    expectOk(lying)
    expect(lying.stdout).toContain('Not commenting on pull request #7')
  })
})
