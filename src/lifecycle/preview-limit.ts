/**
 * max-previews: before a new preview is created that would exceed the limit, older previews of
 * the project (app) go, in this order: closed PRs' previews, older revisions of PRs that have a
 * newer one, then the least recently deployed open PRs' previews. Each PR whose preview went
 * hears it in its comment (and a push redeploys it); the job summary lists what went and why.
 */
import { escapeMarkdown } from '../core/text/markdown.js'
import { EVICTION_WHY, planEviction, removalLine, removeAll } from '../core/previews/previews.js'
import { closedOf, recordRemovals } from './retire.js'
import type { Session } from './session.js'

export async function enforcePreviewLimit(s: Session, incomingPr: number | null): Promise<void> {
  const limit = s.params.inputs.maxPreviews
  if (limit === null) return
  const { reporter, outcome } = s.params
  let previews
  try {
    previews = await s.platform.listPreviews()
  } catch (error) {
    reporter.warning(`max-previews: could not list the previews: ${(error as Error).message}`)
    return
  }
  if (previews.length + 1 <= limit) return
  const others = previews.flatMap(p =>
    p.pullRequest === null || p.pullRequest === incomingPr ? [] : [p.pullRequest]
  )
  const closed = await closedOf(s, others)
  const evictions = planEviction(previews, { limit, incomingPr, closed })
  const done = await removeAll(
    s.platform,
    evictions.map(e => ({ preview: e.preview, reason: EVICTION_WHY[e.reason] })),
    { listedAt: Date.now() }
  )
  for (const line of done.map(removalLine)) reporter.info(`max-previews ${limit}: ${line}`)
  await recordRemovals(
    s,
    done,
    () => `removed to stay under max-previews (${limit}); push to the pull request to redeploy it`
  )
  outcome.notes.push(
    `Removed to stay under max-previews (${limit}):`,
    ...done.map(d => escapeMarkdown(removalLine(d)))
  )
}
