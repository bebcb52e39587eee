/**
 * Cleanup when a PR closes: delete the project's preview deployments that this action recorded
 * (comment rows and GitHub deployment payloads, never guessed), mark the PR's GitHub deployments
 * inactive and show the row as removed. A deployment that still serves production or a custom
 * domain (it was promoted) is never deleted.
 */
import { escapeMarkdown } from '../core/markdown.js'
import type { PreviewRecord } from './comment-body.js'
import { listProjectDeployments, setGitHubDeploymentStatus } from './github-deployments.js'
import { rowUpdate, type Session } from './session.js'

export async function runCleanup(s: Session): Promise<void> {
  const { intent, run, settings, outcome, reporter } = s.params
  if (intent.kind !== 'cleanup') throw new Error(`runCleanup called for ${intent.kind}`)
  outcome.mode = 'cleanup'
  outcome.environment = intent.environment

  const comment = s.commentFor(intent.pr.number)
  const current = comment ? await s.tryGitHub('comment', () => comment.read()) : undefined
  const row = current?.data.rows[settings.projectId]
  const ghDeployments = s.params.inputs.githubDeployments
    ? ((await s.tryGitHub('read', gh =>
        listProjectDeployments(gh, intent.environment, settings.projectId)
      )) ?? [])
    : []

  const records = new Map<string, PreviewRecord>()
  for (const r of row?.previews ?? []) records.set(r.deploymentId, r)
  for (const d of ghDeployments) {
    if (d.subhostingId && !records.has(d.subhostingId)) {
      records.set(d.subhostingId, {
        deploymentId: d.subhostingId,
        sha: d.sha,
        digest: null,
        url: null,
        createdAt: ''
      })
    }
  }
  const keep = new Set<string>()
  if (intent.keepHeadForPromotion) {
    for (const r of records.values())
      if (r.sha === intent.pr.headSha && r.url && r.digest) keep.add(r.deploymentId)
  }
  const pending = [...records.values()].filter(
    r => !r.deleted && !r.promoted && !keep.has(r.deploymentId)
  )
  const { deleted, kept } = await deletePreviews(s, pending)
  if (!records.size)
    reporter.info(
      `No preview deployments of this project were recorded for pull request #${intent.pr.number}.`
    )
  if (keep.size) {
    reporter.info(
      `Kept ${[...keep].join(', ')}: pull request #${intent.pr.number} merged into the production branch and ` +
        'the production run may promote it (it deletes it when it deploys afresh instead).'
    )
  }

  for (const d of ghDeployments) {
    if (d.lastState === 'inactive') continue
    await s.tryGitHub('deployments', gh =>
      setGitHubDeploymentStatus(gh, d.id, {
        state: 'inactive',
        description: `Pull request #${intent.pr.number} closed; preview removed`,
        logUrl: run.runUrl
      })
    )
  }

  if (comment && row) {
    const gone = new Set(deleted)
    const removedPreviews = (row.previews ?? [])
      .filter(r => gone.has(r.deploymentId))
      .map(r => ({ ...r, deleted: true }))
    await s.writeRow(
      comment,
      rowUpdate(
        {
          projectId: settings.projectId,
          projectName: row.projectName,
          runUrl: run.runUrl,
          updatedAt: new Date().toISOString()
        },
        {
          state: 'removed',
          sha: row.sha,
          deploymentId: row.deploymentId,
          url: null,
          note: keep.size || kept.length ? `kept ${[...keep, ...kept].join(', ')}` : null,
          previews: removedPreviews
        }
      )
    )
  }
  const listed = (ids: string[]) => escapeMarkdown(ids.join(', '))
  outcome.notes.push(
    `Cleanup of pull request #${intent.pr.number}: deleted ${deleted.length ? listed(deleted) : 'nothing'}` +
      (keep.size || kept.length ? `; kept ${listed([...keep, ...kept])}` : '')
  )
}

/**
 * Deletes recorded preview deployments. Already-gone ones count as deleted; one that still
 * serves production or a custom domain (it was promoted) is kept, with the platform's reason.
 */
export async function deletePreviews(
  s: Session,
  previews: PreviewRecord[]
): Promise<{ deleted: string[]; kept: string[] }> {
  const deleted: string[] = []
  const kept: string[] = []
  for (const preview of previews) {
    const id = preview.deploymentId
    try {
      const outcome = await s.platform.delete(id)
      if (outcome.kind === 'kept') {
        s.reporter.info(`Kept deployment ${id}: ${outcome.reason}.`)
        kept.push(id)
        continue
      }
      if (outcome.kind === 'deleted') s.reporter.info(`Deleted preview deployment ${id}.`)
      deleted.push(id)
    } catch (error) {
      s.reporter.warning(`Could not delete preview deployment ${id}: ${(error as Error).message}`)
    }
  }
  return { deleted, kept }
}
