import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { delimiter, join } from 'node:path'

let setprivPath: string | null | undefined

/** util-linux setpriv (Linux), which can set the parent-death signal before it execs. */
function setpriv(): string | null {
  if (setprivPath !== undefined) return setprivPath
  setprivPath = null
  if (process.platform !== 'linux') return setprivPath
  for (const dir of ['/usr/bin', '/bin', ...(process.env.PATH ?? '').split(delimiter)]) {
    if (dir && existsSync(join(dir, 'setpriv'))) return (setprivPath = join(dir, 'setpriv'))
  }
  return setprivPath
}

/**
 * The command line that makes the kernel SIGKILL the process when the server dies, however it
 * dies (even SIGKILL, which no handler sees). setpriv execs Deno, so the pid stays Deno's.
 */
export function dieWithServer(
  command: string,
  args: string[]
): { command: string; args: string[] } {
  const wrapper = setpriv()
  if (!wrapper) return { command, args }
  return { command: wrapper, args: ['--pdeathsig', 'SIGKILL', '--', command, ...args] }
}

/** Start time of a process in clock ticks since boot (/proc/<pid>/stat field 22), or null. */
function startTime(pid: number): string | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] ?? null
  } catch {
    return null
  }
}

interface PidEntry {
  /** Start time (see startTime), or null where /proc is unavailable: then it is never killed. */
  start: string | null
  socketDir: string | null
}

function readEntry(path: string): PidEntry {
  try {
    const value = JSON.parse(readFileSync(path, 'utf8')) as Partial<PidEntry>
    return {
      start: typeof value.start === 'string' ? value.start : null,
      socketDir:
        typeof value.socketDir === 'string' && /[/\\]subh-[^/\\]+$/.test(value.socketDir)
          ? value.socketDir
          : null
    }
  } catch {
    return { start: null, socketDir: null }
  }
}

/**
 * One file per live deployment process, so a server that died without stopping them (or on a
 * system without setpriv) kills the leftovers at its next start. The start time guards against
 * killing an unrelated process that got a recycled pid.
 */
export class PidFiles {
  constructor(private readonly dir: string) {}

  /** `socketDir` (see control-channel.ts) is removed with the process's leftovers. */
  record(pid: number, socketDir: string): void {
    mkdirSync(this.dir, { recursive: true })
    const entry: PidEntry = { start: startTime(pid), socketDir }
    writeFileSync(join(this.dir, String(pid)), JSON.stringify(entry))
  }

  forget(pid: number): void {
    rmSync(join(this.dir, String(pid)), { force: true })
  }

  /** Kills every recorded process that is still the same process; returns their pids. */
  reapLeftovers(): number[] {
    if (!existsSync(this.dir)) return []
    const reaped: number[] = []
    for (const name of readdirSync(this.dir)) {
      const pid = Number(name)
      const recorded = readEntry(join(this.dir, name))
      if (recorded.socketDir) rmSync(recorded.socketDir, { recursive: true, force: true })
      if (Number.isInteger(pid) && recorded.start !== null && startTime(pid) === recorded.start) {
        try {
          process.kill(pid, 'SIGKILL')
          reaped.push(pid)
        } catch {
          // gone in the meantime
        }
      }
      rmSync(join(this.dir, name), { force: true })
    }
    return reaped
  }
}
