/**
 * Previews at scale, in one place for the CLI and the lifecycle: the safety rules of removing a
 * preview (never the production revision, never one bound to a custom domain, never one still
 * building, never one created after the listing started), the removal itself (a 404 is "already
 * gone", so two janitors at once never fail on each other), and which previews a prune picks.
 */
import type { Platform, PreviewInfo } from '../platform/platform.js'

/** Why `preview` must stay, or null when it may be removed. */
export function removalBlocker(preview: PreviewInfo, listedAt?: number): string | null {
  if (preview.building) return 'it is still building'
  if (preview.production) return 'it serves production'
  if (preview.customDomains.length)
    return `it serves the custom domain ${preview.customDomains.join(', ')}`
  if (listedAt !== undefined && Date.parse(preview.createdAt) > listedAt)
    return 'it was created after the listing started'
  return null
}

export type RemoveOutcome =
  | { kind: 'deleted' }
  | { kind: 'gone' }
  | { kind: 'kept'; reason: string }
  | { kind: 'would-delete' }

export interface RemoveOptions {
  dryRun?: boolean
  /** Epoch ms the listing started: anything created later is someone else's new preview. */
  listedAt?: number
}

/**
 * Removes one preview after reading it afresh (its state may have changed since the listing):
 * the safety rules decide, then the platform's delete (which keeps what it still routes).
 */
export async function removePreview(
  platform: Platform,
  id: string,
  options: RemoveOptions = {}
): Promise<RemoveOutcome> {
  const now = await platform.inspect(id)
  if (!now) return { kind: 'gone' }
  const blocker = removalBlocker(now, options.listedAt)
  if (blocker) return { kind: 'kept', reason: blocker }
  if (options.dryRun) return { kind: 'would-delete' }
  return platform.delete(id)
}

/**
 * `14d`, `12h`, `30m`, `90s` → milliseconds; null when malformed, a bare number included (14
 * could be days or seconds).
 */
export function parseAge(text: string): number | null {
  const match = /^(\d+)\s*([dhms])$/i.exec(text.trim())
  if (!match) return null
  const unit = { d: 86_400_000, h: 3_600_000, m: 60_000, s: 1_000 }[
    match[2].toLowerCase() as 'd' | 'h' | 'm' | 's'
  ]
  return Number(match[1]) * unit
}

export interface PruneRules {
  /** Only this pull request's previews. */
  pr?: number | null
  /** Only previews older than this (ms). */
  olderThanMs?: number | null
  /** Keep the newest N previews of each pull request. */
  keep?: number | null
  now?: number
}

export interface PrunePick {
  preview: PreviewInfo
  reason: string
}

/** What a prune removes, oldest first, each with why; the safety rules still apply later. */
export function planPrune(previews: PreviewInfo[], rules: PruneRules): PrunePick[] {
  const now = rules.now ?? Date.now()
  const scoped = previews.filter(p => rules.pr == null || p.pullRequest === rules.pr)
  const rank = newestRank(scoped)
  const picks: PrunePick[] = []
  for (const p of scoped) {
    const age = now - Date.parse(p.createdAt)
    const old = rules.olderThanMs == null || age > rules.olderThanMs
    const extra = rules.keep == null || rank.get(p.id)! >= rules.keep
    if (!old || !extra) continue
    const why = [
      rules.olderThanMs != null ? `older than ${formatAge(rules.olderThanMs)}` : null,
      rules.keep != null ? `beyond the newest ${rules.keep} of #${p.pullRequest ?? '?'}` : null
    ].filter(Boolean)
    picks.push({ preview: p, reason: why.length ? why.join(', ') : 'prune' })
  }
  return picks
}

/** 0 for each PR's newest preview, 1 for the next, ... */
export function newestRank(previews: PreviewInfo[]): Map<string, number> {
  const seen = new Map<string, number>()
  const rank = new Map<string, number>()
  const newestFirst = [...previews].sort((a, b) => b.createdAt.localeCompare(a.createdAt))
  for (const p of newestFirst) {
    const key = String(p.pullRequest)
    const n = seen.get(key) ?? 0
    rank.set(p.id, n)
    seen.set(key, n + 1)
  }
  return rank
}

export function formatAge(ms: number): string {
  if (ms >= 86_400_000) return `${Math.floor(ms / 86_400_000)}d`
  if (ms >= 3_600_000) return `${Math.floor(ms / 3_600_000)}h`
  if (ms >= 60_000) return `${Math.floor(ms / 60_000)}m`
  return `${Math.floor(ms / 1_000)}s`
}

export interface EvictionInput {
  /** At most this many previews in the project (app), the new one included. */
  limit: number
  /** The pull request about to get a new preview (its existing ones become older revisions). */
  incomingPr: number | null
  /** Pull requests known to be closed. */
  closed: ReadonlySet<number>
}

export type EvictionReason = 'closed' | 'superseded' | 'least-recent'

export interface Eviction {
  preview: PreviewInfo
  reason: EvictionReason
}

/**
 * Which previews go so that one more stays under `limit`: closed PRs' previews first, then the
 * older revisions of PRs that have a newer one, then the least recently deployed open PRs'
 * current previews. Previews the safety rules keep count, but are never picked.
 */
export function planEviction(previews: PreviewInfo[], input: EvictionInput): Eviction[] {
  const excess = previews.length + 1 - input.limit
  if (excess <= 0) return []
  const rank = newestRank(previews)
  const isCurrent = (p: PreviewInfo) => rank.get(p.id) === 0 && p.pullRequest !== input.incomingPr
  const removable = [...previews]
    .filter(p => removalBlocker(p) === null)
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt))
  const closed = removable.filter(p => p.pullRequest !== null && input.closed.has(p.pullRequest))
  const open = removable.filter(p => !closed.includes(p))
  const ordered: Eviction[] = [
    ...closed.map(p => ({ preview: p, reason: 'closed' as const })),
    ...open.filter(p => !isCurrent(p)).map(p => ({ preview: p, reason: 'superseded' as const })),
    ...open.filter(isCurrent).map(p => ({ preview: p, reason: 'least-recent' as const }))
  ]
  return ordered.slice(0, excess)
}

export const EVICTION_WHY: Record<EvictionReason, string> = {
  closed: 'its pull request is closed',
  superseded: 'its pull request has a newer preview',
  'least-recent': 'least recently deployed open pull request'
}

export interface Removal {
  id: string
  pullRequest: number | null
  /** Why it was picked. */
  reason: string
  outcome: RemoveOutcome
}

/** Removes each pick under the safety rules; an error on one is its outcome, not the end. */
export async function removeAll(
  platform: Platform,
  picks: { preview: PreviewInfo; reason: string }[],
  options: RemoveOptions = {}
): Promise<Removal[]> {
  const done: Removal[] = []
  for (const { preview, reason } of picks) {
    let outcome: RemoveOutcome
    try {
      outcome = await removePreview(platform, preview.id, options)
    } catch (error) {
      outcome = { kind: 'kept', reason: `the delete failed: ${(error as Error).message}` }
    }
    done.push({ id: preview.id, pullRequest: preview.pullRequest, reason, outcome })
  }
  return done
}

/** One line per removal: `deleted d123 (#4): older than 14d`. */
export function removalLine(r: Removal): string {
  const what =
    r.outcome.kind === 'kept'
      ? `kept ${r.id} (${r.outcome.reason})`
      : r.outcome.kind === 'would-delete'
        ? `would delete ${r.id}`
        : r.outcome.kind === 'gone'
          ? `${r.id} already gone`
          : `deleted ${r.id}`
  return `${what}${r.pullRequest !== null ? ` of #${r.pullRequest}` : ''}: ${r.reason}`
}
