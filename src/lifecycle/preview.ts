/**
 * Preview mode: deploy the PR head (or a branch) on the preview timeline, with a GitHub
 * deployment in a transient environment and the PR's sticky comment row going building → ready
 * or failed. The comment shows a URL only after the deploy core's probe saw it answer.
 */
import { escapeMarkdown } from '../core/text/markdown.js'
import type { DeployResult } from '../core/deploy/deploy.js'
import { successDescription } from './github-deployments.js'
import { configDigest } from './config-digest.js'
import { previewEnvironment } from './intent.js'
import { enforcePreviewLimit } from './preview-limit.js'
import { rowUpdate, type RowChange, type Session } from './session.js'

/** The preview this run makes: which commit, for which PR (verified), in which environment. */
interface PreviewTarget {
  sha: string
  branch: string | null
  prNumber: number | null
  environment: string
  /** Writes one change of this project's row in the PR comment. */
  writeRow: (change: Omit<RowChange, 'sha'>) => Promise<void>
}

export async function runPreview(s: Session): Promise<DeployResult> {
  const { intent, outcome, reporter } = s.params
  if (intent.kind !== 'preview') throw new Error(`runPreview called for ${intent.kind}`)
  outcome.mode = 'preview'
  warnForkTarget(s)
  if (s.params.inputs.domains.length)
    reporter.info('The domains input applies to production deploys only.')
  const target = await previewTarget(s)
  outcome.environment = target.environment
  await enforcePreviewLimit(s, target.prNumber)

  // No URL yet: the row says building and keeps showing the last good one.
  await target.writeRow({ state: 'building', deploymentId: null, url: null, note: null })
  let result: DeployResult
  try {
    result = await s.params.deploy({
      ...s.deployDefaults(),
      commit: target.sha,
      ref: target.branch,
      pullRequest: target.prNumber,
      timeline: 'preview',
      onCreated: ({ id }) => startRecord(s, target, id)
    })
  } catch (error) {
    await recordFailure(s, target, error)
    throw error
  }
  outcome.result = result
  if (result.deploymentId) await recordResult(s, target, result)
  return result
}

function warnForkTarget(s: Session): void {
  const { run, reporter } = s.params
  const pull = run.payload.pull_request
  if (run.eventName !== 'pull_request_target' || !pull) return
  if (pull.head?.repo?.id === pull.base?.repo?.id) return
  reporter.warning(
    'pull_request_target from a fork deploys whatever this workflow checked out (by default the ' +
      'base branch, not the PR). Never check out fork code in a workflow with secrets; use the ' +
      'two-phase workflow_run pattern (docs/workflows.md).'
  )
}

async function previewTarget(s: Session): Promise<PreviewTarget> {
  const { intent, inputs, settings, run } = s.params
  if (intent.kind !== 'preview') throw new Error(`previewTarget called for ${intent.kind}`)
  let prNumber = intent.pr?.number ?? null
  let environment = intent.environment
  if (prNumber !== null && intent.verifyPr) {
    prNumber = await verifiedPr(s, prNumber, intent.sha)
    // An unverified number must not place records in that PR's environment either.
    if (prNumber === null)
      environment = previewEnvironment(inputs.previewEnvironment, null, intent.branch)
  }
  const comment = s.commentFor(prNumber)
  const projectName = await s.projectName()
  const writeRow = (change: Omit<RowChange, 'sha'>) =>
    s.writeRow(
      comment,
      rowUpdate(
        {
          projectId: settings.projectId,
          projectName,
          runUrl: run.runUrl,
          updatedAt: new Date().toISOString()
        },
        { ...change, sha: intent.sha }
      )
    )
  return { sha: intent.sha, branch: intent.branch, prNumber, environment, writeRow }
}

function startRecord(s: Session, target: PreviewTarget, id: string): Promise<void> {
  return s.startGitHubDeployment({
    sha: target.sha,
    environment: target.environment,
    production: false,
    description: target.prNumber
      ? `Preview of pull request #${target.prNumber}`
      : `Preview of ${target.branch ?? target.sha}`,
    deploymentId: id,
    pullRequest: target.prNumber
  })
}

async function recordFailure(s: Session, target: PreviewTarget, error: unknown): Promise<void> {
  const failedId = (error as { deploymentId?: string | null }).deploymentId ?? null
  const now = new Date().toISOString()
  await target.writeRow({
    state: 'failed',
    deploymentId: failedId,
    url: null,
    note: failureNote(error),
    previews: failedId
      ? [{ deploymentId: failedId, sha: target.sha, digest: null, url: null, createdAt: now }]
      : []
  })
  await s.finishGitHubDeployment(
    'failure',
    failedId ? `Subhosting deployment ${failedId} failed` : 'Deploy failed'
  )
}

/**
 * The row goes ready once the deployment is live (with its URL when the platform named one), or
 * stays building with wait: false; the preview is recorded for promotion either way.
 */
async function recordResult(s: Session, target: PreviewTarget, result: DeployResult) {
  const { settings, outcome } = s.params
  const id = result.deploymentId!
  const live = result.status === 'success'
  await target.writeRow({
    state: live ? 'ready' : 'building',
    deploymentId: id,
    url: result.url,
    note: !live
      ? 'not waited for (wait: false)'
      : result.url
        ? null
        : 'live; the platform named no URL',
    previews: [
      {
        deploymentId: id,
        sha: target.sha,
        digest: result.digest,
        config: configDigest(settings),
        url: result.url,
        createdAt: new Date().toISOString()
      }
    ]
  })
  // Not live (wait: false) leaves the GitHub deployment in_progress, as startRecord set it.
  if (live) await s.finishGitHubDeployment('success', successDescription(id), result.url)
  if (outcome.comment)
    outcome.notes.push(`Pull request comment: ${escapeMarkdown(outcome.comment.url)}`)
}

/**
 * A PR number from an input (e.g. an artifact of the untrusted first phase) is only used when
 * that PR's head is the commit being deployed; otherwise a fork could aim comments at any PR.
 */
async function verifiedPr(s: Session, number: number, sha: string): Promise<number | null> {
  const pull = await s.tryGitHub('read', gh =>
    gh.request<{ head?: { sha?: string } }>(
      'GET /repos/{owner}/{repo}/pulls/{pull_number}',
      { pull_number: number },
      `read pull request #${number}`,
      'pull-requests: read'
    )
  )
  if (pull?.head?.sha === sha) return number
  s.reporter.warning(
    `Not commenting on pull request #${number}: its head is ${pull?.head?.sha ?? 'unknown'}, ` +
      `not the deployed commit ${sha}. Check the pull-request input (or the artifact it comes from).`
  )
  return null
}

function failureNote(error: unknown): string {
  const name = (error as Error).name
  if (name === 'DeployFailedError') return 'build failed'
  if (name === 'AppCrashedError') return 'app crashed at start'
  if (name === 'DeployTimeoutError') return 'timed out'
  if (name === 'CancelledError') return 'cancelled'
  if (name === 'InputError') return 'bad input'
  return 'deploy error'
}
