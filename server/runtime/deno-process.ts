import { spawn, type ChildProcess } from 'node:child_process'
import { Agent } from 'node:http'
import type { LogLevel } from './types.js'
import { forEachLine, stripAnsi } from './log-lines.js'

const MARK = '\u001e@subhosting '
// Deno's hint for `deno run` on a module with a default fetch export; the bootstrap serves it.
const DENO_SERVE_HINT = /^warning: Detected export default \{ fetch \}/
const STOP_GRACE_MS = 2000

export interface ProcessOptions {
  command: string
  args: string[]
  env: Record<string, string>
  cwd: string
  startTimeoutMs: number
  onLog(level: LogLevel, message: string): void
  onKv(reads: number, writes: number): void
}

export interface ExitInfo {
  code: number | null
  signal: NodeJS.Signals | null
  /** Whether the server asked for the stop (idle, eviction, unregister). */
  requested: boolean
}

/** Thrown when the process exits or times out before it listens; the message is user-facing. */
export class StartError extends Error {}

/** One live Deno process serving one deployment on a loopback port. */
export class DenoProcess {
  readonly agent = new Agent({ keepAlive: true, maxSockets: 64 })
  readonly exited: Promise<ExitInfo>
  port = 0
  private stopRequested = false
  private exitInfo: ExitInfo | undefined
  /** Last lines on stderr, for explaining a failed start or a crash. */
  private readonly recentErrors: string[] = []

  private constructor(
    private readonly child: ChildProcess,
    private readonly options: ProcessOptions
  ) {
    this.exited = new Promise(resolve => {
      child.once('exit', (code, signal) => {
        this.exitInfo = { code, signal, requested: this.stopRequested }
        this.agent.destroy()
        resolve(this.exitInfo)
      })
    })
  }

  static async start(options: ProcessOptions): Promise<DenoProcess> {
    const child = spawn(options.command, options.args, {
      cwd: options.cwd,
      env: options.env,
      stdio: ['pipe', 'pipe', 'pipe']
    })
    const proc = new DenoProcess(child, options)
    // Never write to stdin: it only exists so the process notices when the server is gone.
    child.stdin?.on('error', () => undefined)
    return proc.waitReady()
  }

  get alive(): boolean {
    return this.exitInfo === undefined
  }

  get pid(): number | undefined {
    return this.child.pid
  }

  /** A one-line explanation of why the process ended, for 502 bodies and logs. */
  describeExit(info: ExitInfo): string {
    const how = info.signal ? `was killed by ${info.signal}` : `exited with code ${info.code}`
    const lines = this.recentErrors.filter(line => line.trim())
    const last = lines.findLast(line => /^error: /.test(line)) ?? lines.at(-1)
    return last ? `the deployment's process ${how}: ${last}` : `the deployment's process ${how}`
  }

  private waitReady(): Promise<DenoProcess> {
    return new Promise((resolve, reject) => {
      let settled = false
      const settle = (error?: Error) => {
        if (settled) return
        settled = true
        clearTimeout(timer)
        if (error) {
          void this.stop()
          reject(error)
        } else resolve(this)
      }
      const timer = setTimeout(
        () =>
          settle(
            new StartError(
              `the deployment's process did not start serving HTTP within ` +
                `${this.options.startTimeoutMs} ms`
            )
          ),
        this.options.startTimeoutMs
      )
      if (this.child.stdout) {
        void forEachLine(this.child.stdout, line => {
          if (!line.startsWith(MARK)) return this.options.onLog('info', stripAnsi(line))
          const message = this.parseMessage(line)
          if (typeof message.ready === 'number') {
            this.port = message.ready
            settle()
          } else if (typeof message.fatal === 'string') {
            settle(new StartError(message.fatal))
          } else if (message.kv && typeof message.kv === 'object') {
            const kv = message.kv as { read?: number; write?: number }
            this.options.onKv(Number(kv.read) || 0, Number(kv.write) || 0)
          }
        })
      }
      if (this.child.stderr) {
        void forEachLine(this.child.stderr, raw => {
          const line = stripAnsi(raw)
          if (DENO_SERVE_HINT.test(line)) return
          this.recentErrors.push(line)
          if (this.recentErrors.length > 20) this.recentErrors.shift()
          this.options.onLog('error', line)
        })
      }
      this.child.once('error', error =>
        settle(new StartError(`could not start Deno: ${error.message}`))
      )
      void this.exited.then(info => settle(new StartError(this.describeExit(info))))
    })
  }

  private parseMessage(line: string): Record<string, unknown> {
    try {
      const value: unknown = JSON.parse(line.slice(MARK.length))
      return value && typeof value === 'object' ? (value as Record<string, unknown>) : {}
    } catch {
      return {}
    }
  }

  /** SIGTERM, then SIGKILL if it lingers; resolves once the process is gone. */
  async stop(): Promise<void> {
    if (!this.alive) return
    this.stopRequested = true
    this.child.kill('SIGTERM')
    const timer = setTimeout(() => this.child.kill('SIGKILL'), STOP_GRACE_MS)
    await this.exited
    clearTimeout(timer)
  }
}
