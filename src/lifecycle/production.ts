/**
 * Production mode: promote the preview that was built from exactly this tree and settings (same
 * pack digest, same config digest) without rebuilding it — v2 pins the revision to production,
 * v1 keeps its deployment and gives it the domains — or deploy afresh when there is none. Then
 * attach `domains`, wait until the first one serves, and record a GitHub deployment in
 * `production`. The tree is packed once: its digest picks the preview, its files are the upload.
 */
import { escapeMarkdown } from '../core/text/markdown.js'
import { deployResultBuilder, packTree, type DeployResult } from '../core/deploy/deploy.js'
import type { PackResult } from '../core/pack/pack.js'
import { lastDayTraffic, type Traffic } from '../core/deploy/traffic.js'
import { deletePreviews } from './cleanup.js'
import { configDigest } from './config-digest.js'
import type { PreviewRecord } from './comment-body.js'
import { successDescription } from './github-deployments.js'
import { rowUpdate, type Session } from './session.js'

interface PullOfCommit {
  number: number
  state: string
  merged_at?: string | null
  head: { sha: string }
}

/** A preview of a pull request of this commit that may serve production as it is. */
interface PromotionCandidate {
  pr: number
  preview: PreviewRecord
}

export async function runProduction(s: Session): Promise<DeployResult> {
  const { intent, outcome } = s.params
  if (intent.kind !== 'production') throw new Error(`runProduction called for ${intent.kind}`)
  outcome.mode = 'production'
  outcome.environment = intent.environment
  const pulls = await pullsOfCommit(s, intent.sha)
  const packed = await packTree(s.params.settings)
  const candidate = s.params.inputs.promote
    ? await findPromotable(s, pulls, packed.digest, configDigest(s.params.settings))
    : null
  try {
    const result = candidate
      ? await promote(s, candidate, packed)
      : await deployAfresh(s, packed, candidate)
    outcome.result = result
    await attachAll(s, result)
    if (result.deploymentId)
      await s.finishGitHubDeployment('success', successDescription(result.deploymentId), result.url)
    await recordOnPulls(s, pulls, candidate, result)
    outcome.traffic = await trafficOf(s)
    return result
  } catch (error) {
    await s.finishGitHubDeployment('failure', 'Production deploy failed')
    throw error
  }
}

/** The app's traffic for the summary; never fails the deploy (a warning says why it is missing). */
async function trafficOf(s: Session): Promise<Traffic | null> {
  try {
    return await lastDayTraffic(s.platform)
  } catch (error) {
    s.reporter.warning(
      `Could not read the traffic of the last 24 hours: ${(error as Error).message}`
    )
    return null
  }
}

async function pullsOfCommit(s: Session, sha: string): Promise<PullOfCommit[]> {
  return (
    (await s.tryGitHub('read', gh =>
      gh.list<PullOfCommit>(
        'GET /repos/{owner}/{repo}/commits/{commit_sha}/pulls',
        { commit_sha: sha },
        `list the pull requests of ${sha}`
      )
    )) ?? []
  )
}

/** Records the GitHub deployment once the platform's deployment is known. */
function startRecord(s: Session, pr: number | null) {
  return async ({ id }: { id: string }): Promise<void> => {
    const { intent } = s.params
    if (intent.kind !== 'production') return
    await s.startGitHubDeployment({
      sha: intent.sha,
      environment: intent.environment,
      production: true,
      description: `Production deploy of ${intent.sha.slice(0, 7)}`,
      deploymentId: id,
      pullRequest: pr
    })
  }
}

async function promote(
  s: Session,
  candidate: PromotionCandidate,
  packed: PackResult
): Promise<DeployResult> {
  const { settings, reporter, outcome, intent } = s.params
  const started = Date.now()
  const id = candidate.preview.deploymentId
  reporter.info(
    `Promoting preview ${id} of pull request #${candidate.pr} without rebuilding: it was ` +
      `built from the same tree (digest ${packed.digest.slice(0, 12)}) and settings.`
  )
  await startRecord(s, candidate.pr)({ id })
  const live = await s.platform.promote(id)
  outcome.promotedFrom = id
  outcome.notes.push(
    `Promoted preview ${escapeMarkdown(id)} of pull request #${candidate.pr} (same tree, no rebuild).`
  )
  const commit = intent.kind === 'production' ? intent.sha : undefined
  return deployResultBuilder(
    settings,
    { commit },
    packed,
    started
  )({
    created: { description: settings.description, filesUploaded: 0, bytesUploaded: 0 },
    deployment: live.deployment,
    url: live.url ?? candidate.preview.url,
    buildMs: 0
  })
}

async function deployAfresh(
  s: Session,
  packed: PackResult,
  candidate: PromotionCandidate | null
): Promise<DeployResult> {
  const { intent, inputs, reporter, outcome } = s.params
  if (intent.kind !== 'production') throw new Error(`deployAfresh called for ${intent.kind}`)
  if (inputs.promote) reporter.info('Deploying afresh: no preview of this exact tree to promote.')
  const result = await s.params.deploy({
    ...s.deployDefaults(),
    commit: intent.sha,
    ref: intent.branch,
    pullRequest: null,
    timeline: 'production',
    packed,
    onCreated: startRecord(s, candidate?.pr ?? null)
  })
  outcome.notes.push('Deployed afresh (no preview of this exact tree to promote).')
  return result
}

/**
 * Attaches `domains` (a failure fails the step unless allow-domain-failure is set), waits until
 * the first serves, and makes it the result's `url`: the production address users share. The
 * result (outcome.result) keeps the deployment's own URL when a domain fails: that one serves.
 */
async function attachAll(s: Session, result: DeployResult): Promise<void> {
  const { inputs, settings, reporter, outcome } = s.params
  if (!inputs.domains.length || !result.deploymentId) return
  const id = result.deploymentId
  const { attached, failures } = await s.platform.attachDomains(id, inputs.domains)
  for (const domain of attached) reporter.info(`Attached ${domain} to ${id}.`)
  // Before a failure can end the run: the outputs name what serves either way.
  result.domains = [...new Set([...attached, ...result.domains])]
  if (failures.length) {
    const message =
      `Could not attach ${failures.length} domain(s) to ${id}:\n  ${failures.join('\n  ')}\n` +
      'Register the domain (or its wildcard) with the organization and verify it, or set ' +
      'allow-domain-failure: true to accept the deploy without it.'
    if (!inputs.allowDomainFailure) throw new Error(message)
    reporter.warning(message)
  }
  outcome.notes.push(
    `Domains: ${attached.length ? escapeMarkdown(attached.join(', ')) : 'none attached'}`
  )
  if (!attached.length || !settings.wait) return
  result.url = await s.platform.waitForDomain(id, attached[0])
}

/**
 * The newest still-successful preview, recorded in the sticky comment of a PR of this commit,
 * whose tree digest and settings equal the checkout's. Each miss is logged so users see why it
 * rebuilt.
 */
async function findPromotable(
  s: Session,
  pulls: PullOfCommit[],
  digest: string,
  config: string
): Promise<PromotionCandidate | null> {
  if (!pulls.length) {
    s.reporter.info(
      'No pull request is associated with this commit, so there is no preview to promote.'
    )
    return null
  }
  const ordered = [...pulls].sort(
    (a, b) => Number(Boolean(b.merged_at)) - Number(Boolean(a.merged_at))
  )
  for (const pull of ordered) {
    const sameTree = await sameTreePreviews(s, pull, digest, config)
    for (const preview of sameTree) {
      const deployment = await s.platform.get(preview.deploymentId)
      if (deployment?.status === 'success') return { pr: pull.number, preview }
      s.reporter.info(
        deployment
          ? `Preview ${preview.deploymentId} is ${deployment.status}, not promotable.`
          : `Preview ${preview.deploymentId} no longer exists.`
      )
    }
  }
  return null
}

/** The PR's recorded previews of this tree and settings, the head's and newest first. */
async function sameTreePreviews(
  s: Session,
  pull: PullOfCommit,
  digest: string,
  config: string
): Promise<PreviewRecord[]> {
  const comment = s.commentFor(pull.number)
  const current = comment ? await s.tryGitHub('comment', () => comment.read()) : undefined
  const row = current?.data.rows[s.params.settings.projectId]
  if (!row) {
    s.reporter.info(`Pull request #${pull.number} has no preview record for this project.`)
    return []
  }
  const sameTree = row.previews
    .filter(p => !p.deleted && p.url && p.digest === digest && p.config === config)
    .sort(
      (a, b) =>
        Number(b.sha === pull.head.sha) - Number(a.sha === pull.head.sha) ||
        b.createdAt.localeCompare(a.createdAt)
    )
  if (!sameTree.length) {
    s.reporter.info(
      `Pull request #${pull.number}'s previews were built from a different tree or with ` +
        'different settings (entry point, env vars, ...) than this deploy.'
    )
  }
  return sameTree
}

/**
 * Notes the promotion in the PR's record (so cleanup never deletes production) and, after a
 * fresh deploy, deletes previews a merged PR's cleanup kept for a promotion that did not happen.
 */
async function recordOnPulls(
  s: Session,
  pulls: PullOfCommit[],
  candidate: PromotionCandidate | null,
  result: DeployResult
): Promise<void> {
  const { settings } = s.params
  for (const pull of pulls) {
    const comment = s.commentFor(pull.number)
    const current = comment ? await s.tryGitHub('comment', () => comment.read()) : undefined
    const row = current?.data.rows[settings.projectId]
    if (!comment || !row) continue
    const base = {
      projectId: settings.projectId,
      projectName: row.projectName,
      runUrl: row.runUrl,
      updatedAt: new Date().toISOString()
    }
    if (candidate?.pr === pull.number) {
      const promoted = { ...candidate.preview, promoted: true }
      await s.writeRow(
        comment,
        rowUpdate(base, { ...row, note: 'promoted to production', previews: [promoted] })
      )
    } else if (pull.state === 'closed' && !candidate) {
      const leftover = row.previews.filter(
        p => !p.deleted && !p.promoted && p.deploymentId !== result.deploymentId
      )
      if (!leftover.length) continue
      const { deleted } = await deletePreviews(s, leftover)
      const gone = leftover
        .filter(p => deleted.includes(p.deploymentId))
        .map(p => ({ ...p, deleted: true }))
      await s.writeRow(comment, rowUpdate(base, { ...row, note: null, previews: gone }))
    }
  }
}
