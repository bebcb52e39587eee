/**
 * The sticky comment against the GitHub double, in-process: who "we" are for each kind of
 * token, convergence of racing creators, and many projects writing their rows at once.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { MARKER, parseCommentData, type CommentData } from '../src/lifecycle/comment-body.js'
import { GitHubApi } from '../src/lifecycle/github-api.js'
import { rowUpdate } from '../src/lifecycle/session.js'
import { StickyComment } from '../src/lifecycle/sticky-comment.js'
import {
  GITHUB_ACTIONS_BOT,
  startGitHubDouble,
  type GitHubDouble
} from '../testing/github-double.js'

const OWNER = 'acme'
const REPO = 'mono'
let gh: GitHubDouble

const noPause = (_ms: number) => Promise.resolve()

function sticky(token: string, pr: number, pause = noPause) {
  return new StickyComment(new GitHubApi(token, gh.url, OWNER, REPO), pr, pause)
}

function row(projectId: string, at = new Date().toISOString()) {
  return rowUpdate(
    {
      projectId,
      projectName: projectId,
      runUrl: 'https://github.com/acme/mono/actions/runs/1',
      updatedAt: at
    },
    {
      state: 'ready',
      sha: 'a'.repeat(40),
      deploymentId: `dep${projectId}`,
      url: `https://${projectId}.example.dev/`,
      note: null,
      previews: [
        {
          deploymentId: `dep${projectId}`,
          sha: 'a'.repeat(40),
          digest: 'd',
          url: `https://${projectId}.example.dev/`,
          createdAt: at
        }
      ]
    }
  )
}

const ours = (pr: number, login: string) =>
  gh.comments(OWNER, REPO, pr).filter(c => c.user.login === login && c.body.includes(MARKER))
const dataOf = (body: string) => parseCommentData(body) as CommentData

beforeAll(async () => {
  gh = await startGitHubDouble()
  gh.addRepo(OWNER, REPO)
  gh.addToken('ghs_actions', {
    user: GITHUB_ACTIONS_BOT,
    canReadUser: false,
    write: ['pull-requests', 'issues']
  })
  gh.addToken('ghp_personal', {
    user: { login: 'release-bot-user', id: 77, type: 'User' },
    canReadUser: true,
    write: ['pull-requests', 'issues']
  })
  gh.addToken('ghs_app', {
    user: { login: 'deployer-app[bot]', id: 99, type: 'Bot' },
    canReadUser: false,
    write: ['pull-requests', 'issues']
  })
})

afterAll(() => gh.stop())

describe('sticky comment', () => {
  it('a personal token finds its comment by its own login, not by the marker alone', async () => {
    gh.seedComments(OWNER, REPO, 1, [`${MARKER} pasted by a human`])
    await sticky('ghp_personal', 1).write(row('web'))
    await sticky('ghp_personal', 1).write(row('api'))
    expect(ours(1, 'release-bot-user')).toHaveLength(1)
    expect(Object.keys(dataOf(ours(1, 'release-bot-user')[0].body).rows).sort()).toEqual([
      'api',
      'web'
    ])
    expect(gh.comments(OWNER, REPO, 1)[0].body).toBe(`${MARKER} pasted by a human`)
  })

  it('a GitHub App token converges on its older comment although GET /user is denied', async () => {
    gh.seedComments(OWNER, REPO, 2, ['hello'])
    await sticky('ghs_app', 2).write(row('web', '2026-01-01T00:00:00.000Z'))
    const first = ours(2, 'deployer-app[bot]')
    expect(first).toHaveLength(1)
    // A new run guesses github-actions[bot], creates, learns its login and merges into the oldest.
    await sticky('ghs_app', 2).write(row('api'))
    const after = ours(2, 'deployer-app[bot]')
    expect(after.map(c => c.id)).toEqual([first[0].id])
    expect(Object.keys(dataOf(after[0].body).rows).sort()).toEqual(['api', 'web'])
  })

  it('five projects writing at once all keep their rows in one comment', async () => {
    gh.barrier('POST', /\/issues\/3\/comments$/, 5)
    const pause = (ms: number) => new Promise<void>(resolve => setTimeout(resolve, ms / 5))
    const projects = ['p1', 'p2', 'p3', 'p4', 'p5']
    await Promise.all(projects.map(p => sticky('ghs_actions', 3, pause).write(row(p))))
    const comments = ours(3, GITHUB_ACTIONS_BOT.login)
    expect(comments).toHaveLength(1)
    expect(Object.keys(dataOf(comments[0].body).rows).sort()).toEqual(projects)
  })

  it("concurrent updates of an existing comment never drop another project's row", async () => {
    await sticky('ghs_actions', 5).write(row('base'))
    const pause = (ms: number) => new Promise<void>(resolve => setTimeout(resolve, ms / 5))
    const projects = ['q1', 'q2', 'q3', 'q4', 'q5', 'q6']
    await Promise.all(projects.map(p => sticky('ghs_actions', 5, pause).write(row(p))))
    const comments = ours(5, GITHUB_ACTIONS_BOT.login)
    expect(comments).toHaveLength(1)
    expect(Object.keys(dataOf(comments[0].body).rows).sort()).toEqual(['base', ...projects])
  })

  it('reads across pages and returns null when there is no comment', async () => {
    gh.seedComments(
      OWNER,
      REPO,
      4,
      Array.from({ length: 120 }, (_, i) => `noise ${i}`)
    )
    expect(await sticky('ghs_actions', 4).read()).toBeNull()
    await sticky('ghs_actions', 4).write(row('web'))
    const found = await sticky('ghs_actions', 4).read()
    expect(found?.ref.id).toBe(ours(4, GITHUB_ACTIONS_BOT.login)[0].id)
    expect(Object.keys(found!.data.rows)).toEqual(['web'])
  })
})
