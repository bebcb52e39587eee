// v2 HTTP conventions: cursor pages with an absolute Link, JSONL or SSE streams, 204 replies.
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { Reply } from '../http/http-util.js'
import { liveWriter } from '../http/live-stream.js'
import { malformed } from './errors.js'

export const DEFAULT_LIMIT = 30
export const MAX_LIMIT = 100

export const noContent = (): Reply => ({
  stream: async (res: ServerResponse) => {
    res.writeHead(204)
    res.end()
  }
})

/** Rejects query parameters a route does not know (`labels[...]` counts as `labels`). */
export function checkParams(url: URL, allowed: readonly string[]): void {
  for (const key of url.searchParams.keys()) {
    const base = key.replace(/\[.*$/, '')
    if (!allowed.includes(base))
      throw malformed(
        `Unknown query parameter ${JSON.stringify(key.slice(0, 64))}; allowed are: ${allowed.join(', ')}.`
      )
  }
}

export function intParam(
  url: URL,
  name: string,
  fallback: number,
  min: number,
  max: number
): number {
  const raw = url.searchParams.get(name)
  if (raw === null || raw === '') return fallback
  if (!/^\d{1,9}$/.test(raw) || Number(raw) < min || Number(raw) > max)
    throw malformed(
      `Query parameter '${name}' must be an integer from ${min} to ${max}, got ${JSON.stringify(raw.slice(0, 32))}.`
    )
  return Number(raw)
}

export interface Page<T> {
  items: T[]
  /** Cursor of the next page, or null on the last one. */
  next: string | null
}

/** Cursors are opaque: the position (sequence number) after which the next page starts. */
export function encodeCursor(position: number): string {
  return Buffer.from(`p${position}`).toString('base64url')
}

function decodeCursor(raw: string): number {
  const text = raw.length <= 64 ? Buffer.from(raw, 'base64url').toString() : ''
  if (!/^p\d{1,15}$/.test(text))
    throw malformed(
      `Query parameter 'cursor' is not a cursor this server issued; start without it.`
    )
  return Number(text.slice(1))
}

/** Pages `items` (already in list order) by their position key. */
export function paginateBy<T>(url: URL, items: T[], position: (item: T) => number): Page<T> {
  const limit = intParam(url, 'limit', DEFAULT_LIMIT, 1, MAX_LIMIT)
  const cursor = url.searchParams.get('cursor')
  let start = 0
  if (cursor !== null && cursor !== '') {
    const after = decodeCursor(cursor)
    start = items.findIndex(item => position(item) === after) + 1
  }
  const slice = items.slice(start, start + limit)
  const more = start + limit < items.length
  return { items: slice, next: more ? encodeCursor(position(slice[slice.length - 1])) : null }
}

/** `Link: <absolute next URL>; rel="next"` carrying only the cursor, limit and `keep` params. */
export function nextPageLink(
  url: URL,
  cursor: string | null,
  keep: Record<string, string> = {}
): Record<string, string> {
  if (cursor === null) return {}
  const next = new URL(url.pathname, url.origin)
  for (const [key, value] of Object.entries(keep)) next.searchParams.set(key, value)
  next.searchParams.set('cursor', cursor)
  next.searchParams.set('limit', String(intParam(url, 'limit', DEFAULT_LIMIT, 1, MAX_LIMIT)))
  return { link: `<${next.href}>; rel="next"` }
}

export type StreamFormat = 'sse' | 'jsonl'

const MEDIA: Record<StreamFormat, string[]> = {
  sse: ['text/event-stream'],
  jsonl: ['application/x-ndjson', 'application/jsonl', 'application/json-lines']
}

/** The q-value `accept` gives `type`: its most specific matching range (RFC 9110 §12.5.1). */
function quality(ranges: { type: string; q: number }[], type: string): { q: number; at: number } {
  const [major] = type.split('/')
  let best = { q: 0, at: Infinity, specificity: -1 }
  ranges.forEach(({ type: range, q }, at) => {
    const specificity = range === type ? 2 : range === `${major}/*` ? 1 : range === '*/*' ? 0 : -1
    if (specificity > best.specificity) best = { q, at, specificity }
  })
  return best
}

/** SSE when `Accept` prefers it (by q-value, then by order); JSON Lines otherwise. */
export function streamFormat(req: IncomingMessage): StreamFormat {
  const ranges = (req.headers.accept ?? '')
    .split(',')
    .map(part => {
      const [type, ...params] = part.split(';').map(s => s.trim().toLowerCase())
      const q = params.find(p => p.startsWith('q='))
      const value = q === undefined ? 1 : Number(q.slice(2))
      return { type, q: Number.isFinite(value) ? value : 0 }
    })
    .filter(r => r.type)
  const rank = (format: StreamFormat): { q: number; at: number } =>
    MEDIA[format]
      .map(type => quality(ranges, type))
      .reduce((a, b) => (b.q > a.q || (b.q === a.q && b.at < a.at) ? b : a))
  const sse = rank('sse')
  const jsonl = rank('jsonl')
  return sse.q > jsonl.q || (sse.q > 0 && sse.q === jsonl.q && sse.at < jsonl.at) ? 'sse' : 'jsonl'
}

export interface EventWriter<E> {
  /** Sends a live entry; skipped while the reader is behind (live-stream.ts). */
  send(value: E): void
  /** Sends an entry of the past the reader asked for: always written, the log bounds it. */
  sendPast(value: E): void
  end(): void
  /** Resolves when the client goes away or `end` was called. */
  closed: Promise<void>
}

/**
 * Starts a stream: JSON Lines, or SSE with only `data:` frames (what @deno/sandbox parses);
 * `catchUp` makes the entry that stands for live entries a reader that fell behind missed.
 */
export function openStream<E>(
  res: ServerResponse,
  format: StreamFormat,
  catchUp: (skipped: number, latest: E) => E
): EventWriter<E> {
  res.writeHead(200, {
    'content-type': format === 'sse' ? 'text/event-stream' : 'application/x-ndjson',
    'cache-control': 'no-cache'
  })
  res.flushHeaders()
  const encode = (value: E): string => {
    const json = JSON.stringify(value)
    return format === 'sse' ? `data: ${json}\n\n` : `${json}\n`
  }
  const live = liveWriter(res, { encode, catchUp })
  let ended = false
  const closed = new Promise<void>(resolve => res.once('close', () => resolve()))
  return {
    send(value) {
      if (!ended) live.write(value)
    },
    sendPast(value) {
      if (!ended) res.write(encode(value))
    },
    end() {
      if (ended) return
      ended = true
      live.flush()
      res.end()
    },
    closed
  }
}

/**
 * Keeps a stream open while `subscribe`'s listener sends to it, until that listener calls `stop`
 * or the client goes away; either way the subscription ends and the stream is closed.
 */
export function followUntilStopped<E>(
  out: EventWriter<E>,
  subscribe: (stop: () => void) => () => void
): Promise<void> {
  return new Promise<void>(resolve => {
    const stop = (): void => {
      off()
      out.end()
      resolve()
    }
    const off = subscribe(stop)
    void out.closed.then(stop)
  })
}
