/**
 * `read` at most once and keep its answer (the project or app of a run is read by several
 * steps); a failed read is forgotten, so the next call tries again.
 */
export function readOnce<T>(read: () => Promise<T>): () => Promise<T> {
  let pending: Promise<T> | null = null
  return () =>
    (pending ??= read().catch((error: unknown) => {
      pending = null
      throw error
    }))
}
