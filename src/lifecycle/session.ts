/**
 * What every lifecycle mode shares: the run, the inputs, the platform (v1 or v2), and GitHub
 * writes that never fail the deploy (a denied call becomes one warning naming the missing
 * permission, and that kind of call is not attempted again in this run).
 */
import type { Traffic } from '../core/deploy/traffic.js'
import type { DeployOptions, DeployResult } from '../core/deploy/deploy.js'
import { createPlatform } from '../core/platform/factory.js'
import type { Platform } from '../core/platform/platform.js'
import type { Reporter } from '../core/deploy/reporter.js'
import type { DeploySettings } from '../core/settings/settings.js'
import {
  mergePreviews,
  type CommentData,
  type PreviewRecord,
  type ProjectRow,
  type RowState
} from './comment-body.js'
import { GitHubApi, GitHubCallError } from './github-api.js'
import { setGitHubDeploymentStatus, startGitHubDeployment } from './github-deployments.js'
import type { LifecycleInputs } from './inputs.js'
import type { Intent } from './intent.js'
import type { RunInfo } from './run-info.js'
import { StickyComment, type CommentRef } from './sticky-comment.js'

export interface LifecycleReporter extends Reporter {
  notice(message: string): void
}

/** Filled in as the run goes, so outputs exist even when the deploy fails half way. */
export interface LifecycleOutcome {
  /** null until the run knows what it does (bad inputs fail before that: no outputs then). */
  mode: 'preview' | 'production' | 'cleanup' | 'janitor' | 'skip' | null
  environment: string
  result: DeployResult | null
  comment: CommentRef | null
  githubDeploymentId: number | null
  /** The preview deployment promoted to production without a rebuild. */
  promotedFrom: string | null
  /** Markdown lines for the job summary. */
  notes: string[]
  /** A production run's last 24 hours of traffic; null when not asked or not available. */
  traffic?: Traffic | null
}

export const newOutcome = (): LifecycleOutcome => ({
  mode: null,
  environment: '',
  result: null,
  comment: null,
  githubDeploymentId: null,
  promotedFrom: null,
  notes: []
})

export interface LifecycleParams {
  run: RunInfo
  inputs: LifecycleInputs
  intent: Exclude<Intent, { kind: 'skip' }>
  settings: DeploySettings
  reporter: LifecycleReporter
  /** The deploy core, bound to this run's settings and reporter. */
  deploy: (options: LifecycleDeployOptions) => Promise<DeployResult>
  signal?: AbortSignal
  outcome: LifecycleOutcome
}

export interface GitHubDeploymentStart {
  sha: string
  environment: string
  production: boolean
  description: string
  deploymentId: string
  pullRequest: number | null
}

/** What a lifecycle mode tells the deploy core: the commit, timeline, tree and PR. */
export type LifecycleDeployOptions = Pick<
  DeployOptions,
  'onCreated' | 'timeline' | 'packed' | 'pullRequest' | 'ref' | 'deadline' | 'checkedTarget'
> & { commit: string }

/** What a GitHub call is for: a denied kind is not tried again in this run. */
type GitHubCallKind = 'comment' | 'deployments' | 'read'

export class Session {
  readonly platform: Platform
  readonly gh: GitHubApi | null
  readonly deadline: number
  private readonly denied = new Set<GitHubCallKind>()
  private checkedTarget: Promise<string> | undefined

  constructor(readonly params: LifecycleParams) {
    this.deadline = Date.now() + params.settings.timeoutMs
    this.platform = createPlatform(params.settings, {
      reporter: params.reporter,
      deadline: this.deadline,
      timeoutMs: params.settings.timeoutMs,
      signal: params.signal,
      rootInRepo: null,
      assetPaths: new Set()
    })
    this.gh = params.inputs.githubToken
      ? new GitHubApi(
          params.inputs.githubToken,
          params.run.apiUrl,
          params.run.owner,
          params.run.repo
        )
      : null
    if (!this.gh) {
      params.reporter.notice(
        'github-token is empty: no PR comment and no GitHub deployment for this run.'
      )
    }
  }

  get reporter(): LifecycleReporter {
    return this.params.reporter
  }

  /**
   * Runs a GitHub call that must not fail the deploy. Returns undefined when it was skipped or
   * failed (after a warning that says why and, for a 403, which permission is missing).
   */
  async tryGitHub<T>(
    kind: GitHubCallKind,
    fn: (gh: GitHubApi) => Promise<T>
  ): Promise<T | undefined> {
    if (!this.gh || this.denied.has(kind)) return undefined
    try {
      return await fn(this.gh)
    } catch (error) {
      if (error instanceof GitHubCallError && error.denied) this.denied.add(kind)
      this.reporter.warning(
        error instanceof GitHubCallError
          ? error.message
          : `GitHub call failed: ${(error as Error).message}`
      )
      return undefined
    }
  }

  /**
   * Creates the GitHub deployment of the platform's deployment `id` (in_progress), once that
   * exists so its payload names it for cleanup, and keeps its ID for the outputs.
   */
  async startGitHubDeployment(record: GitHubDeploymentStart): Promise<void> {
    const { settings, run, outcome } = this.params
    outcome.githubDeploymentId =
      (await this.tryGitHub('deployments', gh =>
        startGitHubDeployment(
          gh,
          {
            sha: record.sha,
            environment: record.environment,
            production: record.production,
            description: record.description,
            payload: {
              projectId: settings.projectId,
              deploymentId: record.deploymentId,
              pullRequest: record.pullRequest,
              sha: record.sha
            }
          },
          run.runUrl
        )
      )) ?? null
  }

  /** Moves this run's GitHub deployment (if it has one) to success or failure. */
  async finishGitHubDeployment(
    state: 'success' | 'failure',
    description: string,
    environmentUrl?: string | null
  ): Promise<void> {
    const id = this.params.outcome.githubDeploymentId
    if (!id) return
    await this.tryGitHub('deployments', gh =>
      setGitHubDeploymentStatus(gh, id, {
        state,
        description,
        environmentUrl: environmentUrl ?? undefined,
        logUrl: this.params.run.runUrl
      })
    )
  }

  /** The sticky comment of `pr`, or null when comments are off or impossible. */
  commentFor(pr: number | null): StickyComment | null {
    if (!this.gh || pr === null || !this.params.inputs.comment) return null
    return new StickyComment(this.gh, pr)
  }

  async writeRow(
    comment: StickyComment | null,
    update: (data: CommentData) => CommentData
  ): Promise<void> {
    if (!comment) return
    const ref = await this.tryGitHub('comment', () => comment.write(update))
    if (ref) this.params.outcome.comment = ref
  }

  /**
   * The one check of the project (app) and token of this run, started on first use: the comment
   * shows its name, and the deploy core awaits the same answer instead of asking again.
   */
  targetCheck(): Promise<string> {
    if (!this.checkedTarget) {
      this.checkedTarget = this.platform.checkTarget()
      // Whoever awaits it reports a failure; until then it must not count as unhandled.
      this.checkedTarget.catch(() => undefined)
    }
    return this.checkedTarget
  }

  /** The project's (app's) name for the comment, or null (the deploy reports a bad one). */
  projectName(): Promise<string | null> {
    return this.targetCheck().catch(() => null)
  }

  /** What every deploy of this run shares: the run's deadline and its one target check. */
  deployDefaults(): Pick<LifecycleDeployOptions, 'deadline' | 'checkedTarget'> {
    return { deadline: this.deadline, checkedTarget: this.targetCheck() }
  }
}

export interface RowChange {
  state: RowState
  sha: string
  deploymentId: string | null
  url: string | null
  note: string | null
  /** Deployments to add to (or update in) the row's records. */
  previews?: PreviewRecord[]
}

/**
 * An idempotent update of one project's row (re-applied after concurrent writes). The last
 * good URL carries over from the previous row until a newer deployment is ready.
 */
export function rowUpdate(
  base: { projectId: string; projectName: string | null; runUrl: string; updatedAt: string },
  change: RowChange
): (data: CommentData) => CommentData {
  return data => {
    const prev: ProjectRow | undefined = data.rows[base.projectId]
    const lastGood =
      change.state === 'ready' && change.url && change.deploymentId
        ? { url: change.url, deploymentId: change.deploymentId, sha: change.sha }
        : prev?.state === 'ready' &&
            prev.url &&
            prev.deploymentId &&
            prev.deploymentId !== change.deploymentId
          ? { url: prev.url, deploymentId: prev.deploymentId, sha: prev.sha }
          : (prev?.lastGood ?? null)
    const row: ProjectRow = {
      projectId: base.projectId,
      projectName: base.projectName ?? prev?.projectName ?? null,
      state: change.state,
      sha: change.sha,
      deploymentId: change.deploymentId,
      url: change.url,
      lastGood,
      note: change.note,
      updatedAt: base.updatedAt,
      runUrl: base.runUrl,
      previews: mergePreviews(prev?.previews ?? [], change.previews ?? [])
    }
    return { ...data, rows: { ...data.rows, [base.projectId]: row } }
  }
}
