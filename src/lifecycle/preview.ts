/**
 * Preview mode: deploy the PR head (or a branch), with a GitHub deployment in a transient
 * environment and the PR's sticky comment row going building → ready or failed. The comment
 * shows a URL only after the deploy core's probe saw it answer.
 */
import type { DeployResult } from '../core/deploy.js'
import {
  setGitHubDeploymentStatus,
  startGitHubDeployment,
  successDescription
} from './github-deployments.js'
import { configDigest } from './config-digest.js'
import { previewEnvironment } from './intent.js'
import { rowUpdate, type Session } from './session.js'

export async function runPreview(s: Session): Promise<DeployResult> {
  const { intent: i, run, settings, outcome, reporter } = s.p
  if (i.kind !== 'preview') throw new Error(`runPreview called for ${i.kind}`)
  outcome.mode = 'preview'
  const pull = run.payload.pull_request
  if (
    run.eventName === 'pull_request_target' &&
    pull &&
    pull.head?.repo?.id !== pull.base?.repo?.id
  ) {
    reporter.warning(
      'pull_request_target from a fork deploys whatever this workflow checked out (by default the ' +
        'base branch, not the PR). Never check out fork code in a workflow with secrets; use the ' +
        'two-phase workflow_run pattern (docs/workflows.md).'
    )
  }

  if (s.p.inputs.domains.length)
    reporter.info('The domains input applies to production deploys only.')

  let prNumber = i.pr?.number ?? null
  let environment = i.environment
  if (prNumber !== null && i.verifyPr) {
    prNumber = await verifiedPr(s, prNumber, i.sha)
    // An unverified number must not place records in that PR's environment either.
    if (prNumber === null)
      environment = previewEnvironment(s.p.inputs.previewEnvironment, null, i.branch)
  }
  outcome.environment = environment

  const comment = s.commentFor(prNumber)
  const projectName = await s.projectName()
  const base = () => ({
    projectId: settings.projectId,
    projectName,
    runUrl: run.runUrl,
    updatedAt: new Date().toISOString()
  })

  // No URL yet: the row says building and keeps showing the last good one.
  await s.writeRow(
    comment,
    rowUpdate(base(), { state: 'building', sha: i.sha, deploymentId: null, url: null, note: null })
  )
  // Created as soon as the Subhosting deployment exists, so its payload names it for cleanup.
  const onCreated = async ({ id }: { id: string }) => {
    outcome.githubDeploymentId =
      (await s.soft('deployments', gh =>
        startGitHubDeployment(
          gh,
          {
            sha: i.sha,
            environment,
            production: false,
            description: prNumber
              ? `Preview of pull request #${prNumber}`
              : `Preview of ${i.branch ?? i.sha}`,
            payload: {
              projectId: settings.projectId,
              deploymentId: id,
              pullRequest: prNumber,
              sha: i.sha
            }
          },
          run.runUrl
        )
      )) ?? null
  }

  let result: DeployResult
  try {
    result = await s.p.deploy({
      commit: i.sha,
      ref: i.branch,
      pullRequest: prNumber,
      timeline: 'preview',
      onCreated
    })
  } catch (error) {
    const failedId = (error as { deploymentId?: string | null }).deploymentId ?? null
    const now = new Date().toISOString()
    await s.writeRow(
      comment,
      rowUpdate(base(), {
        state: 'failed',
        sha: i.sha,
        deploymentId: failedId,
        url: null,
        note: failureNote(error),
        previews: failedId
          ? [{ deploymentId: failedId, sha: i.sha, digest: null, url: null, createdAt: now }]
          : []
      })
    )
    const failedGhId = outcome.githubDeploymentId
    if (failedGhId) {
      await s.soft('deployments', gh =>
        setGitHubDeploymentStatus(gh, failedGhId, {
          state: 'failure',
          description: failedId ? `Subhosting deployment ${failedId} failed` : 'Deploy failed',
          logUrl: run.runUrl
        })
      )
    }
    throw error
  }
  outcome.result = result
  if (!result.deploymentId) return result

  const ready = result.status === 'success' && result.url !== null
  const record = {
    deploymentId: result.deploymentId,
    sha: i.sha,
    digest: result.digest,
    config: configDigest(settings),
    url: ready ? result.url : null,
    createdAt: new Date().toISOString()
  }
  await s.writeRow(
    comment,
    rowUpdate(base(), {
      state: ready ? 'ready' : 'building',
      sha: i.sha,
      deploymentId: result.deploymentId,
      url: ready ? result.url : null,
      note: ready ? null : 'not waited for (wait: false)',
      previews: [record]
    })
  )
  // Not ready (wait: false) leaves the GitHub deployment in_progress, as onCreated set it.
  const readyGhId = ready ? outcome.githubDeploymentId : null
  if (readyGhId) {
    await s.soft('deployments', gh =>
      setGitHubDeploymentStatus(gh, readyGhId, {
        state: 'success',
        description: successDescription(result.deploymentId!),
        environmentUrl: result.url ?? undefined,
        logUrl: run.runUrl
      })
    )
  }
  if (outcome.comment) outcome.notes.push(`Pull request comment: ${outcome.comment.url}`)
  return result
}

/**
 * A PR number from an input (e.g. an artifact of the untrusted first phase) is only used when
 * that PR's head is the commit being deployed; otherwise a fork could aim comments at any PR.
 */
async function verifiedPr(s: Session, number: number, sha: string): Promise<number | null> {
  const pull = await s.soft('read', gh =>
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
  if (name === 'DeployTimeoutError') return 'timed out'
  if (name === 'CancelledError') return 'cancelled'
  if (name === 'InputError') return 'bad input'
  return 'deploy error'
}
