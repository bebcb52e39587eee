import * as core from '@actions/core'
import { CancelledError, DeployFailedError, DeployTimeoutError } from '../core/api-errors.js'

/**
 * Fails the step with one error annotation (core.setFailed plus annotation properties). A failed
 * build is pinned to the file and line of the repository that Deno's error names, so it shows
 * up on the diff. Errors of the core already say what to do, ray IDs included.
 */
export function failStep(error: unknown): void {
  process.exitCode = core.ExitCode.Failure
  if (error instanceof DeployFailedError) {
    setFailureOutputs(error.deploymentId, 'failed')
    core.error(error.message, error.annotation)
    return
  }
  if (error instanceof DeployTimeoutError || error instanceof CancelledError) {
    if (error.deploymentId) setFailureOutputs(error.deploymentId, statusOf(error.lastState))
  }
  if (error instanceof Error) {
    core.error(error.message)
    if (error.stack) core.debug(error.stack)
  } else {
    core.error(String(error))
  }
}

/** The API status a state description starts with (`pending (polling)` → `pending`). */
function statusOf(lastState: string): string {
  return /^(pending|success|failed)\b/.exec(lastState)?.[1] ?? ''
}

/** Later steps (cleanup, notifications) can still find a deployment that did not go live. */
function setFailureOutputs(deploymentId: string, status: string): void {
  core.setOutput('deployment-id', deploymentId)
  if (status) core.setOutput('status', status)
}
