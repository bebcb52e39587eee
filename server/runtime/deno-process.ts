import { spawn, type ChildProcess } from 'node:child_process'
import { Pool } from 'undici'
import type { LogLevel } from './types.js'
import { forEachLine, stripAnsi } from './log-lines.js'
import {
  ControlChannel,
  listensOn,
  releaseSockets,
  type ProcessSockets
} from './control-channel.js'
import { watchMemory } from './memory-watch.js'
import { watchKvQuota } from './disk-watch.js'
import { dieWithServer, type PidFiles } from './orphans.js'
import { presentPaths } from './source-paths.js'

// Deno's hint for `deno run` on a module with a default fetch export; the bootstrap serves it.
const DENO_SERVE_HINT = /^warning: Detected export default \{ fetch \}/
const STACK_FRAME = /^\s+at /
const STOP_GRACE_MS = 2000
// The bootstrap's frames show up in app stack traces; its place on the server is nobody's business.
const BOOTSTRAP_URL = new URL('./bootstrap.ts', import.meta.url).href
const BOOTSTRAP_SHOWN = 'ext:subhosting/bootstrap.ts'
const MB = 1024 * 1024

export interface ProcessOptions {
  command: string
  args: string[]
  env: Record<string, string>
  /** The deployment's assets (the working directory; paths in its output are shown relative). */
  srcDir: string
  sockets: ProcessSockets
  startTimeoutMs: number
  memoryLimitBytes: number
  /** The KV database's directory, all of it held to `quotaBytes`, or null without KV. */
  kv: { dir: string; quotaBytes: number } | null
  pidFiles: PidFiles
  onLog(level: LogLevel, message: string): void
  onKv(reads: number, writes: number): void
}

export interface ExitInfo {
  code: number | null
  signal: NodeJS.Signals | null
  /** Whether the server asked for the stop (idle, eviction, unregister). */
  requested: boolean
}

interface ReadyHandlers {
  ready(socketPath: string): void
  fatal(message: string): void
}

/** Thrown when the process exits or times out before it listens; the message is user-facing. */
export class StartError extends Error {}

/** One live Deno process serving one deployment on its own unix socket. */
export class DenoProcess {
  /** Keep-alive HTTP connections to the process's socket, for proxied requests. */
  readonly upstream: Pool
  readonly exited: Promise<ExitInfo>
  private stopRequested = false
  private exitInfo: ExitInfo | undefined
  /** Why the server killed it (memory), for the 502 body and the app log. */
  private killedFor: string | undefined
  /** Last lines on stderr, for explaining a failed start or a crash. */
  private readonly recentErrors: string[] = []
  private channel: ControlChannel | undefined

  private constructor(
    private readonly child: ChildProcess,
    private readonly options: ProcessOptions
  ) {
    // Timeouts are the proxy's (one deadline per exchange), not the pool's.
    this.upstream = new Pool('http://deployment.invalid', {
      socketPath: options.sockets.http,
      connections: 64,
      headersTimeout: 0,
      bodyTimeout: 0
    })
    this.exited = new Promise(resolve => {
      child.once('exit', (code, signal) => {
        this.exitInfo = { code, signal, requested: this.stopRequested }
        void this.upstream.destroy().catch(() => undefined)
        this.channel?.close()
        if (child.pid) options.pidFiles.forget(child.pid)
        // Resolved once the socket directory is gone, so a server that stops leaves none behind.
        const info = this.exitInfo
        void releaseSockets(options.sockets).finally(() => resolve(info))
      })
    })
  }

  /** Where the server sends the deployment's HTTP traffic. */
  get socketPath(): string {
    return this.options.sockets.http
  }

  static async start(options: ProcessOptions): Promise<DenoProcess> {
    // Filled in by waitReady, synchronously after the spawn: no message can arrive before.
    const handlers: ReadyHandlers = { ready: () => undefined, fatal: () => undefined }
    const channel = await ControlChannel.listen(options.sockets.control, {
      ready: path => handlers.ready(path),
      fatal: message => handlers.fatal(message),
      kv: (reads, writes) => options.onKv(reads, writes)
    })
    const { command, args } = dieWithServer(options.command, options.args)
    const child = spawn(command, args, {
      cwd: options.srcDir,
      env: options.env,
      stdio: ['pipe', 'pipe', 'pipe']
    })
    const proc = new DenoProcess(child, options)
    proc.channel = channel
    if (child.pid) options.pidFiles.record(child.pid, options.sockets.dir)
    // Never written to: stdin only exists so the process notices when the server is gone.
    child.stdin?.on('error', () => undefined)
    return proc.waitReady(handlers)
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
    if (this.killedFor) return `the deployment's process ${how}: it ${this.killedFor}`
    const lines = this.recentErrors.filter(line => line.trim() && !STACK_FRAME.test(line))
    const last = lines.findLast(line => /^error: /.test(line)) ?? lines.at(-1)
    return last ? `the deployment's process ${how}: ${last}` : `the deployment's process ${how}`
  }

  private waitReady(handlers: ReadyHandlers): Promise<DenoProcess> {
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
      this.streamOutput()
      this.watchMemory()
      this.watchKv()
      // Accepted once: later messages (even forged by the app) change nothing.
      handlers.ready = path => {
        if (settled) return
        const problem = this.checkListener(path)
        settle(problem ? new StartError(problem) : undefined)
      }
      handlers.fatal = message => settle(new StartError(message))
      this.child.once('error', error =>
        settle(new StartError(`could not start Deno: ${error.message}`))
      )
      void this.exited.then(info => settle(new StartError(this.describeExit(info))))
    })
  }

  /** The socket must be the one the server assigned, and this very process must listen on it. */
  private checkListener(path: string): string | undefined {
    if (path !== this.options.sockets.http) {
      return "the deployment's process reported a listener the server did not assign"
    }
    const pid = this.child.pid
    if (pid && listensOn(pid, path) === false) {
      return "the deployment's process reported a listener it does not hold"
    }
    return undefined
  }

  private streamOutput(): void {
    const present = (raw: string) =>
      presentPaths(stripAnsi(raw), this.options.srcDir).split(BOOTSTRAP_URL).join(BOOTSTRAP_SHOWN)
    if (this.child.stdout) {
      void forEachLine(this.child.stdout, line => this.options.onLog('info', present(line)))
    }
    if (this.child.stderr) {
      void forEachLine(this.child.stderr, raw => {
        const line = present(raw)
        if (DENO_SERVE_HINT.test(line)) return
        this.recentErrors.push(line)
        if (this.recentErrors.length > 20) this.recentErrors.shift()
        this.options.onLog('error', line)
      })
    }
  }

  private watchMemory(): void {
    const pid = this.child.pid
    if (!pid) return
    const limit = this.options.memoryLimitBytes
    const stop = watchMemory(pid, limit, bytes => {
      this.killedFor =
        `used ${Math.round(bytes / MB)} MB of memory, over the limit of ` +
        `${Math.round(limit / MB)} MB`
      this.options.onLog('error', `Memory limit exceeded: the process ${this.killedFor}; stopped.`)
      this.child.kill('SIGKILL')
    })
    void this.exited.then(stop)
  }

  private watchKv(): void {
    const kv = this.options.kv
    if (!kv) return
    const stop = watchKvQuota(kv.dir, kv.quotaBytes, bytes => {
      this.killedFor =
        `grew its KV database to ${Math.round(bytes / MB)} MB, over the quota of ` +
        `${Math.round(kv.quotaBytes / MB)} MB`
      this.options.onLog('error', `KV quota exceeded: the process ${this.killedFor}; stopped.`)
      this.child.kill('SIGKILL')
    })
    void this.exited.then(stop)
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
