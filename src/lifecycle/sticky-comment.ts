/**
 * One comment per pull request, shared by every project (and job) deploying from the
 * repository. Found by marker AND author across all pages; racing creators converge on the
 * oldest comment; every write re-reads and merges rows so one project never drops another's.
 */
import {
  MARKER,
  emptyData,
  mergeData,
  parseCommentData,
  renderComment,
  type CommentData
} from './comment-body.js'
import { GitHubCallError, type GitHubApi } from './github-api.js'

interface IssueComment {
  id: number
  body?: string
  html_url: string
  user: { login: string } | null
}

/** The login GITHUB_TOKEN writes as. Installation tokens cannot call GET /user. */
export const ACTIONS_BOT = 'github-actions[bot]'
export const COMMENT_PERMISSION = 'pull-requests: write'

/** Verified writes: re-read after a pause and rewrite when a concurrent writer dropped our row. */
const VERIFY_ROUNDS = 4

export interface CommentRef {
  id: number
  url: string
}

export class StickyComment {
  private author: string | null = null

  constructor(
    private readonly api: GitHubApi,
    private readonly issue: number,
    private readonly pause: (ms: number) => Promise<void> = ms =>
      new Promise(resolve => setTimeout(resolve, ms))
  ) {}

  /** The comment's current data, or null when there is no comment yet. */
  async read(): Promise<{ ref: CommentRef; data: CommentData } | null> {
    const ours = await this.findOurs()
    if (!ours.length) return null
    return { ref: refOf(ours[0]), data: mergeData(...ours.map(dataOf)) }
  }

  /**
   * Applies `update` to the comment's data and writes it, creating the comment when there is
   * none. `update` must be idempotent: it is re-applied to fresh data after concurrent writes.
   */
  async write(update: (data: CommentData) => CommentData): Promise<CommentRef> {
    let ours = await this.findOurs()
    if (!ours.length) {
      const created = await this.api.request<IssueComment>(
        'POST /repos/{owner}/{repo}/issues/{issue_number}/comments',
        { issue_number: this.issue, body: renderComment(update(emptyData())) },
        `create the comment on pull request #${this.issue}`,
        COMMENT_PERMISSION
      )
      // The created comment says who we really are (a GitHub App token is not github-actions).
      if (created.user?.login) this.author = created.user.login
      ours = await this.findOurs()
      if (!ours.some(c => c.id === created.id)) ours.push(created)
      ours.sort((a, b) => a.id - b.id)
    }
    const keep = ours[0]
    const duplicates = ours.slice(1)
    let seed = mergeData(...ours.map(dataOf))
    for (let round = 0; ; round++) {
      const current = await this.getComment(keep.id)
      const merged = update(mergeData(dataOf(current), seed))
      if (renderComment(merged) !== current.body) {
        await this.api.request(
          'PATCH /repos/{owner}/{repo}/issues/comments/{comment_id}',
          { comment_id: keep.id, body: renderComment(merged) },
          `update comment ${keep.id} on pull request #${this.issue}`,
          COMMENT_PERMISSION
        )
      }
      if (round === 0) await this.deleteAll(duplicates)
      // A writer that read before our PATCH and writes after it would drop our row: check again.
      await this.pause(150 + Math.floor(Math.random() * 350))
      const after = dataOf(await this.getComment(keep.id))
      if (sameData(update(after), after) || round >= VERIFY_ROUNDS) return refOf(keep)
      seed = after
    }
  }

  private async deleteAll(comments: IssueComment[]): Promise<void> {
    for (const duplicate of comments) {
      try {
        await this.api.request(
          'DELETE /repos/{owner}/{repo}/issues/comments/{comment_id}',
          { comment_id: duplicate.id },
          `delete duplicate comment ${duplicate.id}`,
          COMMENT_PERMISSION
        )
      } catch (error) {
        // The racing run deletes the same duplicate; gone is what we wanted.
        if (!(error instanceof GitHubCallError && error.status === 404)) throw error
      }
    }
  }

  private async getComment(id: number): Promise<IssueComment> {
    return this.api.request<IssueComment>(
      'GET /repos/{owner}/{repo}/issues/comments/{comment_id}',
      { comment_id: id },
      `read comment ${id}`
    )
  }

  /** Our comments, oldest first: the marker written by our own identity, on any page. */
  private async findOurs(): Promise<IssueComment[]> {
    const author = await this.identity()
    const all = await this.api.list<IssueComment>(
      'GET /repos/{owner}/{repo}/issues/{issue_number}/comments',
      { issue_number: this.issue },
      `list the comments of pull request #${this.issue}`
    )
    return all
      .filter(c => c.user?.login === author && (c.body ?? '').includes(MARKER))
      .sort((a, b) => a.id - b.id)
  }

  /**
   * The token's user: GET /user works for personal tokens; installation tokens (GITHUB_TOKEN,
   * GitHub Apps) get 403, and we assume github-actions[bot] until a created comment tells us
   * otherwise (the dedupe after creating then merges any older comment of the real identity).
   */
  private async identity(): Promise<string> {
    if (this.author) return this.author
    try {
      const user = await this.api.request<{ login: string }>('GET /user', {}, 'read the token user')
      this.author = user.login
    } catch (error) {
      if (!(error instanceof GitHubCallError) || error.status === null || error.status >= 500)
        throw error
      this.author = ACTIONS_BOT
    }
    return this.author
  }
}

function dataOf(comment: IssueComment): CommentData {
  return parseCommentData(comment.body ?? '') ?? emptyData()
}

function refOf(comment: IssueComment): CommentRef {
  return { id: comment.id, url: comment.html_url }
}

function sameData(a: CommentData, b: CommentData): boolean {
  return renderComment(a) === renderComment(b)
}
