import {
  closeSync,
  existsSync,
  fstatSync,
  mkdirSync,
  openSync,
  readSync,
  renameSync,
  writeSync
} from 'node:fs'
import { dirname } from 'node:path'

type Listener<E> = (entry: E | null) => void

export interface LogLimits {
  /** Per deployment: the most recent entries whose JSON lines add up to at most this many bytes. */
  memoryBytes: number
  /** A log file is rotated to `<file>.1` (replacing the older one) when it would pass this. */
  fileBytes: number
}

export const DEFAULT_LOG_LIMITS: LogLimits = { memoryBytes: 4 << 20, fileBytes: 64 << 20 }

/** The most recent entries of one log, bounded by the bytes of their JSON lines. */
class Ring<E> {
  private readonly items: E[] = []
  private readonly sizes: number[] = []
  private start = 0
  private bytes = 0

  constructor(private readonly capacity: number) {}

  push(entry: E, size: number): void {
    this.items.push(entry)
    this.sizes.push(size)
    this.bytes += size
    while (this.bytes > this.capacity && this.start < this.items.length) {
      this.bytes -= this.sizes[this.start]
      this.start++
    }
    // Dropped entries are spliced off in batches, so a flood costs amortized O(1) per entry.
    if (this.start > 1024 && this.start * 2 > this.items.length) this.compact()
  }

  list(): E[] {
    this.compact()
    return this.items
  }

  private compact(): void {
    this.items.splice(0, this.start)
    this.sizes.splice(0, this.start)
    this.start = 0
  }
}

/** Appends to a log file in batches (one write per turn of the event loop), rotating at a size. */
class LogFile {
  private fd: number
  private size: number
  private pending: string[] = []
  private scheduled = false

  constructor(
    private readonly path: string,
    private readonly maxBytes: number
  ) {
    mkdirSync(dirname(path), { recursive: true })
    this.fd = openSync(path, 'a', 0o600)
    this.size = fstatSync(this.fd).size
  }

  write(line: string): void {
    this.pending.push(line)
    if (this.scheduled) return
    this.scheduled = true
    setImmediate(() => this.flush())
  }

  flush(): void {
    this.scheduled = false
    if (!this.pending.length || this.fd < 0) return
    const chunk = Buffer.from(this.pending.join(''))
    this.pending = []
    try {
      if (this.size > 0 && this.size + chunk.length > this.maxBytes) this.rotate()
      writeSync(this.fd, chunk)
      this.size += chunk.length
    } catch (err) {
      process.stderr.write(`subhosting: log ${this.path}: ${(err as Error).message}\n`)
    }
  }

  close(): void {
    this.flush()
    if (this.fd >= 0) closeSync(this.fd)
    this.fd = -1
  }

  private rotate(): void {
    closeSync(this.fd)
    renameSync(this.path, this.path + '.1')
    this.fd = openSync(this.path, 'a', 0o600)
    this.size = 0
  }
}

/** The last `bytes` bytes of a file, from the first whole line on ('' when there is none). */
function readTail(path: string, bytes: number): string {
  if (bytes <= 0 || !existsSync(path)) return ''
  const fd = openSync(path, 'r')
  try {
    const size = fstatSync(fd).size
    const length = Math.min(size, bytes)
    const buffer = Buffer.alloc(length)
    readSync(fd, buffer, 0, length, size - length)
    const text = buffer.toString('utf8')
    return length < size ? text.slice(text.indexOf('\n') + 1) : text
  } finally {
    closeSync(fd)
  }
}

/**
 * Per-deployment log (build or app logs): the most recent entries in memory (a ring bounded by
 * bytes), every entry appended to an NDJSON file (rotated, one old file kept) so the recent ones
 * survive restarts, with listeners for live streams (`null` = the log is finished).
 */
export class LogBook<E> {
  private readonly memory = new Map<string, Ring<E>>()
  private readonly files = new Map<string, LogFile>()
  private readonly listeners = new Map<string, Set<Listener<E>>>()

  constructor(
    private readonly fileOf: (deploymentId: string) => string,
    private readonly limits: LogLimits = DEFAULT_LOG_LIMITS
  ) {}

  /** The entries still in memory, oldest first. */
  entries(id: string): E[] {
    return this.ring(id).list()
  }

  append(id: string, entry: E): void {
    const line = JSON.stringify(entry) + '\n'
    this.ring(id).push(entry, line.length)
    let file = this.files.get(id)
    if (!file) {
      file = new LogFile(this.fileOf(id), this.limits.fileBytes)
      this.files.set(id, file)
    }
    file.write(line)
    for (const listener of this.listeners.get(id) ?? []) listener(entry)
  }

  /** Tells live readers that no more entries will come. */
  finish(id: string): void {
    for (const listener of this.listeners.get(id) ?? []) listener(null)
  }

  subscribe(id: string, listener: Listener<E>): () => void {
    let set = this.listeners.get(id)
    if (!set) this.listeners.set(id, (set = new Set()))
    set.add(listener)
    return () => set.delete(listener)
  }

  /** Drops a deleted deployment's log (its file goes with the deployment directory). */
  async forget(id: string): Promise<void> {
    this.finish(id)
    this.listeners.delete(id)
    this.memory.delete(id)
    this.files.get(id)?.close()
    this.files.delete(id)
  }

  async close(): Promise<void> {
    for (const file of this.files.values()) file.close()
    this.files.clear()
  }

  private ring(id: string): Ring<E> {
    let ring = this.memory.get(id)
    if (!ring) {
      ring = this.load(id)
      this.memory.set(id, ring)
    }
    return ring
  }

  /** Only the tail that fits in memory is read, from the rotated file too if needed. */
  private load(id: string): Ring<E> {
    const ring = new Ring<E>(this.limits.memoryBytes)
    const path = this.fileOf(id)
    const current = readTail(path, this.limits.memoryBytes)
    const older = readTail(path + '.1', this.limits.memoryBytes - current.length)
    for (const line of (older + current).split('\n')) {
      if (!line) continue
      try {
        ring.push(JSON.parse(line) as E, line.length + 1)
      } catch {
        // A line cut short by a crash is dropped rather than failing the whole log.
      }
    }
    return ring
  }
}
