import { invalidRequest } from './errors.js'
import { ok, type Reply } from './http-util.js'

export interface ListQuery {
  page: number
  limit: number
  q: string | null
  sort: string
  order: 'asc' | 'desc'
}

const ALLOWED_PARAMS = ['page', 'limit', 'q', 'sort', 'order']
/** A search term is echoed into every Link URL, so its length bounds the header's. */
export const MAX_QUERY_LENGTH = 256

function intParam(url: URL, name: string, fallback: number, min: number, max: number): number {
  const raw = url.searchParams.get(name)
  if (raw === null || raw === '') return fallback
  const value = Number(raw)
  if (!/^\d+$/.test(raw) || value < min || value > max)
    throw invalidRequest(
      `Query parameter '${name}' must be an integer from ${min} to ${max === Number.MAX_SAFE_INTEGER ? 'up' : max}, got ${JSON.stringify(raw)}.`
    )
  return value
}

function searchTerm(url: URL): string | null {
  const q = url.searchParams.get('q') || null
  if (q !== null && q.length > MAX_QUERY_LENGTH)
    throw invalidRequest(
      `Query parameter 'q' has ${q.length} characters; at most ${MAX_QUERY_LENGTH} are allowed.`
    )
  return q
}

/** Validates page/limit/q/sort/order of a list endpoint. */
function parseListQuery(url: URL, sorts: readonly string[], defaultSort: string): ListQuery {
  for (const key of url.searchParams.keys()) {
    if (!ALLOWED_PARAMS.includes(key))
      throw invalidRequest(
        `Unknown query parameter '${key}'; allowed are: ${ALLOWED_PARAMS.join(', ')}.`
      )
  }
  const sort = url.searchParams.get('sort') || defaultSort
  if (!sorts.includes(sort))
    throw invalidRequest(
      `Query parameter 'sort' must be one of ${sorts.join(', ')}, got ${JSON.stringify(sort)}.`
    )
  const order = url.searchParams.get('order') || 'asc'
  if (order !== 'asc' && order !== 'desc')
    throw invalidRequest(
      `Query parameter 'order' must be 'asc' or 'desc', got ${JSON.stringify(order)}.`
    )
  return {
    page: intParam(url, 'page', 1, 1, Number.MAX_SAFE_INTEGER),
    limit: intParam(url, 'limit', 20, 1, 100),
    q: searchTerm(url),
    sort,
    order
  }
}

/** Sorts, pages and builds the RFC 8288 Link header (absolute URLs) for a list endpoint. */
function paginate<T>(
  url: URL,
  query: ListQuery,
  items: T[],
  sortKey: (item: T) => string | number
): { body: T[]; headers: Record<string, string> } {
  const dir = query.order === 'asc' ? 1 : -1
  const sorted = [...items].sort((a, b) => {
    const ka = sortKey(a)
    const kb = sortKey(b)
    return (ka < kb ? -1 : ka > kb ? 1 : 0) * dir
  })
  const lastPage = Math.max(1, Math.ceil(sorted.length / query.limit))
  const start = (query.page - 1) * query.limit
  const link = (page: number, rel: string): string => {
    const target = new URL(url.pathname + url.search, url.origin)
    target.searchParams.set('page', String(page))
    target.searchParams.set('limit', String(query.limit))
    return `<${target.href}>; rel="${rel}"`
  }
  const links = [link(1, 'first')]
  if (query.page > 1) links.push(link(Math.min(query.page - 1, lastPage), 'prev'))
  if (query.page < lastPage) links.push(link(query.page + 1, 'next'))
  links.push(link(lastPage, 'last'))
  return { body: sorted.slice(start, start + query.limit), headers: { link: links.join(', ') } }
}

/** How a list endpoint sorts and searches its items. */
export interface ListSpec<T> {
  /** Sort name → sort key, in the order the error message lists them. */
  sorts: Record<string, (item: T) => string | number>
  defaultSort: string
  /** Whether an item matches the (lower-cased) search term `q`. */
  matches(item: T, q: string): boolean
}

/** Validates the list query, then searches, sorts and pages `items` into a list reply. */
export function listReply<T>(
  { url }: { url: URL },
  items: T[],
  spec: ListSpec<T>,
  view: (item: T) => unknown = item => item
): Reply {
  const query = parseListQuery(url, Object.keys(spec.sorts), spec.defaultSort)
  const q = query.q?.toLowerCase()
  const found = q ? items.filter(item => spec.matches(item, q)) : items
  const page = paginate(url, query, found, spec.sorts[query.sort])
  return ok(page.body.map(view), page.headers)
}
