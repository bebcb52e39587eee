/**
 * The lifecycle's pure parts: which mode an event means, the lifecycle inputs, and the sticky
 * comment's rows (rendering, parsing, merging concurrent copies).
 */
import { describe, expect, it } from '@jest/globals'
import { getRunContext } from '../src/action/input-helper.js'
import { InputError } from '../src/core/settings/input-error.js'
import { defaultDescription } from '../src/core/settings/inputs.js'
import { deployTarget } from '../src/action/lifecycle-runner.js'
import {
  MARKER,
  emptyData,
  mergeData,
  parseCommentData,
  renderComment
} from '../src/lifecycle/comment-body.js'
import { parseLifecycleInputs } from '../src/lifecycle/inputs.js'
import { previewEnvironment, resolveIntent } from '../src/lifecycle/intent.js'
import type { RunInfo } from '../src/lifecycle/run-info.js'
import { rowUpdate } from '../src/lifecycle/session.js'
import {
  pullRequestEvent,
  pushEvent,
  workflowDispatchEvent,
  workflowRunEvent,
  type TestEvent
} from '../testing/events.js'

const REPO = { owner: 'acme', repo: 'shop', defaultBranch: 'main' }
const sha = (c: string) => c.repeat(40)

function runOf(event: TestEvent, ref = ''): RunInfo {
  return {
    eventName: event.eventName,
    payload: event.payload,
    owner: 'acme',
    repo: 'shop',
    // What the runner sets: the pushed commit for push events.
    sha: String(event.payload.after ?? sha('0')),
    ref: ref || String(event.payload.ref ?? ''),
    actor: 'octocat',
    runUrl: 'https://github.com/acme/shop/actions/runs/1',
    apiUrl: 'https://api.github.com'
  }
}

const inputs = (raw: Record<string, string> = {}) => parseLifecycleInputs(raw)

describe('intent from the event', () => {
  it('pull_request opened, synchronize and reopened deploy a preview of the head', () => {
    for (const action of ['opened', 'synchronize', 'reopened'] as const) {
      const event = pullRequestEvent(action, REPO, { number: 5, headSha: sha('a') })
      expect(resolveIntent(runOf(event), inputs())).toMatchObject({
        kind: 'preview',
        pr: { number: 5, headSha: sha('a') },
        sha: sha('a'),
        environment: 'preview/pr-5'
      })
    }
  })

  it('pull_request closed cleans up, keeping the head for promotion only when merged into production', () => {
    const merged = pullRequestEvent('closed', REPO, { number: 5, headSha: sha('a'), merged: true })
    expect(resolveIntent(runOf(merged), inputs())).toMatchObject({
      kind: 'cleanup',
      keepHeadForPromotion: true
    })
    const elsewhere = pullRequestEvent('closed', REPO, {
      number: 5,
      headSha: sha('a'),
      merged: true,
      baseRef: 'develop'
    })
    expect(resolveIntent(runOf(elsewhere), inputs())).toMatchObject({
      kind: 'cleanup',
      keepHeadForPromotion: false
    })
  })

  it('other pull_request actions skip with a reason', () => {
    const event = pullRequestEvent('opened', REPO, { number: 5, headSha: sha('a') })
    event.payload.action = 'labeled'
    expect(resolveIntent(runOf(event), inputs())).toMatchObject({
      kind: 'skip',
      reason: expect.stringContaining('"labeled"')
    })
  })

  it('fork PRs skip on pull_request but run on pull_request_target', () => {
    const fork = { number: 5, headSha: sha('a'), forkOwner: 'stranger' }
    const plain = pullRequestEvent('opened', REPO, fork)
    expect(resolveIntent(runOf(plain), inputs())).toMatchObject({
      kind: 'skip',
      reason: expect.stringContaining('fork stranger/shop')
    })
    const target = pullRequestEvent('closed', REPO, { ...fork, eventName: 'pull_request_target' })
    expect(resolveIntent(runOf(target), inputs())).toMatchObject({ kind: 'cleanup' })
  })

  it('push to the production branch deploys production; other branches get a branch preview', () => {
    expect(resolveIntent(runOf(pushEvent(REPO, 'refs/heads/main', sha('b'))), inputs())).toEqual({
      kind: 'production',
      sha: sha('b'),
      branch: 'main',
      environment: 'production'
    })
    const release = inputs({ 'production-branch': 'release' })
    expect(
      resolveIntent(runOf(pushEvent(REPO, 'refs/heads/main', sha('b'))), release)
    ).toMatchObject({
      kind: 'preview',
      pr: null,
      environment: 'preview/main'
    })
    expect(resolveIntent(runOf(pushEvent(REPO, 'refs/tags/v1', sha('b'))), inputs())).toMatchObject(
      {
        kind: 'skip'
      }
    )
  })

  it('workflow_dispatch follows the mode input', () => {
    const event = workflowDispatchEvent(REPO, 'refs/heads/feature')
    expect(resolveIntent(runOf(event), inputs())).toMatchObject({
      kind: 'preview',
      branch: 'feature'
    })
    expect(resolveIntent(runOf(event), inputs({ mode: 'production' }))).toMatchObject({
      kind: 'production'
    })
    expect(() => resolveIntent(runOf(event), inputs({ mode: 'cleanup' }))).toThrow(
      /"cleanup" needs a pull request/
    )
    expect(
      resolveIntent(runOf(event), inputs({ mode: 'cleanup', 'pull-request': '9' }))
    ).toMatchObject({ kind: 'cleanup', pr: { number: 9 } })
  })

  it('workflow_run takes the PR and head from the payload, or a verified pull-request input', () => {
    const listed = workflowRunEvent(REPO, { headSha: sha('c'), pullRequests: [{ number: 3 }] })
    expect(resolveIntent(runOf(listed), inputs())).toMatchObject({
      kind: 'preview',
      pr: { number: 3, headSha: sha('c') },
      verifyPr: false
    })
    const fork = workflowRunEvent(REPO, { headSha: sha('c'), pullRequests: [], headOwner: 'x' })
    expect(resolveIntent(runOf(fork), inputs({ 'pull-request': '4' }))).toMatchObject({
      pr: { number: 4 },
      verifyPr: true
    })
    const failed = workflowRunEvent(REPO, {
      headSha: sha('c'),
      pullRequests: [],
      conclusion: 'failure'
    })
    expect(resolveIntent(runOf(failed), inputs())).toMatchObject({ kind: 'skip' })
  })

  it('workflow_run deploys and describes the PR head, never GITHUB_SHA', () => {
    const describeRun = (event: TestEvent, raw: Record<string, string> = {}) => {
      // GITHUB_SHA of a workflow_run is the default branch's head, not the PR's.
      const run = { ...runOf(event, 'refs/heads/main'), sha: sha('d') }
      const intent = resolveIntent(run, inputs(raw))
      if (intent.kind === 'skip') throw new Error(intent.reason)
      const target = deployTarget(intent)
      const github = { eventName: run.eventName, sha: run.sha, ref: run.ref, payload: run.payload }
      const context = getRunContext(github, {}, target)
      return { target, context, description: defaultDescription(context) }
    }
    const listed = workflowRunEvent(REPO, { headSha: sha('c'), pullRequests: [{ number: 3 }] })
    expect(describeRun(listed)).toMatchObject({
      target: { sha: sha('c'), prNumber: 3 },
      context: { sha: sha('c'), prNumber: 3 },
      description: 'PR #3 · ccccccc'
    })
    const fork = workflowRunEvent(REPO, { headSha: sha('c'), pullRequests: [], headOwner: 'x' })
    expect(describeRun(fork, { 'pull-request': '4' }).description).toBe('PR #4 · ccccccc')
    const branch = fork.payload.workflow_run.head_branch as string
    expect(describeRun(fork).description).toBe(`${branch} · ccccccc`)
  })

  it('preview environment templates', () => {
    expect(previewEnvironment('preview/pr-{pr}', 4, 'feat')).toBe('preview/pr-4')
    expect(previewEnvironment('preview/pr-{pr}', null, 'feat')).toBe('preview/feat')
    expect(previewEnvironment('api/{branch}', null, 'feat')).toBe('api/feat')
  })
})

describe('lifecycle inputs', () => {
  it('has defaults', () => {
    expect(inputs()).toEqual({
      mode: 'auto',
      productionBranch: null,
      comment: true,
      githubToken: '',
      githubDeployments: true,
      domains: [],
      allowDomainFailure: false,
      previewEnvironment: 'preview/pr-{pr}',
      productionEnvironment: 'production',
      pullRequest: null,
      promote: true,
      maxPreviews: null,
      previewTtlMs: null
    })
  })

  it('reports every bad value with the input name and the fix', () => {
    let error: unknown
    try {
      inputs({
        mode: 'staging',
        comment: 'maybe',
        domains: 'ok.example.com, bad domain',
        'pull-request': '#4'
      })
    } catch (e) {
      error = e
    }
    expect(error).toBeInstanceOf(InputError)
    const message = (error as Error).message
    expect(message).toContain(
      'Input "mode": "staging" is not a mode; use one of auto, preview, production, cleanup'
    )
    expect(message).toContain('Input "comment": "maybe" is not a boolean. Use true or false')
    expect(message).toContain('Input "domains": "bad domain" is not a domain name')
    expect(message).toContain('Input "pull-request": "#4" is not a pull request number')
  })

  it('splits domains on newlines and commas', () => {
    expect(
      inputs({ domains: '{project.name}.example.com\nwww.example.com, a.example.com' }).domains
    ).toEqual(['{project.name}.example.com', 'www.example.com', 'a.example.com'])
  })
})

describe('sticky comment rows', () => {
  const base = (projectId: string, updatedAt: string) => ({
    projectId,
    projectName: projectId,
    runUrl: 'https://github.com/acme/shop/actions/runs/1',
    updatedAt
  })
  const ready = (id: string, at: string) =>
    rowUpdate(base('web', at), {
      state: 'ready',
      sha: sha('a'),
      deploymentId: id,
      url: `https://web-${id}.example.dev/`,
      note: null,
      previews: [
        {
          deploymentId: id,
          sha: sha('a'),
          digest: 'd1',
          url: `https://web-${id}.example.dev/`,
          createdAt: at
        }
      ]
    })

  it('shows hostile values as text: no markup, no HTML, no mention, no broken table', () => {
    const hostile = rowUpdate(
      {
        ...base('web', '2026-01-01T00:00:00.000Z'),
        projectName: '@octocat <img src=x> **b** | [x](y)'
      },
      {
        state: 'failed',
        sha: sha('a'),
        deploymentId: 'x`) ![i](http://e/i.png)',
        url: null,
        note: 'see ](javascript:alert(1))'
      }
    )(emptyData())
    const table = renderComment(hostile)
      .split('\n')
      .find(line => line.startsWith('| web') || line.includes('octocat'))!
    expect(table).not.toMatch(/<img|@octocat|(?<!\\)\*\*b|(?<!\\)!(?<!\\)\[i|(?<!\\)\]\(javascript/)
    expect(table).toContain('see \\](javascript:alert(1))')
    expect(table).toContain('x\\`) \\!\\[i\\](http://e/i.png)')
    expect(table).toContain('@&#8203;octocat &lt;img src=x&gt; \\*\\*b\\*\\* \\| \\[x\\](y)')
    expect(table.split(' | ')).toHaveLength(7)
  })

  it('round-trips through the comment body, even with --> in values', () => {
    const data = rowUpdate(base('web', '2026-01-01T00:00:00.000Z'), {
      state: 'failed',
      sha: sha('a'),
      deploymentId: null,
      url: null,
      note: 'odd --> note <b>',
      previews: []
    })(emptyData())
    const body = renderComment(data)
    expect(body.startsWith(MARKER)).toBe(true)
    expect(body.match(/-->/g)).toHaveLength(2)
    expect(parseCommentData(body)).toEqual(data)
  })

  it('keeps the last good URL visible when a later deploy fails', () => {
    let data = ready('one', '2026-01-01T00:00:00.000Z')(emptyData())
    const failed = rowUpdate(base('web', '2026-01-01T00:01:00.000Z'), {
      state: 'failed',
      sha: sha('b'),
      deploymentId: 'two',
      url: null,
      note: 'build failed',
      previews: []
    })
    data = failed(data)
    expect(data.rows.web.lastGood).toEqual({
      url: 'https://web-one.example.dev/',
      deploymentId: 'one',
      sha: sha('a')
    })
    expect(failed(data)).toEqual(data)
    expect(renderComment(data)).toContain(
      'last good: [web-one.example.dev](https://web-one.example.dev/)'
    )
  })

  it('merges copies: newest row per project wins, preview records are united', () => {
    const a = ready('one', '2026-01-01T00:00:00.000Z')(emptyData())
    const b = ready('two', '2026-01-01T00:05:00.000Z')(emptyData())
    const other = rowUpdate(base('api', '2026-01-01T00:01:00.000Z'), {
      state: 'building',
      sha: sha('c'),
      deploymentId: null,
      url: null,
      note: null
    })(emptyData())
    const merged = mergeData(a, other, b)
    expect(Object.keys(merged.rows).sort()).toEqual(['api', 'web'])
    expect(merged.rows.web.deploymentId).toBe('two')
    expect(merged.rows.web.previews.map(p => p.deploymentId)).toEqual(['one', 'two'])
  })
})
