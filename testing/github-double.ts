/**
 * A local double of the parts of GitHub's REST API the pull-request lifecycle uses, served over
 * HTTP on loopback and selected through GITHUB_API_URL. It paginates like GitHub (per_page/page,
 * Link header with next/last), answers permission failures with GitHub's 403 body, and records
 * every request so tests can assert on what the action did. The tests and the demo
 * (scripts/demo.ts) share it: the one stand-in for GitHub in this repository.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

export interface GitHubUser {
  login: string
  id: number
  type: 'User' | 'Bot'
}

export type Permission = 'issues' | 'pull-requests' | 'deployments'

/** What a token may do. GITHUB_TOKEN cannot call GET /user (403), a PAT can. */
export interface TokenIdentity {
  user: GitHubUser
  canReadUser: boolean
  /** Write permissions this token holds; missing ones answer 403 on writes. */
  write: Permission[]
}

export interface Comment {
  id: number
  node_id: string
  body: string
  user: GitHubUser
  created_at: string
  updated_at: string
  html_url: string
  issue_url: string
}

export interface Deployment {
  id: number
  sha: string
  ref: string
  task: string
  environment: string
  description: string | null
  payload: unknown
  transient_environment: boolean
  production_environment: boolean
  creator: GitHubUser
  created_at: string
  updated_at: string
  statuses_url: string
}

export interface DeploymentStatus {
  id: number
  state: string
  description: string
  environment: string
  environment_url: string
  log_url: string
  creator: GitHubUser
  created_at: string
  deployment_id: number
}

export interface RecordedRequest {
  method: string
  path: string
  query: Record<string, string>
  body: unknown
  token: string | null
}

interface Barrier {
  method: string
  pattern: RegExp
  count: number
  waiting: (() => void)[]
}

export const GITHUB_ACTIONS_BOT: GitHubUser = {
  login: 'github-actions[bot]',
  id: 41898282,
  type: 'Bot'
}

export interface GitHubDouble {
  /** The value for GITHUB_API_URL, e.g. http://127.0.0.1:1234 */
  url: string
  requests: RecordedRequest[]
  comments(owner: string, repo: string, issue: number): Comment[]
  deployments(owner: string, repo: string): Deployment[]
  statuses(deploymentId: number): DeploymentStatus[]
  addToken(token: string, identity: TokenIdentity): void
  addRepo(owner: string, repo: string, opts?: { defaultBranch?: string; id?: number }): void
  /** Answer for GET /repos/{o}/{r}/commits/{sha}/pulls. */
  setCommitPulls(owner: string, repo: string, sha: string, pulls: unknown[]): void
  /** Answer for GET /repos/{o}/{r}/pulls/{n}. */
  setPull(owner: string, repo: string, pull: { number: number } & Record<string, unknown>): void
  /** Adds comments written by someone else (or by `user`) directly, as older history. */
  seedComments(
    owner: string,
    repo: string,
    issue: number,
    bodies: string[],
    user?: GitHubUser
  ): void
  /**
   * Holds requests matching method and path until `count` of them have arrived, then lets them
   * all through: forces two racing runs to interleave at that point.
   */
  barrier(method: string, pattern: RegExp, count: number): void
  stop(): Promise<void>
}

function json(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {}
) {
  const text = body === undefined ? '' : JSON.stringify(body)
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers })
  res.end(text)
}

function readBody(req: IncomingMessage): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8')
      if (!text) return resolve(undefined)
      try {
        resolve(JSON.parse(text))
      } catch (error) {
        reject(error)
      }
    })
    req.on('error', reject)
  })
}

const DOCS = 'https://docs.github.com/rest'

const DEPLOYMENT_STATES = [
  'error',
  'failure',
  'inactive',
  'in_progress',
  'queued',
  'pending',
  'success'
]

interface RepoInfo {
  id: number
  defaultBranch: string
}

/** A request below /repos/{owner}/{repo}, authenticated, for a repository the double serves. */
interface RepoRequest {
  u: URL
  res: ServerResponse
  method: string
  body: unknown
  identity: TokenIdentity
  owner: string
  repo: string
  repoInfo: RepoInfo
}

const repoKey = (o: string, r: string) => `${o}/${r}`.toLowerCase()
const commentKey = (o: string, r: string, n: number) => `${repoKey(o, r)}#${n}`

function forbidden(res: ServerResponse, doc: string) {
  json(res, 403, {
    message: 'Resource not accessible by integration',
    documentation_url: `${DOCS}/${doc}`,
    status: '403'
  })
}

function notFound(res: ServerResponse) {
  json(res, 404, { message: 'Not Found', documentation_url: DOCS, status: '404' })
}

const may = (r: RepoRequest, p: Permission) => r.identity.write.includes(p)
const mayComment = (r: RepoRequest) => may(r, 'issues') || may(r, 'pull-requests')

function repository({ repoInfo, owner, repo }: RepoRequest) {
  return {
    id: repoInfo.id,
    name: repo,
    full_name: `${owner}/${repo}`,
    default_branch: repoInfo.defaultBranch,
    owner: { login: owner }
  }
}

/** GET /repos/{o}/{r}/deployments filters on each query parameter the caller set. */
function filterDeployments(list: Deployment[], q: URLSearchParams): Deployment[] {
  return list
    .filter(d => !q.get('sha') || d.sha === q.get('sha'))
    .filter(d => !q.get('ref') || d.ref === q.get('ref'))
    .filter(d => !q.get('environment') || d.environment === q.get('environment'))
    .filter(d => !q.get('task') || d.task === q.get('task'))
}

/**
 * The double's state and the answers built from it, one method per family of routes. Internal:
 * startGitHubDouble serves it over HTTP and hands out the GitHubDouble view of it.
 */
class GitHubState {
  readonly tokens = new Map<string, TokenIdentity>()
  readonly repos = new Map<string, RepoInfo>()
  readonly comments = new Map<string, Comment[]>()
  readonly deployments = new Map<string, Deployment[]>()
  readonly statuses = new Map<number, DeploymentStatus[]>()
  readonly commitPulls = new Map<string, unknown[]>()
  readonly pulls = new Map<string, unknown>()
  readonly requests: RecordedRequest[] = []
  readonly barriers: Barrier[] = []
  nextId = 1000
  /** Set once the server listens: the base of every URL and Link the double answers with. */
  url = ''
  private clock = Date.parse('2026-01-01T00:00:00Z')

  /** Every repository route: `METHOD path-below-the-repository` and what answers it. */
  private readonly routes: [RegExp, (r: RepoRequest, m: RegExpMatchArray) => void][] = [
    [/^GET $/, r => json(r.res, 200, repository(r))],
    [/^(GET|POST) issues\/(\d+)\/comments$/, (r, m) => this.issueComments(r, Number(m[2]))],
    [/^(GET|PATCH|DELETE) issues\/comments\/(\d+)$/, (r, m) => this.issueComment(r, Number(m[2]))],
    [/^(GET|POST) deployments$/, r => this.repoDeployments(r)],
    [
      /^(GET|POST) deployments\/(\d+)\/statuses$/,
      (r, m) => this.deploymentStatuses(r, Number(m[2]))
    ],
    [/^GET commits\/([^/]+)\/pulls$/, (r, m) => this.pullsOfCommit(r, m[1])],
    [/^GET pulls\/(\d+)$/, (r, m) => this.pull(r, m[1])]
  ]

  /** Strictly increasing timestamps keep "oldest comment" well defined within one millisecond. */
  now(): string {
    this.clock = Math.max(this.clock + 1000, Date.now())
    return new Date(this.clock).toISOString()
  }

  /** Records the request, holds it at a barrier, authenticates it and routes it. */
  async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const { u, method, body, token } = await this.record(req)
    await this.passBarrier(method, u.pathname)

    const identity = token ? this.tokens.get(token) : undefined
    if (!identity) {
      return json(res, 401, { message: 'Bad credentials', documentation_url: DOCS, status: '401' })
    }
    if (method === 'GET' && u.pathname === '/user') {
      if (!identity.canReadUser) return forbidden(res, 'users/users#get-the-authenticated-user')
      return json(res, 200, identity.user)
    }
    const parts = u.pathname.split('/').filter(Boolean).map(decodeURIComponent)
    if (parts[0] !== 'repos' || parts.length < 3) return notFound(res)
    const [, owner, repo, ...rest] = parts
    const repoInfo = this.repos.get(repoKey(owner, repo))
    if (!repoInfo) return notFound(res)
    this.routeRepo({ u, res, method, body, identity, owner, repo, repoInfo }, rest)
  }

  /** Reads the request and adds it to `requests`, so tests see every call, even refused ones. */
  private async record(req: IncomingMessage) {
    const u = new URL(req.url ?? '/', this.url)
    const method = req.method ?? 'GET'
    const body = await readBody(req)
    const auth = req.headers.authorization ?? ''
    const token = auth.replace(/^(token|bearer)\s+/i, '') || null
    this.requests.push({
      method,
      path: u.pathname,
      query: Object.fromEntries(u.searchParams),
      body,
      token
    })
    return { u, method, body, token }
  }

  private async passBarrier(method: string, path: string) {
    const barrier = this.barriers.find(
      b => b.method === method && b.pattern.test(path) && b.count > 0
    )
    if (!barrier) return
    await new Promise<void>(resolve => {
      barrier.waiting.push(resolve)
      if (barrier.waiting.length >= barrier.count) {
        barrier.count = 0
        for (const release of barrier.waiting.splice(0)) release()
      }
    })
  }

  /** Lets every held request through, so stopping never leaves one hanging. */
  releaseBarriers(): void {
    for (const b of this.barriers) for (const release of b.waiting.splice(0)) release()
  }

  private routeRepo(r: RepoRequest, below: string[]) {
    const route = `${r.method} ${below.join('/')}`
    for (const [pattern, serve] of this.routes) {
      const m = route.match(pattern)
      if (m) return serve(r, m)
    }
    return notFound(r.res)
  }

  /** Answers a page of `items` as GitHub does: per_page/page, and a Link header to the others. */
  private paginate<T>(req: URL, res: ServerResponse, items: T[]) {
    const perPage = Math.min(Math.max(Number(req.searchParams.get('per_page') ?? 30) || 30, 1), 100)
    const page = Math.max(Number(req.searchParams.get('page') ?? 1) || 1, 1)
    const last = Math.max(Math.ceil(items.length / perPage), 1)
    const link = (p: number) => {
      const u = new URL(req.pathname + req.search, this.url)
      u.searchParams.set('per_page', String(perPage))
      u.searchParams.set('page', String(p))
      return `<${u.toString()}>`
    }
    const rels: string[] = []
    if (page > 1) rels.push(`${link(page - 1)}; rel="prev"`)
    if (page < last) rels.push(`${link(page + 1)}; rel="next"`, `${link(last)}; rel="last"`)
    if (page > 1) rels.push(`${link(1)}; rel="first"`)
    const headers: Record<string, string> = rels.length ? { link: rels.join(', ') } : {}
    json(res, 200, items.slice((page - 1) * perPage, page * perPage), headers)
  }

  private issueComments(r: RepoRequest, issue: number) {
    const { owner, repo, res } = r
    const key = commentKey(owner, repo, issue)
    const list = this.comments.get(key) ?? []
    if (r.method === 'GET') return this.paginate(r.u, res, list)
    if (!mayComment(r)) return forbidden(res, 'issues/comments#create-an-issue-comment')
    const text = String((r.body as { body?: unknown })?.body ?? '')
    const comment = this.newComment(owner, repo, issue, text, r.identity.user)
    this.comments.set(key, [...list, comment])
    return json(res, 201, comment)
  }

  private issueComment(r: RepoRequest, id: number) {
    const { res } = r
    for (const [key, list] of this.comments) {
      const found = list.find(c => c.id === id)
      if (!found) continue
      if (r.method === 'GET') return json(res, 200, found)
      if (!mayComment(r)) return forbidden(res, 'issues/comments#update-an-issue-comment')
      if (found.user.login !== r.identity.user.login) return forbidden(res, 'issues/comments')
      if (r.method === 'DELETE') {
        this.comments.set(
          key,
          list.filter(c => c.id !== id)
        )
        res.writeHead(204)
        return res.end()
      }
      found.body = String((r.body as { body?: unknown })?.body ?? found.body)
      found.updated_at = this.now()
      return json(res, 200, found)
    }
    return notFound(res)
  }

  private repoDeployments(r: RepoRequest) {
    const { owner, repo, res } = r
    const list = this.deployments.get(repoKey(owner, repo)) ?? []
    if (r.method === 'GET') {
      return this.paginate(r.u, res, [...filterDeployments(list, r.u.searchParams)].reverse())
    }
    if (!may(r, 'deployments')) {
      return forbidden(res, 'deployments/deployments#create-a-deployment')
    }
    const b = (r.body ?? {}) as Record<string, unknown>
    const ref = String(b.ref ?? '')
    if (!ref) return json(res, 422, { message: 'Validation Failed', errors: [{ field: 'ref' }] })
    const deployment = this.newDeployment(r, ref, b)
    this.deployments.set(repoKey(owner, repo), [...list, deployment])
    return json(res, 201, deployment)
  }

  /** The deployment a valid POST /deployments creates, with GitHub's defaults for what it omits. */
  private newDeployment(r: RepoRequest, ref: string, b: Record<string, unknown>): Deployment {
    const at = this.now()
    const id = this.nextId++
    return {
      id,
      sha: /^[0-9a-f]{40}$/.test(ref) ? ref : '0'.repeat(40),
      ref,
      task: String(b.task ?? 'deploy'),
      environment: String(b.environment ?? 'production'),
      description: (b.description as string | undefined) ?? null,
      payload: b.payload ?? {},
      transient_environment: Boolean(b.transient_environment),
      production_environment: Boolean(b.production_environment ?? b.environment === 'production'),
      creator: r.identity.user,
      created_at: at,
      updated_at: at,
      statuses_url: `${this.url}/repos/${r.owner}/${r.repo}/deployments/${id}/statuses`
    }
  }

  private deploymentStatuses(r: RepoRequest, id: number) {
    const { res } = r
    const deployment = (this.deployments.get(repoKey(r.owner, r.repo)) ?? []).find(d => d.id === id)
    if (!deployment) return notFound(res)
    const list = this.statuses.get(id) ?? []
    if (r.method === 'GET') return this.paginate(r.u, res, [...list].reverse())
    if (!may(r, 'deployments')) {
      return forbidden(res, 'deployments/statuses#create-a-deployment-status')
    }
    const b = (r.body ?? {}) as Record<string, unknown>
    if (!DEPLOYMENT_STATES.includes(String(b.state))) {
      return json(res, 422, { message: 'Validation Failed', errors: [{ field: 'state' }] })
    }
    const status: DeploymentStatus = {
      id: this.nextId++,
      state: String(b.state),
      description: String(b.description ?? ''),
      environment: String(b.environment ?? deployment.environment),
      environment_url: String(b.environment_url ?? ''),
      log_url: String(b.log_url ?? ''),
      creator: r.identity.user,
      created_at: this.now(),
      deployment_id: id
    }
    this.statuses.set(id, [...list, status])
    deployment.updated_at = status.created_at
    return json(res, 201, status)
  }

  private pullsOfCommit(r: RepoRequest, sha: string) {
    this.paginate(r.u, r.res, this.commitPulls.get(`${repoKey(r.owner, r.repo)}@${sha}`) ?? [])
  }

  private pull(r: RepoRequest, number: string) {
    const pull = this.pulls.get(`${repoKey(r.owner, r.repo)}#${number}`)
    return pull ? json(r.res, 200, pull) : notFound(r.res)
  }

  newComment(o: string, r: string, issue: number, body: string, user: GitHubUser): Comment {
    const at = this.now()
    const id = this.nextId++
    return {
      id,
      node_id: `IC_${id}`,
      body,
      user,
      created_at: at,
      updated_at: at,
      html_url: `https://github.com/${o}/${r}/pull/${issue}#issuecomment-${id}`,
      issue_url: `${this.url}/repos/${o}/${r}/issues/${issue}`
    }
  }
}

/** The GitHubDouble tests hold: reads and seeds `state`, and stops `server`. */
function doubleOf(state: GitHubState, server: Server): GitHubDouble {
  return {
    url: state.url,
    requests: state.requests,
    comments: (o, r, n) => state.comments.get(commentKey(o, r, n)) ?? [],
    deployments: (o, r) => state.deployments.get(repoKey(o, r)) ?? [],
    statuses: id => state.statuses.get(id) ?? [],
    addToken: (token, identity) => void state.tokens.set(token, identity),
    addRepo: (o, r, opts = {}) =>
      void state.repos.set(repoKey(o, r), {
        id: opts.id ?? state.nextId++,
        defaultBranch: opts.defaultBranch ?? 'main'
      }),
    setCommitPulls: (o, r, sha, list) =>
      void state.commitPulls.set(`${repoKey(o, r)}@${sha}`, list),
    setPull: (o, r, pull) => void state.pulls.set(`${repoKey(o, r)}#${pull.number}`, pull),
    seedComments: (o, r, n, bodies, user = { login: 'octocat', id: 1, type: 'User' }) => {
      const key = commentKey(o, r, n)
      const list = state.comments.get(key) ?? []
      for (const body of bodies) list.push(state.newComment(o, r, n, body, user))
      state.comments.set(key, list)
    },
    barrier: (method, pattern, count) =>
      void state.barriers.push({ method, pattern, count, waiting: [] }),
    stop: () =>
      new Promise<void>(resolve => {
        state.releaseBarriers()
        server.closeAllConnections()
        server.close(() => resolve())
      })
  }
}

export async function startGitHubDouble(): Promise<GitHubDouble> {
  const state = new GitHubState()
  const server: Server = createServer((req, res) => {
    state.handle(req, res).catch(error => {
      if (!res.headersSent) json(res, 500, { message: String(error) })
      else res.end()
    })
  })
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  return doubleOf(state, server)
}
