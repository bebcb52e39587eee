import { lstat, readdir, rm } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'
import type { Stats } from 'node:fs'

/** What SQLite keeps beside a database file; Deno's KV API makes nothing else. */
const SQLITE_SUFFIXES = ['', '-wal', '-shm', '-journal']

function kindOf(info: Stats): string {
  if (info.isFile()) return 'a file'
  if (info.isDirectory()) return 'a directory'
  if (info.isSymbolicLink()) return 'a symlink'
  if (info.isFIFO()) return 'a fifo'
  if (info.isSocket()) return 'a socket'
  return 'a device'
}

/**
 * Removes from a KV database's directory everything but the database file and SQLite's siblings,
 * each a regular file, and returns a warning per removal for the app log. Deno's write grant on
 * the database file covers paths below it, so an app can put a directory tree at the file's path
 * (and a symlink or fifo could come by other means); the app may keep only its database there.
 */
export async function removeStrays(kvFile: string): Promise<string[]> {
  const kvDir = dirname(kvFile)
  const kept = new Set(SQLITE_SUFFIXES.map(suffix => basename(kvFile) + suffix))
  const removed: string[] = []
  for (const name of await readdir(kvDir)) {
    const path = join(kvDir, name)
    const info = await lstat(path).catch(() => null)
    if (!info || (info.isFile() && kept.has(name))) continue
    // Retries: another deployment's process sharing the database may still write in the tree.
    await rm(path, { recursive: true, force: true, maxRetries: 3 })
    const why = kept.has(name)
      ? 'SQLite needs a regular file there, and the app may keep nothing but its database'
      : "only the database and SQLite's -wal, -shm and -journal files belong there"
    removed.push(
      `Removed ${kindOf(info)} at ${name} from the KV database's directory before start: ${why}.`
    )
  }
  return removed
}
