import { stat } from 'node:fs/promises'
import { watchLimit } from './limit-watch.js'

const POLL_MS = 250
/** SQLite's files for one database: Deno's KV API can write nothing else (see sandbox.ts). */
const KV_SUFFIXES = ['', '-wal', '-shm', '-journal']

/** Bytes on disk of a KV database: its file and SQLite's siblings (missing ones count 0). */
export async function kvBytes(kvFile: string): Promise<number> {
  const sizes = await Promise.all(
    KV_SUFFIXES.map(suffix =>
      stat(kvFile + suffix).then(
        info => info.size,
        () => 0
      )
    )
  )
  return sizes.reduce((sum, size) => sum + size, 0)
}

/**
 * Polls a KV database's size and calls `onExceeded` once when it passes `quotaBytes` (Deno has no
 * file-size limit of its own, so the server enforces the quota). Returns a stop function.
 */
export function watchKvQuota(
  kvFile: string,
  quotaBytes: number,
  onExceeded: (bytes: number) => void
): () => void {
  return watchLimit(() => kvBytes(kvFile), quotaBytes, POLL_MS, onExceeded)
}
