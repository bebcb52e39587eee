/**
 * mode: janitor (schedule / workflow_dispatch): removes the previews this action created whose
 * pull request is closed, or that are older than preview-ttl, marks their GitHub deployments
 * inactive and updates the comments. It never removes what was created after it started
 * listing, and a preview another janitor removed first counts as already gone.
 */
import { escapeMarkdown } from '../core/text/markdown.js'
import type { PreviewInfo } from '../core/platform/platform.js'
import { formatAge, removalLine, removeAll, type Removal } from '../core/previews/previews.js'
import { closedOf, recordRemoved } from './retire.js'
import type { Session } from './session.js'

export async function runJanitor(s: Session): Promise<void> {
  const { inputs, settings, outcome, reporter } = s.params
  outcome.mode = 'janitor'
  const listedAt = Date.now()
  const previews = await s.platform.listPreviews()
  const closed = await closedOf(
    s,
    previews.flatMap(p => (p.pullRequest === null ? [] : [p.pullRequest]))
  )
  const picks = previews.flatMap(p => {
    const why = janitorReason(p, closed, inputs.previewTtlMs, listedAt)
    return why ? [{ preview: p, reason: why }] : []
  })
  const done = await removeAll(s.platform, picks, { dryRun: settings.dryRun, listedAt })
  for (const line of done.map(removalLine)) reporter.info(line)
  if (!settings.dryRun) await recordAll(s, done)
  outcome.notes.push(
    `Janitor${settings.dryRun ? ' (dry run)' : ''}: ${previews.length} preview(s) listed, ` +
      `${done.filter(d => d.outcome.kind === 'deleted').length} deleted.`,
    ...done.map(d => escapeMarkdown(removalLine(d)))
  )
}

function janitorReason(
  p: PreviewInfo,
  closed: Set<number>,
  ttlMs: number | null,
  now: number
): string | null {
  if (p.pullRequest !== null && closed.has(p.pullRequest)) return 'its pull request is closed'
  if (ttlMs !== null && now - Date.parse(p.createdAt) > ttlMs)
    return `older than preview-ttl (${formatAge(ttlMs)})`
  return null
}

/** Per PR: GitHub deployments inactive and the comment updated for what is now gone. */
async function recordAll(s: Session, done: Removal[]): Promise<void> {
  const byPr = new Map<number, Removal[]>()
  for (const d of done) {
    if (d.pullRequest === null || (d.outcome.kind !== 'deleted' && d.outcome.kind !== 'gone'))
      continue
    byPr.set(d.pullRequest, [...(byPr.get(d.pullRequest) ?? []), d])
  }
  for (const [pr, removed] of byPr)
    await recordRemoved(
      s,
      pr,
      removed.map(r => r.id),
      `removed by the janitor: ${removed[0].reason}`
    )
}
