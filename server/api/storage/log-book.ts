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

/** Entries are kept in segments of this size; the oldest segment goes first. */
const SEGMENT_BYTES = 64 * 1024

/**
 * The most recent entries of one log as their JSON lines, in off-heap segments bounded by bytes.
 * Kept as bytes, not objects, so a flood of lines leaves nothing for the garbage collector to
 * promote: the server's memory stays flat however many lines pass through.
 */
class Ring<E> {
  private segments: { bytes: Buffer; used: number }[] = []
  private spare: { bytes: Buffer; used: number } | null = null
  private total = 0

  constructor(private readonly capacity: number) {}

  push(line: string): void {
    const size = Buffer.byteLength(line)
    let last = this.segments.at(-1)
    if (!last || last.used + size > last.bytes.length) {
      last = this.freshSegment(size)
      this.segments.push(last)
    }
    last.used += last.bytes.write(line, last.used)
    this.total += size
    while (this.total > this.capacity && this.segments.length > 1) {
      const oldest = this.segments.shift()!
      this.total -= oldest.used
      if (oldest.bytes.length === SEGMENT_BYTES) this.spare = oldest
    }
  }

  /** The dropped oldest segment is reused: a flood allocates nothing once the ring is full. */
  private freshSegment(size: number): { bytes: Buffer; used: number } {
    const spare = this.spare
    this.spare = null
    if (spare && size <= SEGMENT_BYTES) return { bytes: spare.bytes, used: 0 }
    return { bytes: Buffer.allocUnsafe(Math.max(SEGMENT_BYTES, size)), used: 0 }
  }

  list(): E[] {
    const text = Buffer.concat(this.segments.map(s => s.bytes.subarray(0, s.used))).toString()
    return text
      .split('\n')
      .filter(line => line !== '')
      .map(line => JSON.parse(line) as E)
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
    const chunk = this.pending.join('')
    const bytes = Buffer.byteLength(chunk)
    this.pending = []
    try {
      if (this.size > 0 && this.size + bytes > this.maxBytes) this.rotate()
      writeSync(this.fd, chunk)
      this.size += bytes
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
    this.ring(id).push(line)
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
        JSON.parse(line)
        ring.push(`${line}\n`)
      } catch {
        // A line cut short by a crash is dropped rather than failing the whole log.
      }
    }
    return ring
  }
}
