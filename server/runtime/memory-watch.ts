import { readFile } from 'node:fs/promises'
import { watchLimit } from './limit-watch.js'

const POLL_MS = 200

/** Resident memory of `pid` in bytes (VmRSS), or null when /proc has no answer. */
export async function residentBytes(pid: number): Promise<number | null> {
  try {
    const status = await readFile(`/proc/${pid}/status`, 'utf8')
    const kb = /^VmRSS:\s+(\d+)\s+kB/m.exec(status)
    return kb ? Number(kb[1]) * 1024 : null
  } catch {
    return null
  }
}

/**
 * Polls a process's resident memory (the V8 heap flag cannot see ArrayBuffers and native
 * memory) and calls `onExceeded` once when it passes `limitBytes`. Returns a stop function.
 */
export function watchMemory(
  pid: number,
  limitBytes: number,
  onExceeded: (bytes: number) => void
): () => void {
  return watchLimit(() => residentBytes(pid), limitBytes, POLL_MS, onExceeded)
}
