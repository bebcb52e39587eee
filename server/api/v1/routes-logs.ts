import type { IncomingMessage, ServerResponse } from 'node:http'
import { getDeployment } from './records.js'
import { LOCAL_REGION, type AppLogEntry, type StoredBuildLog } from '../layout.js'
import { type Ctx } from '../context.js'
import { invalidRequest } from '../http/errors.js'
import { ok, wantsNdjson, type Reply } from '../http/http-util.js'
import { liveWriter, skippedLines } from '../http/live-stream.js'
import type { Route } from '../http/route-types.js'
import { timestamp } from '../storage/ids.js'

const LEVELS = ['error', 'warning', 'info', 'debug']
const REGIONS = [
  'gcp-asia-east1',
  'gcp-asia-east2',
  'gcp-asia-northeast1',
  'gcp-asia-northeast2',
  'gcp-asia-northeast3',
  'gcp-asia-south1',
  'gcp-asia-south2',
  'gcp-asia-southeast1',
  'gcp-asia-southeast2',
  'gcp-australia-southeast1',
  'gcp-australia-southeast2',
  'gcp-europe-central2',
  'gcp-europe-north1',
  'gcp-europe-southwest1',
  'gcp-europe-west1',
  'gcp-europe-west2',
  'gcp-europe-west3',
  'gcp-europe-west4',
  'gcp-europe-west6',
  'gcp-europe-west8',
  'gcp-me-west1',
  'gcp-northamerica-northeast1',
  'gcp-northamerica-northeast2',
  'gcp-southamerica-east1',
  'gcp-southamerica-west1',
  'gcp-us-central1',
  'gcp-us-east1',
  'gcp-us-east4',
  'gcp-us-east5',
  'gcp-us-south1',
  'gcp-us-west1',
  'gcp-us-west2',
  'gcp-us-west3',
  'gcp-us-west4'
]
const APP_LOG_PARAMS = [
  'q',
  'level',
  'region',
  'since',
  'until',
  'limit',
  'sort',
  'order',
  'cursor'
]

const NDJSON_HEADERS = { 'content-type': 'application/x-ndjson', 'cache-control': 'no-cache' }

/**
 * Writes NDJSON lines as they come until `subscribe` reports the end or the client leaves; a
 * reader that falls behind gets `catchUp`'s entry in place of the lines it missed (live-stream.ts).
 */
function streamNdjson<E>(
  res: ServerResponse,
  past: E[],
  done: boolean,
  live: {
    subscribe: (listener: (entry: E | null) => void) => () => void
    catchUp: (skipped: number) => E
    accept?: (entry: E) => boolean
  }
): Promise<void> {
  const line = (entry: E): string => JSON.stringify(entry) + '\n'
  res.writeHead(200, NDJSON_HEADERS)
  // The past is what the reader asked for, already bounded by the log's memory ring.
  for (const entry of past) res.write(line(entry))
  if (done) {
    res.end()
    return Promise.resolve()
  }
  res.flushHeaders()
  const writer = liveWriter(res, { encode: line, catchUp: live.catchUp })
  return new Promise(resolve => {
    let finished = false
    const finish = (): void => {
      if (finished) return
      finished = true
      unsubscribe()
      writer.flush()
      res.end()
      resolve()
    }
    const unsubscribe = live.subscribe(entry => {
      if (entry === null) finish()
      else if (!live.accept || live.accept(entry)) writer.write(entry)
    })
    res.once('close', finish)
  })
}

function dateParam(url: URL, name: string): number | null {
  const raw = url.searchParams.get(name)
  if (raw === null) return null
  const ms = Date.parse(raw)
  if (!/^\d{4}-\d{2}-\d{2}T/.test(raw) || Number.isNaN(ms))
    throw invalidRequest(
      `Query parameter '${name}' must be an RFC 3339 date-time, got ${JSON.stringify(raw)}.`
    )
  return ms
}

function listParam(url: URL, name: string, allowed: string[]): string[] | null {
  const raw = url.searchParams.get(name)
  if (raw === null || raw === '') return null
  const values = raw.split(',').map(v => v.trim())
  const bad = values.find(v => !allowed.includes(v))
  if (bad !== undefined)
    throw invalidRequest(
      `Query parameter '${name}' has an unknown value ${JSON.stringify(bad)}; allowed: ${allowed.join(', ')}.`
    )
  return values
}

/** 'asc'/'desc', or the `timeAsc`/`timeDesc` spelling some clients send; newest first by default. */
function orderParam(url: URL): 'asc' | 'desc' {
  const raw = url.searchParams.get('order') ?? 'desc'
  if (raw === 'asc' || raw === 'timeAsc') return 'asc'
  if (raw === 'desc' || raw === 'timeDesc') return 'desc'
  throw invalidRequest(
    `Query parameter 'order' must be 'asc' or 'desc', got ${JSON.stringify(raw)}.`
  )
}

function limitParam(url: URL): number {
  const raw = url.searchParams.get('limit')
  const limit = raw === null ? 100 : Number(raw)
  if (!/^\d+$/.test(raw ?? '100') || limit < 1 || limit > 10000)
    throw invalidRequest(
      `Query parameter 'limit' must be an integer from 1 to 10000, got ${JSON.stringify(raw)}.`
    )
  return limit
}

/** The log position a cursor carries (the last entry of the previous page), or null. */
function cursorParam(url: URL): number | null {
  const cursor = url.searchParams.get('cursor')
  if (cursor === null) return null
  const after = Number(Buffer.from(cursor, 'base64url').toString())
  if (!Number.isInteger(after) || after < 0)
    throw invalidRequest(`Query parameter 'cursor' is not a cursor this server issued.`)
  return after
}

interface AppLogQuery {
  past: boolean
  filter: (e: AppLogEntry) => boolean
  limit: number
  order: 'asc' | 'desc'
  after: number | null
}

function parseAppLogQuery(url: URL): AppLogQuery {
  for (const key of url.searchParams.keys())
    if (!APP_LOG_PARAMS.includes(key))
      throw invalidRequest(
        `Unknown query parameter '${key}'; allowed are: ${APP_LOG_PARAMS.join(', ')}.`
      )
  const since = dateParam(url, 'since')
  const until = dateParam(url, 'until')
  const levels = listParam(url, 'level', LEVELS)
  const regions = listParam(url, 'region', REGIONS)
  const q = url.searchParams.get('q')?.toLowerCase() || null
  const sort = url.searchParams.get('sort')
  if (sort !== null && sort !== 'time')
    throw invalidRequest(`Query parameter 'sort' must be 'time'.`)
  const order = orderParam(url)
  const limit = limitParam(url)
  const after = cursorParam(url)
  return {
    past: since !== null || until !== null || after !== null,
    order,
    limit,
    after,
    filter: e => {
      const t = Date.parse(e.time)
      return (
        (since === null || t >= since) &&
        (until === null || t <= until) &&
        (!levels || levels.includes(e.level)) &&
        (!regions || regions.includes(e.region ?? LOCAL_REGION)) &&
        (!q || e.message.toLowerCase().includes(q))
      )
    }
  }
}

function appLogs(ctx: Ctx, req: IncomingMessage, url: URL, id: string): Reply {
  const query = parseAppLogQuery(url)
  const all = ctx.appLogs.entries(id)
  const ndjson = wantsNdjson(req)
  if (!query.past && ndjson)
    return {
      stream: res =>
        streamNdjson(res, [], false, {
          subscribe: l => ctx.appLogs.subscribe(id, l),
          catchUp: (skipped): AppLogEntry => ({
            time: timestamp(),
            level: 'warning',
            message: skippedLines(skipped, 'app'),
            region: LOCAL_REGION
          }),
          accept: query.filter
        })
    }

  // Positions in the append-only log make stable cursors.
  let indexes = all.map((_, i) => i).filter(i => query.filter(all[i]))
  if (query.order === 'desc') indexes.reverse()
  if (query.after !== null) {
    const after = query.after
    indexes = indexes.filter(i => (query.order === 'asc' ? i > after : i < after))
  }
  const page = indexes.slice(0, query.limit)
  const entries = page.map(i => all[i])
  const headers: Record<string, string> = {}
  if (query.past && indexes.length > page.length) {
    const next = new URL(url.pathname + url.search, url.origin)
    next.searchParams.set(
      'cursor',
      Buffer.from(String(page[page.length - 1])).toString('base64url')
    )
    headers.link = `<${next.href}>; rel="next"`
  }
  if (ndjson)
    return {
      stream: async res => {
        res.writeHead(200, { ...NDJSON_HEADERS, ...headers })
        res.end(entries.map(e => JSON.stringify(e) + '\n').join(''))
      }
    }
  return ok(entries, headers)
}

export const deploymentLogRoutes: Route[] = [
  {
    method: 'GET',
    path: '/v1/deployments/:deploymentId/build_logs',
    async handler(ctx, { req, params }) {
      const d = getDeployment(ctx, params.deploymentId)
      const subscribe = (l: (e: StoredBuildLog | null) => void): (() => void) =>
        ctx.buildLogs.subscribe(d.id, l)
      if (wantsNdjson(req))
        return {
          stream: res =>
            streamNdjson(res, ctx.buildLogs.entries(d.id), d.status !== 'pending', {
              subscribe,
              catchUp: (skipped): StoredBuildLog => ({
                level: 'warning',
                message: skippedLines(skipped, 'build')
              })
            })
        }
      // The JSON form also waits for the build to end (clients call it right after create).
      if (d.status === 'pending')
        await new Promise<void>(resolve => {
          const unsubscribe = subscribe(entry => {
            if (entry === null) {
              unsubscribe()
              resolve()
            }
          })
        })
      return ok(ctx.buildLogs.entries(d.id))
    }
  },
  {
    method: 'GET',
    path: '/v1/deployments/:deploymentId/app_logs',
    async handler(ctx, { req, url, params }) {
      return appLogs(ctx, req, url, getDeployment(ctx, params.deploymentId).id)
    }
  }
]
