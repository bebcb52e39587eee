/**
 * A create whose answer was lost (a 408/429/5xx, or a reset after the whole body was sent) may
 * still have created the deployment or revision. Both APIs find it again the same way: list newest
 * first, only what was created since the first attempt less the clock skew allowed between us and
 * the server, and take the one that carries this run's marker (v1: the description, v2: the run
 * label). The same window serves the retry of a create and the one lookup after a cancel.
 */

/** Clock skew allowed between us and the server when looking for what this run created. */
export const LOOKBACK_MS = 10 * 60_000
/** How long the one lookup after a cancel may take (the run is already stopping). */
export const LOOKUP_AFTER_CANCEL_MS = 5_000

/** The earliest creation time a deployment of a run that started at `firstAttempt` can show. */
export function lookbackStart(firstAttempt: number = Date.now()): number {
  return firstAttempt - LOOKBACK_MS
}

export interface CreatedSearch<T> {
  /** Lists newest first; stops paging when `done(page)` says the rest is older. */
  list(done: (page: T[]) => boolean): Promise<T[]>
  createdAt(item: T): string
  isOurs(item: T): boolean
}

/** The item created since `since` (epoch ms) that is this run's, if the server has it. */
export async function findCreatedSince<T>(
  search: CreatedSearch<T>,
  since: number
): Promise<T | undefined> {
  const time = (item: T): number => Date.parse(search.createdAt(item))
  const isOld = (item: T): boolean => time(item) < since
  // Stop at a page of only old items, but only if the server really sorted newest first; one
  // that ignored the order could hold ours on a later page.
  const pastRecent = (page: T[]): boolean =>
    page.every(isOld) && time(page[0]) >= time(page[page.length - 1])
  const recent = await search.list(pastRecent)
  return recent.find(item => search.isOurs(item) && !isOld(item))
}
