import * as core from '@actions/core'
import { ApiError, NetworkError } from '../core/http/api-errors.js'
import {
  CancelledError,
  DeployFailedError,
  DeployTimeoutError
} from '../core/deploy/outcome-errors.js'
import { buildErrorHeadline, buildErrorLines } from '../core/deploy/build-error.js'
import { AppCrashedError, failureFacts } from '../core/deploy/outcome-errors.js'
import { InputError } from '../core/settings/input-error.js'
import { inputName } from '../core/text/wording.js'

/**
 * Fails the step with one error annotation (core.setFailed plus annotation properties). A failed
 * build is pinned to the file and line of the repository that Deno's error names, so it shows
 * up on the diff; its log was shown while it ran, so the annotation says where and what in one
 * line instead of repeating it. Errors of the core already say what to do, ray IDs included.
 */
export function failStep(error: unknown): void {
  // A plain 1 rather than core.ExitCode.Failure: @github/local-action's stand-in for
  // @actions/core has no ExitCode, and a local run should show the error, not a TypeError.
  process.exitCode = 1
  setFailureOutputs(error)
  if (error instanceof DeployFailedError) {
    core.error(buildErrorHeadline(error), error.annotation)
    return
  }
  if (error instanceof AppCrashedError) {
    core.error(error.message, { title: 'Deployment cannot serve' })
    return
  }
  if (error instanceof Error) {
    core.error(error.message)
    if (error.stack) core.debug(error.stack)
  } else {
    core.error(String(error))
  }
}

/** What the job summary says about a failed step. */
export interface Failure {
  /** What failed, in a few words. */
  title: string
  deploymentId: string | null
  /** The step's `status` output: `failed` or `cancelled`; null when no deploy was started. */
  status: string | null
  /** The deployment's last known state, e.g. `pending (building)`. */
  lastState: string | null
  /** The error message; for bad inputs the problems are listed instead. */
  message: string | null
  /** Each bad input and its fix. */
  problems: string[]
  /** What to do next, when there is a fix (a cancelled run has none). */
  hint: string | null
}

/** Messages of the core never contain secrets; the summary writer redacts masked values anyway. */
export function describeFailure(error: unknown): Failure {
  const facts = failureFacts(error)
  const failure: Failure = {
    title: 'Deploy error',
    deploymentId: facts.deploymentId,
    status: facts.status,
    lastState: null,
    message: error instanceof Error ? error.message : String(error),
    problems: [],
    hint: null
  }
  if (error instanceof InputError) {
    return {
      ...failure,
      title: 'Bad input',
      message: null,
      problems: error.problems.map(p => `Input "${p.input}": ${p.message}`),
      hint: 'Fix these inputs in the workflow file, then re-run the job.'
    }
  }
  if (error instanceof DeployFailedError) return describeBuildFailure(error, failure)
  if (error instanceof AppCrashedError) {
    return {
      ...failure,
      title: 'App crashed at start-up',
      lastState: 'built, but its process exits at start-up',
      message: error.appError,
      hint:
        error.hint ??
        'Fix the error the app reports (run it locally to reproduce), then push again.'
    }
  }
  if (error instanceof DeployTimeoutError || error instanceof CancelledError) {
    const timedOut = error instanceof DeployTimeoutError
    return {
      ...failure,
      title: timedOut ? 'Timed out' : 'Cancelled',
      lastState: error.lastState,
      hint: timedOut
        ? `Raise ${inputName('timeout')} if builds need longer, or re-run the job.`
        : null
    }
  }
  if (error instanceof ApiError)
    return { ...failure, title: 'Subhosting API error', hint: error.hint }
  if (error instanceof NetworkError) return { ...failure, title: 'Subhosting API unreachable' }
  return failure
}

function describeBuildFailure(error: DeployFailedError, failure: Failure): Failure {
  const where = error.annotation?.file
    ? `${error.annotation.file}${error.annotation.startLine ? `:${error.annotation.startLine}` : ''}`
    : null
  return {
    ...failure,
    title: 'Build failed',
    lastState: 'failed',
    message: buildErrorLines(error).join('\n') || null,
    hint: where
      ? `Fix the error at ${where} (annotated on the diff) and push again.`
      : 'Fix the error the build log shows and push again.'
  }
}

/**
 * Later steps (cleanup, notifications) can still find a deployment that did not go live, and
 * its `status` says how it ended: never `success` for a failed step.
 */
function setFailureOutputs(error: unknown): void {
  const facts = failureFacts(error)
  if (facts.deploymentId) core.setOutput('deployment-id', facts.deploymentId)
  if (facts.status) core.setOutput('status', facts.status)
}
