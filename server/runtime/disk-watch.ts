import { lstat, readdir } from 'node:fs/promises'
import { join } from 'node:path'
import { watchLimit } from './limit-watch.js'

const POLL_MS = 250
/**
 * The least one entry counts: an empty file or directory still takes an inode and usually a
 * block, so a flood of empty files reaches the quota too (and the walk stays bounded by it).
 */
const MIN_ENTRY_BYTES = 4096

/**
 * Bytes on disk under a KV database's directory, whatever is there: Deno's write grant on the
 * database file covers paths below it too, so an app can replace the file with a directory tree
 * and fill that. The normal case is the directory and a handful of SQLite files.
 */
export async function kvBytes(kvDir: string): Promise<number> {
  // Gone meanwhile (SQLite drops its journal, the app removes what it made) counts 0.
  const info = await lstat(kvDir).catch(() => null)
  if (!info) return 0
  const own = Math.max(info.size, MIN_ENTRY_BYTES)
  if (!info.isDirectory()) return own
  const names = await readdir(kvDir).catch(() => [])
  const sizes = await Promise.all(names.map(name => kvBytes(join(kvDir, name))))
  return sizes.reduce((sum, size) => sum + size, own)
}

/**
 * Polls the size of a KV database's directory and calls `onExceeded` once when it passes
 * `quotaBytes` (Deno has no file-size limit of its own, so the server enforces the quota).
 * Returns a stop function.
 */
export function watchKvQuota(
  kvDir: string,
  quotaBytes: number,
  onExceeded: (bytes: number) => void
): () => void {
  return watchLimit(() => kvBytes(kvDir), quotaBytes, POLL_MS, onExceeded)
}
