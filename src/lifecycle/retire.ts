/**
 * What the lifecycle records when previews go outside a PR's own cleanup (the janitor, the
 * max-previews limit): the PR's GitHub deployments of those previews become inactive, and its
 * comment marks them deleted; when the PR's current preview went, the row says why and that a
 * push redeploys it. Whether a PR is closed is asked of GitHub (GET pulls/{n}).
 */
import type { RecordedGitHubDeployment } from './github-deployments.js'
import { listProjectDeployments, setGitHubDeploymentStatus } from './github-deployments.js'
import { previewEnvironment } from './intent.js'
import type { CommentData } from './comment-body.js'
import type { Removal } from '../core/previews/previews.js'
import type { Session } from './session.js'

/** True/false from GitHub; null when it cannot say (no token, no such PR, an error). */
export async function isClosed(s: Session, pr: number): Promise<boolean | null> {
  if (!s.gh) return null
  try {
    const pull = await s.gh.request<{ state?: string }>(
      'GET /repos/{owner}/{repo}/pulls/{pull_number}',
      { pull_number: pr },
      `read pull request #${pr}`,
      'pull-requests: read'
    )
    return pull.state === 'closed'
  } catch (error) {
    s.reporter.info(`Could not tell whether #${pr} is closed: ${(error as Error).message}`)
    return null
  }
}

/** The closed ones among `prs` (unknown counts as open: its previews are kept). */
export async function closedOf(s: Session, prs: Iterable<number>): Promise<Set<number>> {
  const closed = new Set<number>()
  for (const pr of new Set(prs)) if ((await isClosed(s, pr)) === true) closed.add(pr)
  return closed
}

/**
 * Records every removal that took effect (deleted, or already gone), one pull request at a time;
 * `noteFor` words the note from the first removal of that pull request.
 */
export async function recordRemovals(
  s: Session,
  done: Removal[],
  noteFor: (first: Removal) => string
): Promise<void> {
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
      noteFor(removed[0])
    )
}

/** Records that `ids` of pull request `pr` were removed; `note` is shown when the current went. */
export async function recordRemoved(
  s: Session,
  pr: number,
  ids: string[],
  note: string
): Promise<void> {
  if (!ids.length) return
  const { inputs, settings, run } = s.params
  if (inputs.githubDeployments) {
    const environment = previewEnvironment(inputs.previewEnvironment, pr, null)
    const recorded: RecordedGitHubDeployment[] =
      (await s.tryGitHub('read', gh =>
        listProjectDeployments(gh, environment, settings.projectId)
      )) ?? []
    for (const d of recorded) {
      if (d.lastState === 'inactive' || !d.subhostingId || !ids.includes(d.subhostingId)) continue
      await s.tryGitHub('deployments', gh =>
        setGitHubDeploymentStatus(gh, d.id, {
          state: 'inactive',
          description: `Preview removed: ${note}`,
          logUrl: run.runUrl
        })
      )
    }
  }
  await s.writeRow(s.commentFor(pr), markDeleted(settings.projectId, ids, note, run.runUrl))
}

/** Idempotent: the records of `ids` deleted; the row removed when its deployment is one of them. */
function markDeleted(
  projectId: string,
  ids: string[],
  note: string,
  runUrl: string
): (data: CommentData) => CommentData {
  const gone = new Set(ids)
  const updatedAt = new Date().toISOString()
  return data => {
    const row = data.rows[projectId]
    if (!row) return data
    const previews = row.previews.map(r => (gone.has(r.deploymentId) ? { ...r, deleted: true } : r))
    const current = row.deploymentId !== null && gone.has(row.deploymentId)
    const changed = current ? { state: 'removed' as const, url: null, note, updatedAt, runUrl } : {}
    return { ...data, rows: { ...data.rows, [projectId]: { ...row, previews, ...changed } } }
  }
}
