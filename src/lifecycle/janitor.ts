/**
 * mode: janitor (schedule / workflow_dispatch): removes the previews this action created whose
 * pull request is closed, or that are older than preview-ttl, marks their GitHub deployments
 * inactive and updates the comments. It never removes what was created after it started
 * listing, and a preview another janitor removed first counts as already gone.
 */
import { escapeMarkdown } from '../core/text/markdown.js'
import type { PreviewInfo } from '../core/platform/platform.js'
import { formatAge, removalLine, removeAll } from '../core/previews/previews.js'
import { closedOf, recordRemovals } from './retire.js'
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
  if (!settings.dryRun)
    await recordRemovals(s, done, first => `removed by the janitor: ${first.reason}`)
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
