import { CancelledError, DeployFailedError, DeployTimeoutError } from '../http/api-errors.js'

/** One thing wrong with one input: which input, what is wrong with its value and how to fix it. */
export interface InputProblem {
  input: string
  message: string
}

/**
 * Every problem found in the inputs at once, so a user fixes them in one round trip.
 * Messages never contain secret values (token, env var values).
 */
export class InputError extends Error {
  readonly problems: InputProblem[]

  constructor(problems: InputProblem[]) {
    super(formatProblems(problems))
    this.name = 'InputError'
    this.problems = problems
  }
}

/** The files under root cannot be packed as they are (symlink leaving root, size limit, ...). */
export class PackError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'PackError'
  }
}

function formatProblems(problems: InputProblem[]): string {
  if (problems.length === 1) return `Input "${problems[0].input}": ${problems[0].message}`
  const lines = problems.map(p => `  - Input "${p.input}": ${p.message}`)
  return `${problems.length} inputs need fixing:\n${lines.join('\n')}`
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
      `${this.deploymentUrl} answered ${this.answers} time(s) in a row that its process stopped`
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
