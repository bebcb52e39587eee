// Runs a revision's install / build / predeploy command (only with --run-build-commands):
// `sh -c` in the revision's source directory, as the server's user, unsandboxed.
import { spawn } from 'node:child_process'
import { forEachLine, stripAnsi } from '../../runtime/log-lines.js'

export type CommandResult =
  | { outcome: 'succeeded' }
  | { outcome: 'errored'; message: string }
  | { outcome: 'timed_out' | 'cancelled' }

export interface CommandSpec {
  command: string
  cwd: string
  env: Record<string, string>
  timeoutMs: number
  signal: AbortSignal
  onLine(stream: 'stdout' | 'stderr', line: string): void
}

/** Kills the whole process group: `sh -c` may have started children of its own. */
function killGroup(pid: number | undefined): void {
  if (pid === undefined) return
  try {
    process.kill(-pid, 'SIGKILL')
  } catch {
    // Already gone.
  }
}

export async function runCommand(spec: CommandSpec): Promise<CommandResult> {
  if (spec.signal.aborted) return { outcome: 'cancelled' }
  const child = spawn('sh', ['-c', spec.command], {
    cwd: spec.cwd,
    env: spec.env,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true
  })
  let stoppedBy: 'timed_out' | 'cancelled' | null = null
  const stop = (why: 'timed_out' | 'cancelled'): void => {
    stoppedBy ??= why
    killGroup(child.pid)
  }
  const timer = setTimeout(() => stop('timed_out'), spec.timeoutMs)
  const onAbort = (): void => stop('cancelled')
  spec.signal.addEventListener('abort', onAbort)
  const exit = new Promise<{ code: number | null; error?: Error }>(resolve => {
    child.once('error', error => resolve({ code: null, error }))
    child.once('close', code => resolve({ code }))
  })
  await Promise.all([
    forEachLine(child.stdout, line => spec.onLine('stdout', stripAnsi(line))),
    forEachLine(child.stderr, line => spec.onLine('stderr', stripAnsi(line)))
  ])
  const { code, error } = await exit
  clearTimeout(timer)
  spec.signal.removeEventListener('abort', onAbort)
  // Background children the command left behind must not outlive it.
  killGroup(child.pid)
  if (stoppedBy) return { outcome: stoppedBy }
  if (error) return { outcome: 'errored', message: `could not run sh: ${error.message}` }
  return code === 0
    ? { outcome: 'succeeded' }
    : { outcome: 'errored', message: `exited with code ${code}` }
}
