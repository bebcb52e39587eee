/**
 * The sticky comment's body: a visible table with one row per project, and the same rows as
 * hidden JSON. The JSON is the action's own record of what it deployed for the PR (deployment
 * IDs for cleanup, commit and tree digest for promotion), so it survives between runs.
 */
import { escapeInlineMarkdown } from '../core/text/markdown.js'

/** Finds our comment; the author check happens on top of it (anyone can paste a marker). */
export const MARKER = '<!-- subhosting-deploy -->'
const DATA_OPEN = '<!-- subhosting-deploy:data '
const DATA_CLOSE = ' -->'

export type RowState = 'building' | 'ready' | 'failed' | 'removed'

/** A deployment this PR's previews created for one project. */
export interface PreviewRecord {
  deploymentId: string
  sha: string
  /** The exact-tree digest of what was deployed; null when the deploy never produced one. */
  digest: string | null
  /** The deploy configuration's digest (see config-digest.ts); promotion needs it to match. */
  config?: string
  url: string | null
  createdAt: string
  /** Deleted by cleanup. */
  deleted?: boolean
  /** Serves production now: cleanup must never delete it. */
  promoted?: boolean
}

export interface ProjectRow {
  projectId: string
  projectName: string | null
  state: RowState
  sha: string
  deploymentId: string | null
  /** URL of this row's deployment, only once it answered. */
  url: string | null
  /** The last deployment that was ready, kept visible when a later one fails. */
  lastGood: { url: string; deploymentId: string; sha: string } | null
  /** Short reason for failed rows (never secrets). */
  note: string | null
  updatedAt: string
  runUrl: string
  previews: PreviewRecord[]
}

export interface CommentData {
  version: 1
  rows: Record<string, ProjectRow>
}

export const emptyData = (): CommentData => ({ version: 1, rows: {} })

export function parseCommentData(body: string): CommentData | null {
  const start = body.indexOf(DATA_OPEN)
  if (start < 0) return null
  const end = body.indexOf(DATA_CLOSE, start + DATA_OPEN.length)
  if (end < 0) return null
  try {
    const data = JSON.parse(body.slice(start + DATA_OPEN.length, end)) as CommentData
    return data && data.version === 1 && typeof data.rows === 'object' ? data : null
  } catch {
    return null
  }
}

/**
 * Merges the rows of several copies (racing runs, duplicate comments): per project the most
 * recently updated row wins, and the preview records of all copies are kept so cleanup still
 * finds every deployment.
 */
export function mergeData(...copies: CommentData[]): CommentData {
  const merged = emptyData()
  for (const copy of copies) {
    for (const [id, row] of Object.entries(copy.rows)) {
      const current = merged.rows[id]
      const newer = !current || row.updatedAt > current.updatedAt ? row : current
      merged.rows[id] = { ...newer, previews: mergePreviews(current?.previews ?? [], row.previews) }
    }
  }
  return merged
}

/**
 * GitHub caps a comment at 65,536 characters; a record takes ~200. Beyond this many, the oldest
 * deleted records go first (cleanup no longer needs them); live ones are always kept.
 */
const MAX_RECORDS = 100

export function mergePreviews(a: PreviewRecord[], b: PreviewRecord[]): PreviewRecord[] {
  const byId = new Map<string, PreviewRecord>()
  for (const record of [...a, ...b]) {
    const seen = byId.get(record.deploymentId)
    byId.set(
      record.deploymentId,
      seen
        ? {
            ...seen,
            ...record,
            deleted: seen.deleted || record.deleted || undefined,
            promoted: seen.promoted || record.promoted || undefined
          }
        : record
    )
  }
  const all = [...byId.values()].sort((x, y) => x.createdAt.localeCompare(y.createdAt))
  let excess = all.length - MAX_RECORDS
  return excess > 0 ? all.filter(r => !(r.deleted && excess-- > 0)) : all
}

const STATE_LABEL: Record<RowState, string> = {
  building: '⏳ Building',
  ready: '✅ Ready',
  failed: '❌ Failed',
  removed: '🗑️ Removed'
}

export function renderComment(data: CommentData): string {
  const rows = Object.values(data.rows).sort((a, b) =>
    (a.projectName ?? a.projectId).localeCompare(b.projectName ?? b.projectId)
  )
  const lines = [
    MARKER,
    '### Subhosting Deploy',
    '',
    '| Project | State | Preview | Commit | Deployment | Updated (UTC) | Run |',
    '| --- | --- | --- | --- | --- | --- | --- |',
    ...rows.map(renderRow),
    '',
    DATA_OPEN + encodeData(data) + DATA_CLOSE
  ]
  return lines.join('\n')
}

function renderRow(row: ProjectRow): string {
  const link = (url: string) =>
    `[${cell(url.replace(/^https?:\/\//, '').replace(/\/$/, ''))}](${linkTarget(url)})`
  let preview = row.url ? link(row.url) : '—'
  if (row.state !== 'ready' && row.lastGood) {
    const label = row.state === 'removed' ? 'was' : 'last good'
    preview =
      row.state === 'removed'
        ? `~~${cell(row.lastGood.url)}~~`
        : `${label}: ${link(row.lastGood.url)}`
  }
  const state = STATE_LABEL[row.state] + (row.note ? `: ${cell(row.note)}` : '')
  return [
    '',
    cell(row.projectName ?? row.projectId),
    state,
    preview,
    row.sha ? code(row.sha.slice(0, 7)) : '—',
    row.deploymentId ? code(row.deploymentId) : '—',
    row.updatedAt.replace('T', ' ').replace(/\.\d+Z$|Z$/, ''),
    `[logs](${linkTarget(row.runUrl)})`,
    ''
  ]
    .join(' | ')
    .trim()
}

/** Table cells must not break the table, inject markup or mention anyone. */
function cell(text: string): string {
  // A zero-width space after `@` keeps a value from mentioning (and notifying) anyone.
  return escapeInlineMarkdown(text.slice(0, 200)).replace(/@/g, '@&#8203;')
}

/** IDs and SHAs as code when they are plain tokens; anything else as escaped text. */
function code(text: string): string {
  return /^[\w.-]{1,80}$/.test(text) ? `\`${text}\`` : cell(text)
}

/** A link target that cannot close the link early or start markup. */
function linkTarget(url: string): string {
  return url.replace(/[()<>\s]/g, c => encodeURIComponent(c))
}

/** `>` only occurs inside JSON strings, so escaping it keeps `-->` out of the HTML comment. */
function encodeData(data: CommentData): string {
  return JSON.stringify(data).replace(/</g, '\\u003c').replace(/>/g, '\\u003e')
}
