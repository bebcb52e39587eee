/**
 * Cleanup when a PR closes: delete the project's preview deployments that this action recorded
 * (comment rows, GitHub deployment payloads, v2 revision labels of its own; never guessed),
 * mark the PR's GitHub deployments inactive and show the row as removed. A deployment that still serves production or a custom
 * domain (it was promoted) is never deleted.
 */
import { escapeMarkdown } from '../core/text/markdown.js'
import type { PreviewRecord, ProjectRow } from './comment-body.js'
import {
  listProjectDeployments,
  setGitHubDeploymentStatus,
  type RecordedGitHubDeployment
} from './github-deployments.js'
import type { StickyComment } from './sticky-comment.js'
import { rowUpdate, type Session } from './session.js'

export async function runCleanup(s: Session): Promise<void> {
  const { intent, settings, outcome, reporter } = s.params
  if (intent.kind !== 'cleanup') throw new Error(`runCleanup called for ${intent.kind}`)
  outcome.mode = 'cleanup'
  outcome.environment = intent.environment
  const pr = intent.pr.number

  const comment = s.commentFor(pr)
  const current = comment ? await s.tryGitHub('comment', () => comment.read()) : undefined
  const row = current?.data.rows[settings.projectId]
  const ghDeployments = s.params.inputs.githubDeployments
    ? ((await s.tryGitHub('read', gh =>
        listProjectDeployments(gh, intent.environment, settings.projectId)
      )) ?? [])
    : []
  const onPlatform = await s.platform.previewsOf(pr).catch(error => {
    reporter.warning(
      `Could not list the platform's previews of #${pr}: ${(error as Error).message}`
    )
    return []
  })
  const records = recordedPreviews(row?.previews ?? [], [
    ...ghDeployments.flatMap(d => (d.subhostingId ? [{ id: d.subhostingId, sha: d.sha }] : [])),
    ...onPlatform
  ])
  const keep = intent.keepHeadForPromotion
    ? promotable(records, intent.pr.headSha)
    : new Set<string>()
  const pending = [...records.values()].filter(
    r => !r.deleted && !r.promoted && !keep.has(r.deploymentId)
  )
  const { deleted, kept } = await deletePreviews(s, pending)
  if (!records.size)
    reporter.info(`No preview deployments of this project were recorded for pull request #${pr}.`)
  if (keep.size) {
    reporter.info(
      `Kept ${[...keep].join(', ')}: pull request #${pr} merged into the production branch and ` +
        'the production run may promote it (it deletes it when it deploys afresh instead).'
    )
  }
  await deactivateGitHubDeployments(s, ghDeployments, pr)
  const stillThere = [...keep, ...kept]
  if (comment && row) await markRemoved(s, comment, row, deleted, stillThere)
  const listed = (ids: string[]) => escapeMarkdown(ids.join(', '))
  outcome.notes.push(
    `Cleanup of pull request #${pr}: deleted ${deleted.length ? listed(deleted) : 'nothing'}` +
      (stillThere.length ? `; kept ${listed(stillThere)}` : '')
  )
}

/**
 * The PR's previews this action recorded: comment rows first, then GitHub deployment payloads
 * and the platform's own records (v2 labels), for previews the comment does not list.
 */
function recordedPreviews(
  rows: PreviewRecord[],
  others: { id: string; sha: string }[]
): Map<string, PreviewRecord> {
  const records = new Map<string, PreviewRecord>()
  for (const r of rows) records.set(r.deploymentId, r)
  for (const { id, sha } of others) {
    if (records.has(id)) continue
    records.set(id, { deploymentId: id, sha, digest: null, url: null, createdAt: '' })
  }
  return records
}

/** A merged PR's ready previews of its head: the production run may promote them. */
function promotable(records: Map<string, PreviewRecord>, headSha: string): Set<string> {
  const keep = new Set<string>()
  for (const r of records.values())
    if (r.sha === headSha && r.url && r.digest) keep.add(r.deploymentId)
  return keep
}

async function deactivateGitHubDeployments(
  s: Session,
  ghDeployments: RecordedGitHubDeployment[],
  pr: number
): Promise<void> {
  for (const d of ghDeployments) {
    if (d.lastState === 'inactive') continue
    await s.tryGitHub('deployments', gh =>
      setGitHubDeploymentStatus(gh, d.id, {
        state: 'inactive',
        description: `Pull request #${pr} closed; preview removed`,
        logUrl: s.params.run.runUrl
      })
    )
  }
}

/** The project's row shows removed, its deleted previews marked, what stayed named. */
async function markRemoved(
  s: Session,
  comment: StickyComment,
  row: ProjectRow,
  deleted: string[],
  stillThere: string[]
): Promise<void> {
  const gone = new Set(deleted)
  const removedPreviews = row.previews
    .filter(r => gone.has(r.deploymentId))
    .map(r => ({ ...r, deleted: true }))
  const base = {
    projectId: s.params.settings.projectId,
    projectName: row.projectName,
    runUrl: s.params.run.runUrl,
    updatedAt: new Date().toISOString()
  }
  await s.writeRow(
    comment,
    rowUpdate(base, {
      state: 'removed',
      sha: row.sha,
      deploymentId: row.deploymentId,
      url: null,
      note: stillThere.length ? `kept ${stillThere.join(', ')}` : null,
      previews: removedPreviews
    })
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
