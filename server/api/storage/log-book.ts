import { createWriteStream, existsSync, readFileSync, type WriteStream } from 'node:fs'
import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'

type Listener<E> = (entry: E | null) => void

/**
 * Per-deployment append-only log (build or app logs): kept in memory, appended to an NDJSON file
 * so it survives restarts, with listeners for live streams (`null` = the log is finished).
 */
export class LogBook<E> {
  private readonly memory = new Map<string, E[]>()
  private readonly files = new Map<string, WriteStream>()
  private readonly listeners = new Map<string, Set<Listener<E>>>()

  constructor(private readonly fileOf: (deploymentId: string) => string) {}

  entries(id: string): E[] {
    let list = this.memory.get(id)
    if (!list) {
      list = this.load(id)
      this.memory.set(id, list)
    }
    return list
  }

  append(id: string, entry: E): void {
    this.entries(id).push(entry)
    let file = this.files.get(id)
    if (!file) {
      const path = this.fileOf(id)
      mkdirSync(dirname(path), { recursive: true })
      file = createWriteStream(path, { flags: 'a', mode: 0o600 })
      file.on('error', err => process.stderr.write(`subhosting: log ${path}: ${err.message}\n`))
      this.files.set(id, file)
    }
    file.write(JSON.stringify(entry) + '\n')
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
    const file = this.files.get(id)
    this.files.delete(id)
    if (file) await new Promise(resolve => file.end(resolve))
  }

  async close(): Promise<void> {
    const files = [...this.files.values()]
    this.files.clear()
    await Promise.all(files.map(f => new Promise(resolve => f.end(resolve))))
  }

  private load(id: string): E[] {
    const path = this.fileOf(id)
    if (!existsSync(path)) return []
    const entries: E[] = []
    for (const line of readFileSync(path, 'utf8').split('\n')) {
      if (!line) continue
      try {
        entries.push(JSON.parse(line) as E)
      } catch {
        // A line cut short by a crash is dropped rather than failing the whole log.
      }
    }
    return entries
  }
}
