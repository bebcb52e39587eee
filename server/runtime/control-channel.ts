import { readFileSync, readdirSync, readlinkSync, rmSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { createServer, type Server, type Socket } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { forEachLine } from './log-lines.js'

/**
 * Where one process serves HTTP and talks to the server. Unix socket paths are limited to about
 * 107 bytes, so they live in a fresh private directory under the system temp dir rather than in
 * the (arbitrarily deep) data dir.
 */
export interface ProcessSockets {
  dir: string
  http: string
  control: string
}

/** Directories of live processes, removed synchronously if the server exits without stopping them. */
const liveDirs = new Set<string>()
let exitHookInstalled = false

export async function allocateSockets(): Promise<ProcessSockets> {
  // The owner's pid in the name lets a later server reap what a killed one left (reapSocketDirs).
  const dir = await mkdtemp(join(tmpdir(), `subh-${process.pid}-`))
  liveDirs.add(dir)
  if (!exitHookInstalled) {
    exitHookInstalled = true
    process.once('exit', () => {
      for (const live of liveDirs) rmSync(live, { recursive: true, force: true })
    })
  }
  return { dir, http: join(dir, 'http.sock'), control: join(dir, 'control.sock') }
}

export async function releaseSockets(sockets: ProcessSockets): Promise<void> {
  await rm(sockets.dir, { recursive: true, force: true })
  liveDirs.delete(sockets.dir)
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/**
 * Removes socket directories whose owning server is gone (killed with SIGKILL, so no exit hook
 * ran); returns how many. Directories of live servers, including other instances, are kept.
 */
export function reapSocketDirs(): number {
  let reaped = 0
  for (const name of readdirSync(tmpdir())) {
    const owner = /^subh-(\d+)-/.exec(name)
    if (!owner || Number(owner[1]) === process.pid || pidAlive(Number(owner[1]))) continue
    rmSync(join(tmpdir(), name), { recursive: true, force: true })
    reaped++
  }
  return reaped
}

export interface ControlHandlers {
  ready(socketPath: string): void
  fatal(message: string): void
  kv(reads: number, writes: number): void
}

/**
 * The server's private line to one process: a unix socket that accepts exactly one connection
 * (the bootstrap's, made before any app code runs; it then revokes its own access to the path)
 * and stops listening. The app's stdout is only ever app output.
 */
export class ControlChannel {
  private connection: Socket | undefined

  private constructor(private readonly server: Server) {}

  static async listen(path: string, handlers: ControlHandlers): Promise<ControlChannel> {
    const server = createServer()
    const channel = new ControlChannel(server)
    server.on('connection', socket => channel.accept(socket, handlers))
    server.maxConnections = 1
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject)
      server.listen(path, () => resolve())
    })
    return channel
  }

  private accept(socket: Socket, handlers: ControlHandlers): void {
    if (this.connection) return void socket.destroy()
    this.connection = socket
    this.server.close()
    socket.on('error', () => undefined)
    void forEachLine(socket, line => dispatch(line, handlers))
  }

  close(): void {
    this.server.close()
    this.connection?.destroy()
  }
}

function dispatch(line: string, handlers: ControlHandlers): void {
  let message: Record<string, unknown>
  try {
    const value: unknown = JSON.parse(line)
    if (!value || typeof value !== 'object') return
    message = value as Record<string, unknown>
  } catch {
    return
  }
  if (typeof message.ready === 'string') handlers.ready(message.ready)
  else if (typeof message.fatal === 'string') handlers.fatal(message.fatal)
  else if (message.kv && typeof message.kv === 'object') {
    const kv = message.kv as { read?: unknown; write?: unknown }
    handlers.kv(Number(kv.read) || 0, Number(kv.write) || 0)
  }
}

/**
 * Whether process `pid` itself holds the listening unix socket at `path` (Linux /proc: the
 * socket's inode among the process's open files). null where /proc is unavailable.
 * Read synchronously: procfs answers from memory, and a fresh process has a few dozen files,
 * where a thread-pool round trip per file would hold up the deployment's first request.
 */
export function listensOn(pid: number, path: string): boolean | null {
  let table: string
  try {
    table = readFileSync(`/proc/${pid}/net/unix`, 'utf8')
  } catch {
    return null
  }
  // Columns: Num RefCount Protocol Flags Type St Inode Path; flag 00010000 = listening.
  const inodes = new Set(
    table
      .split('\n')
      .map(row => row.trim().split(/\s+/))
      .filter(cols => cols[7] === path && (parseInt(cols[3], 16) & 0x10000) !== 0)
      .map(cols => `socket:[${cols[6]}]`)
  )
  if (inodes.size === 0) return false
  let fds: string[]
  try {
    fds = readdirSync(`/proc/${pid}/fd`)
  } catch {
    return false
  }
  for (const fd of fds) {
    let target = ''
    try {
      target = readlinkSync(`/proc/${pid}/fd/${fd}`)
    } catch {
      // closed meanwhile
    }
    if (inodes.has(target)) return true
  }
  return false
}
