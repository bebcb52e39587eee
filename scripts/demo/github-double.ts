/**
 * A small stand-in for GitHub's REST API, so the demo can show the pull-request comment and
 * deployments the action creates without a network. It keeps whatever the action POSTs, answers
 * lists from what it kept, and updates or deletes items by ID. The full double with pagination
 * and permissions used by the tests lives in __tests__/support; this one only has to be faithful
 * enough for one well-behaved run.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

export interface StoredItem {
  id: number
  [field: string]: unknown
}

export interface GitHubDouble {
  url: string
  /** Items created under a collection path, e.g. /repos/o/r/issues/2/comments. */
  items(collection: string): StoredItem[]
  /** How many API requests the action made. */
  requestCount(): number
  close(): Promise<void>
}

const BOT = { login: 'github-actions[bot]', id: 41898282, type: 'Bot' }

export interface PullRequestEvent {
  number: number
  pull_request: { number: number; head: { sha: string; ref: string } }
  repository: { full_name: string; default_branch: string }
}

/** Serves one repository whose only pull request is the one in `event`. */
export async function startGitHubDouble(event: PullRequestEvent): Promise<GitHubDouble> {
  const { repository, pull_request: pullRequest } = event
  const collections = new Map<string, StoredItem[]>()
  let nextId = 1000
  let requests = 0
  const repoPath = `/repos/${repository.full_name}`

  const findById = (id: number): [StoredItem[], number] | null => {
    for (const list of collections.values()) {
      const index = list.findIndex(item => item.id === id)
      if (index >= 0) return [list, index]
    }
    return null
  }

  const handle = (method: string, path: string, body: Record<string, unknown>) => {
    const idMatch = /^(.*)\/(\d+)$/.exec(path)
    if (method === 'GET') {
      if (path === repoPath) return [200, { ...repository, id: 1296269, private: false }]
      if (path === '/user') return [403, { message: 'Resource not accessible by integration' }]
      if (path === `${repoPath}/pulls/${pullRequest.number}`) return [200, pullRequest]
      if (path === `${repoPath}/commits/${pullRequest.head.sha}/pulls`) return [200, [pullRequest]]
      if (collections.has(path)) return [200, collections.get(path)]
      const found = idMatch ? findById(Number(idMatch[2])) : null
      if (found) return [200, found[0][found[1]]]
      // Any other list the action reads is simply empty on a fresh repository.
      if (/s$/.test(path)) return [200, []]
      return [404, { message: 'Not Found' }]
    }
    if (method === 'POST') {
      const now = new Date().toISOString()
      const id = nextId++
      const item: StoredItem = {
        ...body,
        id,
        node_id: `DEMO_${id}`,
        user: BOT,
        creator: BOT,
        created_at: now,
        updated_at: now,
        url: `${path}/${id}`,
        html_url: `https://github.com/${repository.full_name}#item-${id}`
      }
      collections.set(path, [...(collections.get(path) ?? []), item])
      return [201, item]
    }
    const found = idMatch ? findById(Number(idMatch[2])) : null
    if (!found) return [404, { message: 'Not Found' }]
    const [list, index] = found
    if (method === 'PATCH') {
      list[index] = { ...list[index], ...body, updated_at: new Date().toISOString() }
      return [200, list[index]]
    }
    if (method === 'DELETE') {
      list.splice(index, 1)
      return [204, null]
    }
    return [405, { message: 'Method Not Allowed' }]
  }

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    let text = ''
    req.setEncoding('utf8')
    req.on('data', (chunk: string) => (text += chunk))
    req.on('end', () => {
      requests++
      const path = new URL(req.url ?? '/', 'http://localhost').pathname
      let body: Record<string, unknown> = {}
      try {
        body = text ? (JSON.parse(text) as Record<string, unknown>) : {}
      } catch {
        res.writeHead(400, { 'content-type': 'application/json' })
        res.end(JSON.stringify({ message: 'Problems parsing JSON' }))
        return
      }
      const [status, payload] = handle(req.method ?? 'GET', path, body) as [number, unknown]
      res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' })
      res.end(payload === null ? undefined : JSON.stringify(payload))
    })
  })
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo

  return {
    url: `http://127.0.0.1:${port}`,
    items: collection => collections.get(collection) ?? [],
    requestCount: () => requests,
    close: () =>
      new Promise<void>(resolve => {
        server.closeAllConnections()
        server.close(() => resolve())
      })
  }
}
