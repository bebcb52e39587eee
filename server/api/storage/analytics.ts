import { join } from 'node:path'
import { invalidRequest } from '../http/errors.js'
import { readJsonFile, writeFileAtomic } from './json-file.js'

const BUCKET_MS = 15 * 60 * 1000
const DAY_MS = 24 * 60 * 60 * 1000

/** Fields in the order of the hosted API's example; the ones not measured locally stay 0. */
const FIELDS = [
  'time',
  'requestCount',
  'cpuSeconds',
  'uptimeSeconds',
  'maxRssMemoryBytes',
  'networkIngressBytes',
  'networkEgressBytes',
  'kvReadCount',
  'kvWriteCount',
  'kvReadUnits',
  'kvWriteUnits',
  'kvStorageBytes'
] as const

export type Metric = 'request' | 'kvRead' | 'kvWrite'

const COLUMN: Record<Metric, number> = { request: 0, kvRead: 1, kvWrite: 2 }

/** projectId → bucket start (ms) → [requests, kvReads, kvWrites] */
type Counters = Record<string, Record<string, [number, number, number]>>

export interface AnalyticsResponse {
  fields: { name: string; type: 'time' | 'number' }[]
  values: (string | number)[][]
}

/** Per-project counters in 15-minute buckets, flushed to `analytics.json` every few seconds. */
export class Analytics {
  private dirty = false
  private timer: NodeJS.Timeout | null = null

  private constructor(
    private readonly counters: Counters,
    private readonly file: string
  ) {}

  static async open(dataDir: string): Promise<Analytics> {
    const file = join(dataDir, 'analytics.json')
    const analytics = new Analytics((await readJsonFile<Counters>(file)) ?? {}, file)
    analytics.timer = setInterval(() => void analytics.flush(), 2000)
    analytics.timer.unref()
    return analytics
  }

  record(projectId: string, metric: Metric, count: number, at = Date.now()): void {
    const bucket = String(Math.floor(at / BUCKET_MS) * BUCKET_MS)
    const project = (this.counters[projectId] ??= {})
    const row = (project[bucket] ??= [0, 0, 0])
    row[COLUMN[metric]] += count
    this.dirty = true
  }

  totalRequests(projectId: string): number {
    return Object.values(this.counters[projectId] ?? {}).reduce((sum, row) => sum + row[0], 0)
  }

  forget(projectId: string): void {
    delete this.counters[projectId]
    this.dirty = true
  }

  query(projectIds: string[], since: number, until: number): AnalyticsResponse {
    const values: (string | number)[][] = []
    for (let t = Math.floor(since / BUCKET_MS) * BUCKET_MS; t < until; t += BUCKET_MS) {
      const sum = [0, 0, 0]
      for (const id of projectIds) {
        const row = this.counters[id]?.[String(t)]
        if (row) row.forEach((n, i) => (sum[i] += n))
      }
      values.push([new Date(t).toISOString(), sum[0], 0, 0, 0, 0, 0, sum[1], sum[2], 0, 0, 0])
    }
    return {
      fields: FIELDS.map(name => ({ name, type: name === 'time' ? 'time' : 'number' })),
      values
    }
  }

  async flush(): Promise<void> {
    if (!this.dirty) return
    this.dirty = false
    await writeFileAtomic(this.file, JSON.stringify(this.counters))
  }

  async close(): Promise<void> {
    if (this.timer) clearInterval(this.timer)
    await this.flush()
  }
}

/** Validates `since`/`until` (RFC 3339; defaults: 24 h ago / now). */
export function parseRange(url: URL, maxMs: number): { since: number; until: number } {
  const parse = (name: string, fallback: number): number => {
    const raw = url.searchParams.get(name)
    if (raw === null || raw === '') return fallback
    const ms = Date.parse(raw)
    if (!/^\d{4}-\d{2}-\d{2}T/.test(raw) || Number.isNaN(ms))
      throw invalidRequest(
        `Query parameter '${name}' must be an RFC 3339 date-time like 2024-01-31T12:00:00Z, got ${JSON.stringify(raw)}.`
      )
    return ms
  }
  const now = Date.now()
  const until = parse('until', now)
  const since = parse('since', until - DAY_MS)
  if (since >= until) throw invalidRequest(`'since' must be before 'until'.`)
  if (until - since > maxMs)
    throw invalidRequest(
      `The range from 'since' to 'until' spans more than ${maxMs / 3600000} hours; ask for a shorter range.`
    )
  return { since, until }
}

export const ORG_RANGE_MS = DAY_MS
export const PROJECT_RANGE_MS = 31 * DAY_MS
