/**
 * How a deploy that reached the platform can end other than live: the build failed, the app
 * crashed at start-up, the run timed out or was cancelled. Each error keeps what is known (the
 * deployment's id and last state) so outputs can report it.
 */
import type { Annotation } from './reporter.js'
import { formatDuration } from '../text/units.js'
import { inputName } from '../text/wording.js'

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

/** What the platform's answer says about an app that was built but cannot serve. */
export interface AppCrash {
  /** The deployment's public URL that was probed ('' when the platform's own check said so). */
  deploymentUrl: string
  /** The app's own error lines, as the platform quoted them. */
  appError: string
  /** The input that usually fixes this kind of crash, with how; null when none does. */
  hint: string | null
  /** How many probes in a row got the crash answer (0: the platform's boot check said so). */
  answers: number
  /** The platform's own verdict, when its boot check (v2 warmup) reported the crash. */
  verdict?: string
}

/**
 * The deployment built, but its process exits (or is killed) as soon as it starts, so waiting
 * longer cannot help. `deploymentId` is set by whoever knows it (the probe only knows the URL);
 * setting it rewrites the message, so the error names the deployment whenever it is known.
 */
/** "once", "twice in a row", "3 times in a row". */
function inARow(answers: number): string {
  if (answers <= 1) return 'once'
  return `${answers === 2 ? 'twice' : `${answers} times`} in a row`
}

export class AppCrashedError extends Error {
  readonly deploymentUrl: string
  readonly appError: string
  readonly hint: string | null
  readonly answers: number
  readonly verdict: string | null
  #deploymentId: string | null = null

  constructor(crash: AppCrash, deploymentId: string | null = null) {
    super('')
    this.name = 'AppCrashedError'
    this.deploymentUrl = crash.deploymentUrl
    this.appError = crash.appError
    this.hint = crash.hint
    this.answers = crash.answers
    this.verdict = crash.verdict ?? null
    this.deploymentId = deploymentId
  }

  get deploymentId(): string | null {
    return this.#deploymentId
  }

  set deploymentId(id: string | null) {
    this.#deploymentId = id
    const which = id ? `Deployment ${id}` : 'The deployment'
    const evidence =
      this.verdict ??
      `${this.deploymentUrl} answered ${inARow(this.answers)} that its process had stopped`
    this.message =
      `${which} built, but its app crashes at start-up: ${evidence}. The app's error:\n` +
      `${this.appError}\n` +
      (this.hint ?? 'Fix the error above (run the app locally to reproduce it) and deploy again.')
  }

  /** Sets `deploymentId` (see above); returns the error, for `throw error.attachDeployment(id)`. */
  attachDeployment(deploymentId: string | null): this {
    this.deploymentId = deploymentId
    return this
  }
}

/** What a failed deploy leaves behind, for outputs and `--json`: each field null when unknown. */
export interface FailureFacts {
  deploymentId: string | null
  /**
   * `failed` (build failed, app cannot serve), `cancelled`, or on timeout the platform's state
   * when it is still `pending` (it may finish later); never `success` for a deploy that did not
   * end serving. null for errors before the deploy started (bad input, API errors).
   */
  status: 'failed' | 'cancelled' | 'pending' | null
  /** Where the deployment would serve, when the failure happened that late. */
  url: string | null
}

/** The facts of any error the deploy throws. */
export function failureFacts(error: unknown): FailureFacts {
  if (error instanceof AppCrashedError) {
    return { deploymentId: error.deploymentId, status: 'failed', url: error.deploymentUrl || null }
  }
  if (error instanceof DeployFailedError) {
    return { deploymentId: error.deploymentId, status: 'failed', url: null }
  }
  if (error instanceof DeployTimeoutError) {
    // Built but never answering within the timeout is a failure, whatever the platform says.
    const status = /^pending\b/.test(error.lastState) ? 'pending' : 'failed'
    return { deploymentId: error.deploymentId, status, url: null }
  }
  if (error instanceof CancelledError) {
    return { deploymentId: error.deploymentId, status: 'cancelled', url: null }
  }
  return { deploymentId: null, status: null, url: null }
}
