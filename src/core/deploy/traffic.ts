/**
 * An app's traffic over the last 24 hours, from the platform's analytics table (v1
 * `GET /projects/{id}/analytics`, v2 `GET /apps/{app}/analytics`): `{fields, values}` rows of
 * 15-minute buckets, read by field name (v1 camelCase, v2 snake_case). Errors and latency are
 * shown only when the platform gives them.
 */
import type { AnalyticsTable, Platform } from '../platform/platform.js'

export const TRAFFIC_WINDOW_MS = 24 * 60 * 60 * 1000

export interface Traffic {
  since: string
  until: string
  requests: number
  /** null when the platform reports no error count. */
  errors: number | null
  /** Mean latency in ms, null when the platform reports none. */
  latencyMs: number | null
}

const REQUESTS = ['request_count', 'requestCount', 'requests']
const ERRORS = ['error_count', 'errorCount', 'errors', 'status_5xx_count', 'status5xxCount']
const LATENCY = ['latency_ms', 'latencyMs', 'avg_latency_ms', 'avgLatencyMs']

/** Sums the table's buckets; a field the table lacks stays null (requests 0). */
export function readTraffic(table: AnalyticsTable, since: string, until: string): Traffic {
  const names = (table.fields ?? []).map(f => f?.name)
  const column = (candidates: string[]) => names.findIndex(n => candidates.includes(n))
  const rows = Array.isArray(table.values) ? table.values.filter(Array.isArray) : []
  const sum = (index: number): number | null =>
    index < 0 ? null : rows.reduce((total, row) => total + (Number(row[index]) || 0), 0)
  const requests = sum(column(REQUESTS)) ?? 0
  const latencyIndex = column(LATENCY)
  const weighted = latencyIndex < 0 ? null : sum(latencyIndex)
  return {
    since,
    until,
    requests,
    errors: sum(column(ERRORS)),
    latencyMs: weighted === null || rows.length === 0 ? null : weighted / rows.length
  }
}

/** The last 24 hours of the platform's target; throws what the API throws. */
export async function lastDayTraffic(platform: Platform, now = Date.now()): Promise<Traffic> {
  const since = new Date(now - TRAFFIC_WINDOW_MS).toISOString()
  const until = new Date(now).toISOString()
  return readTraffic(await platform.analytics(since, until), since, until)
}

/** Label/value rows for a summary or terminal table; `[]` when there is no traffic yet. */
export function trafficRows(traffic: Traffic): [string, string][] {
  if (traffic.requests === 0 && !traffic.errors) return []
  const rows: [string, string][] = [['Requests', String(traffic.requests)]]
  if (traffic.errors !== null) rows.push(['Errors', String(traffic.errors)])
  if (traffic.latencyMs !== null) rows.push(['Latency', `${Math.round(traffic.latencyMs)} ms`])
  return rows
}

export const NO_TRAFFIC_YET = 'No traffic in the last 24 hours yet.'
