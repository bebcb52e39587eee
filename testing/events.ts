/**
 * Event payloads for lifecycle tests, taken from GitHub's real webhook examples
 * (@octokit/webhooks-examples) and adapted to the test's repository, PR number and commits.
 */
import { createRequire } from 'node:module'

const require = createRequire(import.meta.url)

interface Definition {
  name: string
  examples: Record<string, unknown>[]
}

const definitions = require('@octokit/webhooks-examples/api.github.com/index.json') as Definition[]

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Payload = Record<string, any>

export interface RepoRef {
  owner: string
  repo: string
  id?: number
  defaultBranch?: string
}

export interface TestEvent {
  eventName: string
  payload: Payload
}

function example(name: string, pick: (p: Payload) => boolean): Payload {
  const def = definitions.find(d => d.name === name)
  const found = def?.examples.find(e => pick(e as Payload))
  if (!found) throw new Error(`no ${name} example in @octokit/webhooks-examples matches`)
  return structuredClone(found) as Payload
}

function adaptRepository(target: Payload, r: RepoRef) {
  target.id = r.id ?? 4242
  target.name = r.repo
  target.full_name = `${r.owner}/${r.repo}`
  target.owner = { ...target.owner, login: r.owner }
  target.default_branch = r.defaultBranch ?? 'main'
  target.master_branch = r.defaultBranch ?? 'main'
  target.url = `https://api.github.com/repos/${r.owner}/${r.repo}`
  target.html_url = `https://github.com/${r.owner}/${r.repo}`
}

export interface PullRequestOptions {
  number: number
  headSha: string
  headRef?: string
  baseRef?: string
  /** The head repository is a fork with this owner. */
  forkOwner?: string
  merged?: boolean
  mergeCommitSha?: string
  sender?: string
  eventName?: 'pull_request' | 'pull_request_target'
}

/** A pull_request event (opened, synchronize, reopened, closed) for `r`. */
export function pullRequestEvent(
  action: 'opened' | 'synchronize' | 'reopened' | 'closed',
  r: RepoRef,
  o: PullRequestOptions
): TestEvent {
  const payload = example('pull_request', p => p.action === action)
  adaptRepository(payload.repository, r)
  const pr = payload.pull_request
  pr.number = o.number
  payload.number = o.number
  pr.state = action === 'closed' ? 'closed' : 'open'
  pr.merged = Boolean(o.merged)
  pr.merge_commit_sha = o.mergeCommitSha ?? null
  adaptRepository(pr.base.repo, r)
  pr.base.ref = o.baseRef ?? r.defaultBranch ?? 'main'
  pr.head.sha = o.headSha
  pr.head.ref = o.headRef ?? 'feature'
  if (o.forkOwner) {
    adaptRepository(pr.head.repo, { owner: o.forkOwner, repo: r.repo, id: (r.id ?? 4242) + 1 })
    pr.head.repo.fork = true
    pr.head.label = `${o.forkOwner}:${pr.head.ref}`
  } else {
    adaptRepository(pr.head.repo, r)
  }
  if (o.sender) payload.sender = { ...payload.sender, login: o.sender, type: 'Bot' }
  return { eventName: o.eventName ?? 'pull_request', payload }
}

/** A push of `after` to `ref` (e.g. refs/heads/main). */
export function pushEvent(r: RepoRef, ref: string, after: string): TestEvent {
  const payload = example('push', p => String(p.ref).startsWith('refs/heads/') && !p.deleted)
  adaptRepository(payload.repository, r)
  payload.ref = ref
  payload.after = after
  if (payload.head_commit) payload.head_commit.id = after
  return { eventName: 'push', payload }
}

/** A completed workflow_run of a pull_request workflow, as the fork-safe second phase sees it. */
export function workflowRunEvent(
  r: RepoRef,
  o: {
    headSha: string
    pullRequests: { number: number }[]
    conclusion?: string
    headOwner?: string
  }
): TestEvent {
  const payload = example('workflow_run', p => p.action === 'completed')
  adaptRepository(payload.repository, r)
  const run = payload.workflow_run
  run.event = 'pull_request'
  run.conclusion = o.conclusion ?? 'success'
  run.head_sha = o.headSha
  run.pull_requests = o.pullRequests.map(p => ({
    number: p.number,
    head: { sha: o.headSha, ref: 'feature', repo: { id: r.id ?? 4242, name: r.repo } },
    base: { ref: r.defaultBranch ?? 'main', sha: '0'.repeat(40), repo: { id: r.id ?? 4242 } }
  }))
  adaptRepository(run.repository, r)
  adaptRepository(run.head_repository, {
    owner: o.headOwner ?? r.owner,
    repo: r.repo,
    id: o.headOwner ? (r.id ?? 4242) + 1 : r.id
  })
  return { eventName: 'workflow_run', payload }
}

export function workflowDispatchEvent(r: RepoRef, ref: string): TestEvent {
  const payload = example('workflow_dispatch', () => true)
  adaptRepository(payload.repository, r)
  payload.ref = ref
  return { eventName: 'workflow_dispatch', payload }
}
