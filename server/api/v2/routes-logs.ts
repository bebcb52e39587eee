// /v2/apps/{app}/logs (past pages or a live stream) and /v2/apps/{app}/analytics.
import { parseRange, PROJECT_RANGE_MS } from '../storage/analytics.js'
import type { AppLogEntry } from '../layout.js'
import { ok, type Reply } from '../http/http-util.js'
import { skippedLines } from '../http/live-stream.js'
import type { RouteRequest } from '../http/route-types.js'
import { timestamp } from '../storage/ids.js'
import { malformed } from './errors.js'
import { checkParams, intParam, nextPageLink, openStream, streamFormat } from './http.js'
import { getApp } from './lookup.js'
import type { AppRec } from './model.js'
import type { V2Route } from './route.js'
import { v2Level, type V2Service } from './service.js'

const LEVELS = ['debug', 'info', 'warn', 'error']
const LOG_PARAMS = ['start', 'end', 'revision_id', 'level', 'query', 'cursor', 'limit']
const V2_FIELDS = [
  'time',
  'request_count',
  'cpu_seconds',
  'runtime_seconds',
  'memory_time_byte_seconds',
  'network_ingress_bytes',
  'network_egress_bytes',
  'kv_read_units',
  'kv_write_units'
]

interface RuntimeLog {
  timestamp: string
  level: string
  message: string
  revision_id: string
  region: string
}

/** A log line with its total order: time, then revision, then position in that revision's log. */
interface Keyed {
  key: string
  log: RuntimeLog
}

function dateParam(url: URL, name: string): number | null {
  const raw = url.searchParams.get(name)
  if (raw === null || raw === '') return null
  const ms = Date.parse(raw)
  if (!/^\d{4}-\d{2}-\d{2}T/.test(raw) || Number.isNaN(ms))
    throw malformed(
      `Query parameter '${name}' must be an ISO 8601 date-time like 2026-01-31T12:00:00Z, got ${JSON.stringify(raw.slice(0, 40))}.`
    )
  return ms
}

const toLog = (revisionId: string, e: AppLogEntry): RuntimeLog => ({
  timestamp: e.time,
  level: v2Level(e.level),
  message: e.message,
  revision_id: revisionId,
  region: e.region
})

function logFilter(url: URL): (log: RuntimeLog) => boolean {
  const start = dateParam(url, 'start')
  if (start === null)
    throw malformed(
      "Query parameter 'start' is required (ISO 8601, e.g. start=2026-01-31T12:00:00Z)."
    )
  const end = dateParam(url, 'end')
  const level = url.searchParams.get('level')
  if (level !== null && !LEVELS.includes(level))
    throw malformed(
      `Query parameter 'level' must be one of ${LEVELS.join(', ')} (the minimum level).`
    )
  const min = level === null ? 0 : LEVELS.indexOf(level)
  const revision = url.searchParams.get('revision_id')
  const query = url.searchParams.get('query')?.toLowerCase() || null
  return log => {
    const t = Date.parse(log.timestamp)
    return (
      t >= start &&
      (end === null || t <= end) &&
      LEVELS.indexOf(log.level) >= min &&
      (revision === null || log.revision_id === revision) &&
      (query === null || log.message.toLowerCase().includes(query))
    )
  }
}

function pastLogs(svc: V2Service, app: AppRec, accept: (log: RuntimeLog) => boolean): Keyed[] {
  const out: Keyed[] = []
  for (const rev of Object.values(svc.state.revisions)) {
    if (rev.appId !== app.id) continue
    svc.deps.appLogs.entries(rev.id).forEach((e, i) => {
      const log = toLog(rev.id, e)
      const key = `${e.time}|${String(rev.seq).padStart(12, '0')}|${String(i).padStart(12, '0')}`
      if (accept(log)) out.push({ key, log })
    })
  }
  return out.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
}

function pageOfLogs(
  svc: V2Service,
  r: RouteRequest,
  app: AppRec,
  accept: (log: RuntimeLog) => boolean
): Reply {
  const limit = intParam(r.url, 'limit', 100, 1, 1000)
  const cursor = r.url.searchParams.get('cursor')
  let after: string | null = null
  if (cursor) {
    after = cursor.length <= 200 ? Buffer.from(cursor, 'base64url').toString() : ''
    if (!/^\d{4}-[^|]{1,40}\|\d{12}\|\d{12}$/.test(after))
      throw malformed(
        "Query parameter 'cursor' is not a cursor this server issued; start without it."
      )
  }
  const all = pastLogs(svc, app, accept).filter(k => after === null || k.key > after)
  const page = all.slice(0, limit)
  const next =
    all.length > limit ? Buffer.from(page[page.length - 1].key).toString('base64url') : null
  const keep: Record<string, string> = {}
  for (const name of ['start', 'end', 'revision_id', 'level']) {
    const value = r.url.searchParams.get(name)
    if (value !== null && value.length <= 64) keep[name] = value
  }
  const query = r.url.searchParams.get('query')
  if (query !== null && query.length <= 256) keep.query = query
  return ok({ logs: page.map(k => k.log), next_cursor: next }, nextPageLink(r.url, next, keep))
}

/** Stands for the live lines a reader that fell behind missed, in the newest one's revision. */
const skippedLogs = (skipped: number, latest: RuntimeLog): RuntimeLog => ({
  timestamp: timestamp(),
  level: v2Level('warning'),
  message: skippedLines(skipped, 'app'),
  revision_id: latest.revision_id,
  region: latest.region
})

function liveLogs(
  svc: V2Service,
  r: RouteRequest,
  app: AppRec,
  accept: (log: RuntimeLog) => boolean
): Reply {
  const accepts = r.req.headers.accept ?? ''
  if (accepts.includes('application/json') && !/event-stream|ndjson/.test(accepts))
    throw malformed(
      "Without 'end' the logs are a live stream: ask with Accept: application/x-ndjson or text/event-stream, or add 'end' for a JSON page."
    )
  return {
    stream: async res => {
      const out = openStream(res, streamFormat(r.req), skippedLogs)
      for (const { log } of pastLogs(svc, app, accept)) out.sendPast(log)
      const off = svc.onAppLog(app.id, (revisionId, entry) => {
        const log = toLog(revisionId, entry)
        if (accept(log)) out.send(log)
      })
      await out.closed
      off()
    }
  }
}

export const appLogRoutes: V2Route[] = [
  {
    method: 'GET',
    path: '/apps/:app/logs',
    async handler(svc, r) {
      checkParams(r.url, LOG_PARAMS)
      const app = getApp(svc, r.params.app)
      const accept = logFilter(r.url)
      return r.url.searchParams.get('end')
        ? pageOfLogs(svc, r, app, accept)
        : liveLogs(svc, r, app, accept)
    }
  },
  {
    method: 'GET',
    path: '/apps/:app/analytics',
    async handler(svc, { url, params }) {
      checkParams(url, ['since', 'until'])
      const app = getApp(svc, params.app)
      const { since, until } = parseRange(url, PROJECT_RANGE_MS)
      const v1 = svc.deps.analytics.query([app.id], since, until)
      const column = (name: string): number => v1.fields.findIndex(f => f.name === name)
      const from = [
        column('time'),
        column('requestCount'),
        -1,
        -1,
        -1,
        -1,
        -1,
        column('kvReadCount'),
        column('kvWriteCount')
      ]
      return ok({
        fields: V2_FIELDS.map(name => ({ name, type: name === 'time' ? 'time' : 'number' })),
        values: v1.values.map(row => from.map(i => (i === -1 ? 0 : row[i])))
      })
    }
  }
]
