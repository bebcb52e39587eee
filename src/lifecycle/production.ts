/**
 * Production mode: promote the preview that was built from exactly this tree (same pack digest)
 * by attaching the production domains to it, or deploy afresh when there is none; then attach
 * `domains`, wait until the first one serves, and record a GitHub deployment in `production`.
 */
import { ApiError } from '../core/api-errors.js'
import type { DeployResult } from '../core/deploy.js'
import { pack } from '../core/pack.js'
import { deploymentUrl } from '../core/url-probe.js'
import { deletePreviews } from './cleanup.js'
import { configDigest } from './config-digest.js'
import type { PreviewRecord } from './comment-body.js'
import { attachDomains, domainUrl, waitForDomain } from './domains.js'
import {
  setGitHubDeploymentStatus,
  startGitHubDeployment,
  successDescription
} from './github-deployments.js'
import { rowUpdate, type Session } from './session.js'

interface PullOfCommit {
  number: number
  state: string
  merged_at?: string | null
  head: { sha: string }
}

interface Candidate {
  pr: number
  preview: PreviewRecord
}

export async function runProduction(s: Session): Promise<DeployResult> {
  const { intent: i, run, settings, inputs, outcome, reporter } = s.p
  if (i.kind !== 'production') throw new Error(`runProduction called for ${i.kind}`)
  outcome.mode = 'production'
  outcome.environment = i.environment
  const started = Date.now()

  const pulls =
    (await s.soft('read', gh =>
      gh.list<PullOfCommit>(
        'GET /repos/{owner}/{repo}/commits/{commit_sha}/pulls',
        { commit_sha: i.sha },
        `list the pull requests of ${i.sha}`
      )
    )) ?? []
  const packed = inputs.promote
    ? await pack({ root: settings.root, include: settings.include, exclude: settings.exclude })
    : null
  const candidate = packed
    ? await findPromotable(s, pulls, packed.digest, configDigest(settings))
    : null

  // Recorded once the Subhosting deployment is known: the promoted preview, or the fresh one.
  const startRecord = async ({ id }: { id: string }) => {
    outcome.githubDeploymentId =
      (await s.soft('deployments', gh =>
        startGitHubDeployment(
          gh,
          {
            sha: i.sha,
            environment: i.environment,
            production: true,
            description: `Production deploy of ${i.sha.slice(0, 7)}`,
            payload: {
              projectId: settings.projectId,
              deploymentId: id,
              pullRequest: candidate?.pr ?? null,
              sha: i.sha
            }
          },
          run.runUrl
        )
      )) ?? null
  }

  try {
    let result: DeployResult
    if (candidate && packed) {
      const d = candidate.preview
      reporter.info(
        `Promoting preview deployment ${d.deploymentId} of pull request #${candidate.pr} without ` +
          `rebuilding: it was built from the same tree (digest ${packed.digest.slice(0, 12)}).`
      )
      const deployment = await s.client.getDeployment(d.deploymentId)
      await startRecord(deployment)
      result = {
        projectId: settings.projectId,
        deploymentId: deployment.id,
        status: deployment.status,
        url:
          d.url ??
          (deployment.domains?.[0] ? deploymentUrl(settings.apiUrl, deployment.domains[0]) : null),
        domains: deployment.domains ?? [],
        description: deployment.description ?? '',
        commit: i.sha,
        digest: packed.digest,
        fileCount: packed.fileCount,
        totalBytes: packed.totalBytes,
        filesUploaded: 0,
        bytesUploaded: 0,
        buildMs: 0,
        totalMs: 0,
        dryRun: false
      }
      outcome.promotedFrom = deployment.id
      outcome.notes.push(
        `Promoted preview \`${deployment.id}\` of pull request #${candidate.pr} (same tree, no rebuild).`
      )
    } else {
      if (inputs.promote)
        reporter.info('Deploying afresh: no preview of this exact tree to promote.')
      result = await s.p.deploy(i.sha, startRecord)
      outcome.notes.push('Deployed afresh (no preview of this exact tree to promote).')
    }
    outcome.result = result

    const attached = result.deploymentId ? await attachAll(s, result.deploymentId) : []
    result.domains = [...new Set([...result.domains, ...attached])]
    result.totalMs = candidate ? Date.now() - started : result.totalMs
    const environmentUrl = attached.length ? domainUrl(settings.apiUrl, attached[0]) : result.url
    const ghId = outcome.githubDeploymentId
    if (ghId) {
      await s.soft('deployments', gh =>
        setGitHubDeploymentStatus(gh, ghId, {
          state: 'success',
          description: successDescription(result.deploymentId!),
          environmentUrl: environmentUrl ?? undefined,
          logUrl: run.runUrl
        })
      )
    }
    await recordOnPulls(s, pulls, candidate, result)
    return result
  } catch (error) {
    const ghId = outcome.githubDeploymentId
    if (ghId) {
      await s.soft('deployments', gh =>
        setGitHubDeploymentStatus(gh, ghId, {
          state: 'failure',
          description: 'Production deploy failed',
          logUrl: run.runUrl
        })
      )
    }
    throw error
  }
}

/** Attaches `domains`; a failure fails the step unless allow-domain-failure is set. */
async function attachAll(s: Session, deploymentId: string): Promise<string[]> {
  const { inputs, settings, reporter, signal, outcome } = s.p
  if (!inputs.domains.length) return []
  const { attached, failures } = await attachDomains(s.client, deploymentId, inputs.domains)
  for (const domain of attached) reporter.info(`Attached ${domain} to deployment ${deploymentId}.`)
  if (failures.length) {
    const message =
      `Could not attach ${failures.length} domain(s) to deployment ${deploymentId}:\n  ${failures.join('\n  ')}\n` +
      'Register the domain (or its wildcard) with the organization and verify it, or set ' +
      'allow-domain-failure: true to accept the deploy without it.'
    if (!inputs.allowDomainFailure) throw new Error(message)
    reporter.warning(message)
  }
  if (attached.length && settings.wait) {
    await waitForDomain(settings.apiUrl, attached[0], s.deadline, signal)
    reporter.info(`${domainUrl(settings.apiUrl, attached[0])} answers.`)
  }
  outcome.notes.push(`Domains: ${attached.length ? attached.join(', ') : 'none attached'}`)
  return attached
}

/**
 * The newest still-successful preview, recorded in the sticky comment of a PR of this commit,
 * whose tree digest equals the checkout's. Each miss is logged so users see why it rebuilt.
 */
async function findPromotable(
  s: Session,
  pulls: PullOfCommit[],
  digest: string,
  config: string
): Promise<Candidate | null> {
  const { settings, reporter } = s.p
  if (!pulls.length) {
    reporter.info(
      'No pull request is associated with this commit, so there is no preview to promote.'
    )
    return null
  }
  const ordered = [...pulls].sort(
    (a, b) => Number(Boolean(b.merged_at)) - Number(Boolean(a.merged_at))
  )
  for (const pull of ordered) {
    const comment = s.commentFor(pull.number)
    const current = comment ? await s.soft('comment', () => comment.read()) : undefined
    const row = current?.data.rows[settings.projectId]
    if (!row) {
      reporter.info(`Pull request #${pull.number} has no preview record for this project.`)
      continue
    }
    const sameTree = row.previews
      .filter(p => !p.deleted && p.url && p.digest === digest && p.config === config)
      .sort(
        (a, b) =>
          Number(b.sha === pull.head.sha) - Number(a.sha === pull.head.sha) ||
          b.createdAt.localeCompare(a.createdAt)
      )
    if (!sameTree.length) {
      reporter.info(
        `Pull request #${pull.number}'s previews were built from a different tree or with ` +
          'different settings (entry point, env vars, ...) than this deploy.'
      )
      continue
    }
    for (const preview of sameTree) {
      try {
        const deployment = await s.client.getDeployment(preview.deploymentId)
        if (deployment.status === 'success') return { pr: pull.number, preview }
        reporter.info(`Preview ${preview.deploymentId} is ${deployment.status}, not promotable.`)
      } catch (error) {
        if (!(error instanceof ApiError && error.status === 404)) throw error
        reporter.info(`Preview ${preview.deploymentId} no longer exists.`)
      }
    }
  }
  return null
}

/**
 * Notes the promotion in the PR's record (so cleanup never deletes production) and, after a
 * fresh deploy, deletes previews a merged PR's cleanup kept for a promotion that did not happen.
 */
async function recordOnPulls(
  s: Session,
  pulls: PullOfCommit[],
  candidate: Candidate | null,
  result: DeployResult
) {
  const { settings } = s.p
  for (const pull of pulls) {
    const comment = s.commentFor(pull.number)
    const current = comment ? await s.soft('comment', () => comment.read()) : undefined
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
        rowUpdate(base, {
          ...row,
          note: 'promoted to production',
          previews: [promoted]
        })
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
