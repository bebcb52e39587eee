/**
 * The slice of GitHub's REST API the lifecycle uses, over `@actions/github`'s Octokit. Lists are
 * always read to the last page (per_page=100, following the Link header): peers that read only
 * the first page post duplicate comments on long pull requests.
 */
import type { getOctokit } from '@actions/github'
import { retry, type BackoffOptions } from '../core/http/retry.js'

type Octokit = ReturnType<typeof getOctokit>

/** A GitHub call failed; `permission` names what the token lacks when that is the cause. */
export class GitHubCallError extends Error {
  readonly status: number | null
  readonly permission: string | null

  constructor(
    what: string,
    status: number | null,
    serverMessage: string,
    permission: string | null
  ) {
    const fix =
      permission && (status === 403 || status === 404)
        ? ` The github-token lacks the "${permission}" permission: add it to the job's ` +
          '`permissions:` block (fork and Dependabot runs get a read-only token).'
        : ''
    super(
      `Could not ${what} (${status ? `HTTP ${status}` : 'network error'}: ${serverMessage}).${fix}`
    )
    this.name = 'GitHubCallError'
    this.status = status
    this.permission = permission
  }

  /** The token cannot do this at all; retrying the same kind of call is pointless. */
  get denied(): boolean {
    return this.status === 401 || this.status === 403
  }
}

/** GitHub side effects never fail the deploy, so they get a short budget of their own. */
const GITHUB_RETRY_BUDGET_MS = 15_000
const GITHUB_BACKOFF: BackoffOptions = { baseMs: 1_000, capMs: 3_000 }

export class GitHubApi {
  readonly owner: string
  readonly repo: string
  /** Loaded on the first call: a run that never talks to GitHub never loads Octokit. */
  private readonly octokit: () => Promise<Octokit>

  constructor(token: string, apiUrl: string, owner: string, repo: string) {
    let loaded: Promise<Octokit> | undefined
    this.octokit = () =>
      (loaded ??= import('@actions/github').then(github =>
        github.getOctokit(token, { baseUrl: apiUrl })
      ))
    this.owner = owner
    this.repo = repo
  }

  /** One call; `what` and `permission` make the error message. 5xx and network errors retry. */
  async request<T>(
    route: string,
    params: Record<string, unknown>,
    what: string,
    permission: string | null = null
  ): Promise<T> {
    return this.withRetry(what, permission, async () => {
      const response = await (
        await this.octokit()
      ).request(route, {
        owner: this.owner,
        repo: this.repo,
        ...params
      })
      return response.data as T
    })
  }

  /** Every item of a list endpoint, across all pages. */
  async list<T>(route: string, params: Record<string, unknown>, what: string): Promise<T[]> {
    return this.withRetry(
      what,
      null,
      async () =>
        (await this.octokit()).paginate(route, {
          owner: this.owner,
          repo: this.repo,
          per_page: 100,
          ...params
        }) as Promise<T[]>
    )
  }

  /** The core's retry with backoff: 5xx, 429 and network errors, a few times, briefly. */
  private async withRetry<T>(
    what: string,
    permission: string | null,
    fn: () => Promise<T>
  ): Promise<T> {
    try {
      return await retry(fn, {
        deadline: Date.now() + GITHUB_RETRY_BUDGET_MS,
        maxAttempts: 3,
        backoff: GITHUB_BACKOFF,
        classify: error => {
          const status = statusOf(error)
          return { retry: status === null || status >= 500 || status === 429 }
        }
      })
    } catch (error) {
      const data = (error as { response?: { data?: { message?: string } } }).response?.data
      const message = data?.message ?? (error as Error).message
      throw new GitHubCallError(what, statusOf(error), message, permission)
    }
  }
}

function statusOf(error: unknown): number | null {
  return (error as { status?: number }).status ?? null
}
