/**
 * What this run should do, decided from the event (or the `mode` input): deploy a preview,
 * deploy production, clean a closed pull request up, or skip with a reason the user can act on.
 */
import { InputError } from '../core/settings/input-error.js'
import type { LifecycleInputs } from './inputs.js'
import type { EventPayload, RunInfo } from './run-info.js'

export interface PullRequestRef {
  number: number
  headSha: string
  /** Branch the PR merges into; null when the event does not say (workflow_run). */
  baseRef: string | null
  merged: boolean
}

export type Intent =
  | { kind: 'skip'; reason: string }
  | {
      kind: 'preview'
      /** null for a branch preview (push to a non-production branch, dispatch, ...). */
      pr: PullRequestRef | null
      sha: string
      branch: string | null
      environment: string
      /** The PR number came from the `pull-request` input and must be checked against the head. */
      verifyPr: boolean
    }
  | { kind: 'production'; sha: string; branch: string | null; environment: string }
  | {
      kind: 'cleanup'
      pr: PullRequestRef
      environment: string
      /** The PR merged into the production branch: its last preview may still be promoted. */
      keepHeadForPromotion: boolean
    }
  /** Scheduled clean-up of every preview of closed PRs or past preview-ttl (mode: janitor). */
  | { kind: 'janitor'; environment: string }

const PREVIEW_ACTIONS = ['opened', 'synchronize', 'reopened']
const PR_EVENTS = ['pull_request', 'pull_request_target']

/** GitHub ends its name with [bot]; runs it triggers get a read-only token and no secrets. */
export const DEPENDABOT = 'dependabot[bot]'

export function resolveIntent(run: RunInfo, inputs: LifecycleInputs): Intent {
  if (inputs.mode === 'janitor') return { kind: 'janitor', environment: '' }
  const make = intentMaker(run, inputs)
  if (PR_EVENTS.includes(run.eventName) && run.payload.pull_request)
    return fromPullRequest(run, inputs, make)
  if (run.eventName === 'workflow_run' && run.payload.workflow_run)
    return fromWorkflowRun(run, inputs, make)
  return fromRef(run, inputs, make)
}

type IntentMaker = ReturnType<typeof intentMaker>

/** Builds each intent kind in one place, from the inputs and the production branch. */
function intentMaker(run: RunInfo, inputs: LifecycleInputs) {
  const repo = run.payload.repository
  const productionBranch =
    inputs.productionBranch ?? repo?.default_branch ?? repo?.master_branch ?? 'main'
  return {
    productionBranch,
    preview: (
      pr: PullRequestRef | null,
      sha: string,
      branch: string | null,
      verifyPr: boolean
    ): Intent => ({
      kind: 'preview',
      pr,
      sha,
      branch,
      environment: previewEnvironment(inputs.previewEnvironment, pr?.number ?? null, branch),
      verifyPr
    }),
    production: (sha: string, branch: string | null): Intent => ({
      kind: 'production',
      sha,
      branch,
      environment: inputs.productionEnvironment
    }),
    cleanup: (pr: PullRequestRef, keepHeadForPromotion: boolean): Intent => ({
      kind: 'cleanup',
      pr,
      environment: previewEnvironment(inputs.previewEnvironment, pr.number, null),
      keepHeadForPromotion
    })
  }
}

/** pull_request(_target): opened/synchronize/reopened preview, closed cleans up; forks skip. */
function fromPullRequest(run: RunInfo, inputs: LifecycleInputs, make: IntentMaker): Intent {
  const p = run.payload
  const pr = pullRequestOf(p)
  const action = String(p.action ?? '')
  if (inputs.mode === 'production') return make.production(pr.headSha, null)
  const kind =
    inputs.mode === 'cleanup' || inputs.mode === 'preview'
      ? inputs.mode
      : action === 'closed'
        ? 'cleanup'
        : PREVIEW_ACTIONS.includes(action)
          ? 'preview'
          : null
  if (!kind) {
    return {
      kind: 'skip',
      reason:
        `Nothing to do for pull_request action "${action}": previews follow opened, ` +
        'synchronize and reopened; cleanup follows closed.'
    }
  }
  if (isFork(p) && run.eventName === 'pull_request') {
    return {
      kind: 'skip',
      reason:
        `Skipped: pull request #${pr.number} comes from the fork ` +
        `${p.pull_request.head?.repo?.full_name ?? '(deleted)'}. GitHub gives pull_request runs ` +
        'from forks no secrets and a read-only token. Deploy fork PRs with the two-phase ' +
        'workflow_run pattern (docs/workflows.md).'
    }
  }
  if (kind === 'cleanup') return make.cleanup(pr, pr.merged && pr.baseRef === make.productionBranch)
  return make.preview(pr, pr.headSha, p.pull_request.head?.ref ?? null, false)
}

/** The fork-safe second phase: the triggering run's head, and its PR (or the input's). */
function fromWorkflowRun(run: RunInfo, inputs: LifecycleInputs, make: IntentMaker): Intent {
  const wr = run.payload.workflow_run
  if (wr.conclusion && wr.conclusion !== 'success') {
    return {
      kind: 'skip',
      reason: `Skipped: the triggering run "${wr.name ?? wr.id}" ended ${wr.conclusion}, not success.`
    }
  }
  const sha = String(wr.head_sha ?? run.sha)
  const listed = (wr.pull_requests ?? [])[0]
  const number = inputs.pullRequest ?? (listed ? Number(listed.number) : null)
  const branch = wr.head_branch ?? null
  const pr: PullRequestRef | null = number
    ? { number, headSha: sha, baseRef: listed?.base?.ref ?? null, merged: false }
    : null
  if (inputs.mode === 'cleanup') {
    if (!pr) throw missingPr()
    return make.cleanup(pr, false)
  }
  const pushedProduction =
    inputs.mode === 'auto' && !pr && wr.event === 'push' && branch === make.productionBranch
  if (inputs.mode === 'production' || pushedProduction) return make.production(sha, branch)
  return make.preview(pr, sha, branch, inputs.pullRequest !== null)
}

/** push, workflow_dispatch and anything else: the ref decides. */
function fromRef(run: RunInfo, inputs: LifecycleInputs, make: IntentMaker): Intent {
  const p = run.payload
  const sha = String(run.sha || p.after || '')
  const ref = String(run.eventName === 'push' ? (p.ref ?? run.ref) : run.ref)
  const branch = ref.startsWith('refs/heads/') ? ref.slice('refs/heads/'.length) : null
  if (run.eventName === 'push' && p.deleted) {
    return { kind: 'skip', reason: `Nothing to deploy: the push deleted ${ref}.` }
  }
  const pr: PullRequestRef | null = inputs.pullRequest
    ? { number: inputs.pullRequest, headSha: sha, baseRef: null, merged: false }
    : null
  switch (inputs.mode) {
    case 'cleanup':
      if (!pr) throw missingPr()
      return make.cleanup(pr, false)
    case 'production':
      return make.production(sha, branch)
    case 'preview':
      return make.preview(pr, sha, branch, !!pr)
  }
  if (!branch) {
    return {
      kind: 'skip',
      reason: `Nothing to deploy for ${ref || 'this ref'}: only branches deploy on their own; set the mode input to deploy tags.`
    }
  }
  if (branch === make.productionBranch) return make.production(sha, branch)
  return make.preview(pr, sha, branch, !!pr)
}

/**
 * Resolves the preview environment name. `{pr}` needs a pull request; a branch preview of a
 * template built around `{pr}` becomes `preview/<branch>` so it never shares a PR's environment.
 */
export function previewEnvironment(
  template: string,
  pr: number | null,
  branch: string | null
): string {
  if (pr === null && template.includes('{pr}')) return `preview/${branch ?? 'manual'}`
  return template.replaceAll('{pr}', String(pr ?? '')).replaceAll('{branch}', branch ?? 'manual')
}

function pullRequestOf(p: EventPayload): PullRequestRef {
  const pr = p.pull_request
  return {
    number: Number(pr.number ?? p.number),
    headSha: String(pr.head?.sha ?? ''),
    baseRef: pr.base?.ref ?? null,
    merged: Boolean(pr.merged)
  }
}

/** A deleted fork has a null head repository; it is still a fork. */
function isFork(p: EventPayload): boolean {
  const head = p.pull_request.head?.repo
  const base = p.pull_request.base?.repo ?? p.repository
  if (head === null) return true
  if (!head) return false
  return head.id !== undefined && base?.id !== undefined ? head.id !== base.id : Boolean(head.fork)
}

function missingPr(): InputError {
  return new InputError([
    {
      input: 'mode',
      message:
        '"cleanup" needs a pull request, and this event has none; run it on pull_request ' +
        '(or pull_request_target) closed, or set the pull-request input to the PR number.'
    }
  ])
}
