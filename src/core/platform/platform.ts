/**
 * What a deploy needs from a Subhosting platform, whichever API it speaks: v1 (a project of
 * immutable deployments) or v2 (an app of revisions on production and preview timelines). The
 * deploy core, the pull-request lifecycle and the command line see only this interface;
 * `createPlatform` (factory.ts) picks the implementation from the settings.
 */
import type { PackResult } from '../pack/pack.js'
import type { PlatformProfile } from './profile.js'

/** A deployment (v1) or revision (v2), in the one vocabulary of the action's outputs. */
export interface PlatformDeployment {
  id: string
  /** v2's queued/building are `pending`, succeeded is `success`, failed and skipped `failed`. */
  status: 'pending' | 'success' | 'failed'
  /** Host names that serve it (v1 domains, v2 timeline host names). */
  domains: string[]
  createdAt: string
}

/** Which timeline a deploy joins: v2 sends it as `production`/`preview`; v1 has only one. */
export type Timeline = 'preview' | 'production'

/** What the run knows about the commit, for labels (v2) and the description (v1). */
export interface DeployOrigin {
  commit: string | null
  ref: string | null
  pullRequest: number | null
}

export interface CreateRequest {
  packed: PackResult
  timeline: Timeline
  origin: DeployOrigin
}

export interface Created {
  deployment: PlatformDeployment
  /** The description as sent, with the run marker (v1); the description input (v2). */
  description: string
  filesUploaded: number
  /** Bytes of request bodies on the wire (compressed, every attempt) that carried it. */
  bytesUploaded: number
}

export interface Live {
  deployment: PlatformDeployment
  /** Where it serves (probed); null when it has no host name. */
  url: string | null
  /** From the create answer to the terminal build state. */
  buildMs: number
}

export interface AttachOutcome {
  /** Resolved names that now point at the deployment. */
  attached: string[]
  /** One line per domain that could not be attached, with the API's reason. */
  failures: string[]
}

export type DeleteOutcome =
  | { kind: 'deleted' }
  | { kind: 'gone' }
  /** Still serving production or a custom domain: kept, with the reason. */
  | { kind: 'kept'; reason: string }

/**
 * A pull-request preview this action created, as the platform records it: v2 revision labels
 * (`custom.deploy_run`, `custom.pull_request`, `custom.git_sha`), v1 the run marker in the
 * description (`[deploy …]`) and the PR of the default description (`PR #N · …`).
 */
export interface PreviewInfo {
  id: string
  /** null when the platform does not say (a v1 description the user wrote). */
  pullRequest: number | null
  sha: string
  createdAt: string
  /** Queued or building: never removed. */
  building: boolean
  status: PlatformDeployment['status']
  /** Where it serves, when it has a host name. */
  url: string | null
  /** Serves the production timeline (v2). */
  production: boolean
  /** Host names other than its own generated ones (custom domains): never removed. */
  customDomains: string[]
}

/**
 * An ID that is no deployment (revision) of the settings' project (app): another project's
 * (`foreign`, refused before anything reads or changes it further, so a token that reaches
 * several apps never deletes or promotes in the wrong one) or nobody's (`missing`). A refused
 * input, not a failure of the platform.
 */
export class NotInTargetError extends Error {
  constructor(
    readonly id: string,
    readonly kind: 'foreign' | 'missing',
    message: string
  ) {
    super(message)
    this.name = 'NotInTargetError'
  }
}

/** The request a deploy would send, safe to print (no contents, no secrets). */
export interface RequestPreview {
  method: string
  url: string
  body: unknown
}

export interface Platform {
  /** The API's words, inputs and hints. */
  readonly profile: PlatformProfile
  /** Checks the token and the project or app before anything is uploaded; returns its name. */
  checkTarget(): Promise<string>
  requestPreview(request: CreateRequest): RequestPreview
  /** Uploads and creates; a lost answer is found again by this run's marker, never resent. */
  create(request: CreateRequest): Promise<Created>
  /** Follows the build (logs echoed) until terminal, then probes the URL until it serves. */
  waitUntilLive(created: Created, timeline: Timeline): Promise<Live>
  /** null when it no longer exists. */
  get(id: string): Promise<PlatformDeployment | null>
  /**
   * Makes a built preview serve production without a rebuild and waits until it answers there.
   * v1 has no production timeline: it stays as it is and serves its own URL. Throws
   * NotInTargetError for another project's (app's) deployment (like `delete` and `inspect`) or
   * a missing one.
   */
  promote(id: string): Promise<Live>
  attachDomains(id: string, domains: string[]): Promise<AttachOutcome>
  /**
   * Deletes a preview; one that still serves production or a custom domain is kept; one that does
   * not exist (404) is `gone`.
   */
  delete(id: string): Promise<DeleteOutcome>
  /**
   * The previews this action deployed for pull request `pr`, as the platform itself records them
   * (v2 revision labels); v1 records nothing of the kind, so there the lifecycle's own records
   * (the comment, GitHub deployments) are all there is.
   */
  previewsOf(pr: number): Promise<{ id: string; sha: string }[]>
  /** Every pull-request preview this action created in the project (app), oldest first. */
  listPreviews(): Promise<PreviewInfo[]>
  /**
   * One deployment (revision) of the project (app) as it is now, with its timelines; null when it
   * does not exist (or was deleted).
   */
  inspect(id: string): Promise<PreviewInfo | null>
  /** Stops a build that is still running; false when the platform cannot (v1). */
  cancel(id: string): Promise<boolean>
  /** The public URL of a host name (http on the API's port for a loopback server). */
  urlOf(domain: string): string
  /** Waits until `domain` serves deployment `id`; returns its URL. */
  waitForDomain(id: string, domain: string): Promise<string>
  /** The analytics table of the project or app for [since, until) (RFC 3339). */
  analytics(since: string, until: string): Promise<AnalyticsTable>
}

/** The analytics answer as both APIs send it: `{fields, values}` rows of time buckets. */
export interface AnalyticsTable {
  fields?: { name: string; type?: string }[]
  values?: unknown[][]
}
