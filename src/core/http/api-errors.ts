/**
 * Errors of the API client and of the deploy process. Each message says what happened and what
 * to do about it; none ever contains the token or an env var value.
 */
import type { Annotation } from '../deploy/reporter.js'
import { formatDuration } from '../text/units.js'
import { inputName, inputNames } from '../text/wording.js'

/** Which action input a 400 message most likely points at, by the request field it names. */
const FIELD_INPUTS: [RegExp, string][] = [
  [/entry ?point/i, 'entrypoint'],
  [/import ?map/i, 'import-map'],
  [/lock ?file/i, 'lock-file'],
  [/compiler ?options|jsx|decorator/i, 'compiler-options'],
  [/database|\bkv\b/i, 'database-id'],
  [/env ?vars?|environment variable/i, 'env-vars'],
  [/request ?timeout/i, 'request-timeout'],
  [/permission|\bnet\b/i, 'allow-net'],
  [/description/i, 'description'],
  [/asset|symlink|gitSha1|file/i, 'root/include/exclude']
]

/** Which Subhosting API a client speaks: v1 (projects, deployments) or v2 (apps, revisions). */
export type PlatformVersion = 'v1' | 'v2'

export interface ApiErrorDetails {
  status: number
  /** The server's error code, e.g. `invalidToken`; '' when the body had none. */
  code: string
  /** The server's own message (or a summary of the body when it was not `{code, message}`). */
  serverMessage: string
  /** The `x-deno-ray` trace id, if the response had one. */
  ray: string | null
  /** What the request was about, e.g. `GET /projects/{id}`. */
  operation: string
  /** The server's Retry-After, in ms, when it sent one. */
  retryAfterMs?: number | null
  /** Which API answered (default v1), for hints that name the right inputs. */
  platform?: PlatformVersion
  /** The whole JSON error answer, for fields beyond code and message (e.g. `missingAssets`). */
  body?: Record<string, unknown> | null
}

/** A non-2xx answer of the Subhosting API. `message` is the full, actionable text. */
export class ApiError extends Error {
  readonly status: number
  readonly code: string
  readonly serverMessage: string
  readonly ray: string | null
  /** What the user should do about it. */
  readonly hint: string
  readonly retryAfterMs: number | null
  /** The whole JSON error answer (null when it was not a JSON object). */
  readonly body: Record<string, unknown> | null

  constructor(details: ApiErrorDetails) {
    const hint = hintFor(details)
    const code = details.code ? ` ${details.code}` : ''
    const ray = details.ray ? ` If it persists, quote ray ${details.ray} to support.` : ''
    super(
      `Subhosting API ${details.operation} failed (HTTP ${details.status}${code}): ` +
        `${details.serverMessage} ${hint}${ray}`
    )
    this.name = 'ApiError'
    this.status = details.status
    this.code = details.code
    this.serverMessage = details.serverMessage
    this.ray = details.ray
    this.hint = hint
    this.retryAfterMs = details.retryAfterMs ?? null
    this.body = details.body ?? null
  }

  /** 408, 429 and 5xx are worth retrying; other statuses will not change on their own. */
  get transient(): boolean {
    return this.status === 408 || this.status === 429 || this.status >= 500
  }
}

function hintFor(details: ApiErrorDetails): string {
  return details.platform === 'v2' ? v2HintFor(details) : v1HintFor(details)
}

function v2HintFor({ status, code, serverMessage }: ApiErrorDetails): string {
  if (status === 401) {
    return (
      `Check ${inputName('token')}: it must be a Deno Deploy organization token (\`ddo_…\`), or a ` +
      `personal token (\`ddp_…\`) together with ${inputName('organization')}; not expired or revoked.`
    )
  }
  if (status === 403) {
    return `Check that ${inputNames('token', 'organization')} give access to the app and this feature.`
  }
  if (status === 404 && /app/i.test(serverMessage)) {
    return (
      `Check ${inputName('project')}: with v2 it is the app's slug or ID, and the app must belong ` +
      `to the organization of the token (or ${inputName('organization')}).`
    )
  }
  if (status === 404) return `Check ${inputNames('api-url', 'project', 'organization')}.`
  if (status === 400 || status === 422) {
    const input = V2_FIELD_INPUTS.find(([pattern]) => pattern.test(serverMessage))?.[1]
    return input
      ? `The request was rejected; check ${inputName(input)}.`
      : 'The request was rejected; check the inputs the message names.'
  }
  if (status === 409) return `The platform refused the change in the current state (${code}).`
  return commonHint(status)
}

const V2_FIELD_INPUTS: [RegExp, string][] = [
  [/entry ?point|runtime/i, 'entrypoint'],
  [/framework/i, 'framework'],
  [/install/i, 'install-command'],
  [/\bbuild\b/i, 'build-command'],
  [/env_?vars?|environment variable/i, 'env-vars'],
  [/label/i, 'description'],
  [/domain/i, 'domains'],
  [/asset|symlink|file/i, 'root/include/exclude']
]

function v1HintFor({ status, code, serverMessage }: ApiErrorDetails): string {
  if (status === 401 || code === 'invalidToken') {
    return (
      `Check ${inputName('token')}: it must be a Subhosting organization access token (v1), ` +
      'stored as a repository or environment secret, not expired or revoked.'
    )
  }
  if (status === 403) {
    return `Check that ${inputName('token')} belongs to the organization that owns the project.`
  }
  if (code === 'projectNotFound') {
    return (
      `Check ${inputName('project')}: it must be the project's UUID, and the organization of the ` +
      'token must own that project.'
    )
  }
  if (code === 'deploymentNotFound') {
    return 'The deployment no longer exists; it was probably deleted while this run used it.'
  }
  if (status === 400) {
    const input = FIELD_INPUTS.find(([pattern]) => pattern.test(serverMessage))?.[1]
    return input
      ? `The request was rejected; check ${inputName(input)}.`
      : 'The request was rejected; check the inputs the message names.'
  }
  if (status === 404) return `Check ${inputNames('api-url', 'project')}.`
  return commonHint(status)
}

function commonHint(status: number): string {
  if (status === 413) {
    return `The upload is too large; leave files out with ${inputName('exclude')} (limit 1 GB).`
  }
  if (status === 429) {
    return (
      'The Subhosting API is rate limiting this organization (deployments per hour are limited); ' +
      `wait and re-run, or raise ${inputName('timeout')} so retries can wait longer.`
    )
  }
  if (status === 408 || status >= 500) {
    return (
      'The Subhosting platform had trouble (retried with backoff until it gave up); ' +
      're-run the job later or check the platform status.'
    )
  }
  return `Check the inputs and ${inputName('api-url')}.`
}

/** `null` for what the API says does not exist (404); every other failure propagates. */
export async function nullWhenMissing<T>(request: Promise<T>): Promise<T | null> {
  try {
    return await request
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) return null
    throw error
  }
}

/** The API could not be reached at all (DNS, refused, reset, per-request timeout). */
export class NetworkError extends Error {
  /** Whether the whole request body had been handed to the connection when it failed. */
  readonly bodySent: boolean

  constructor(operation: string, apiUrl: string, cause: unknown, bodySent: boolean) {
    super(
      `Could not reach the Subhosting API for ${operation} (${describeCause(cause)}). ` +
        `Check ${inputName('api-url')} (${apiUrl}) and the network; retried with backoff ` +
        'until it gave up.',
      { cause }
    )
    this.name = 'NetworkError'
    this.bodySent = bodySent
  }
}

export function describeCause(cause: unknown): string {
  // Duck-typed: errors from fetch may come from another realm (instanceof fails there).
  const outer = cause as { message?: unknown; code?: unknown; cause?: unknown } | null
  if (!outer || typeof outer.message !== 'string') return String(cause)
  const inner = outer.cause as { message?: unknown; code?: unknown } | undefined
  const code = inner?.code ?? outer.code
  const message =
    typeof inner?.message === 'string' && inner.message ? inner.message : outer.message
  return [typeof code === 'string' && !message.includes(code) ? code : '', message]
    .filter(Boolean)
    .join(': ')
}

/** The build failed; carries its last error lines and where in the repo it points, if anywhere. */
export class DeployFailedError extends Error {
  /** What failed, e.g. "Deployment X failed to build" or "Revision X timed out on the platform…". */
  readonly headline: string
  readonly deploymentId: string
  readonly logLines: string[]
  readonly annotation: Annotation | undefined

  /** `headline` replaces "Deployment <id> failed to build" (e.g. a v2 boot failure). */
  constructor(
    deploymentId: string,
    logLines: string[],
    annotation?: Annotation,
    headline?: string
  ) {
    const title = headline ?? `Deployment ${deploymentId} failed to build`
    const shown = logLines.length ? `:\n${logLines.join('\n')}` : ' (the build log was empty).'
    super(`${title}${shown}`)
    this.name = 'DeployFailedError'
    this.headline = title
    this.deploymentId = deploymentId
    this.logLines = logLines
    this.annotation = annotation
  }
}

/** The run stopped waiting (timeout or cancel): the deployment, if created, and its last state. */
abstract class StoppedError extends Error {
  constructor(
    message: string,
    readonly deploymentId: string | null,
    readonly lastState: string
  ) {
    super(message)
  }
}

/** The `timeout` input ran out; names the deployment (if created) and its last known state. */
export class DeployTimeoutError extends StoppedError {
  /** `stoppedOnPlatform`: the build was cancelled there too (v2), so nothing keeps building. */
  constructor(
    readonly timeoutMs: number,
    deploymentId: string | null,
    lastState: string,
    stoppedOnPlatform = false
  ) {
    const what = deploymentId ? `deployment ${deploymentId}` : 'the deployment'
    super(
      `Timed out after ${formatDuration(timeoutMs)} waiting for ${what}; last state: ${lastState}. ` +
        (!deploymentId
          ? `Raise ${inputName('timeout')} or re-run the job.`
          : stoppedOnPlatform
            ? `Its build was cancelled on the platform; raise ${inputName('timeout')} if builds need longer.`
            : `It may still finish on the platform; raise ${inputName('timeout')} if builds need longer.`),
      deploymentId,
      lastState
    )
    this.name = 'DeployTimeoutError'
  }
}

/** The run was cancelled (SIGINT/SIGTERM wired to the AbortSignal). */
export class CancelledError extends StoppedError {
  /** `stoppedOnPlatform`: the build was cancelled there too (v2), so nothing keeps building. */
  constructor(deploymentId: string | null, lastState: string, stoppedOnPlatform = false) {
    super(
      deploymentId
        ? `Cancelled while waiting for deployment ${deploymentId}; last state: ${lastState}. ` +
            (stoppedOnPlatform
              ? 'Its build was cancelled on the platform too.'
              : 'The platform keeps building it; check it with the deployment ID.')
        : `Cancelled before a deployment was created (${lastState}).`,
      deploymentId,
      lastState
    )
    this.name = 'CancelledError'
  }
}
