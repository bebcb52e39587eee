import * as core from '@actions/core'
import type { DeployResult } from '../core/deploy/deploy.js'
import { describeFailure, failStep } from './failure.js'
import {
  writeFailureSummary,
  writeJobSummary,
  writeLifecycleOnlySummary,
  type LifecycleSummary
} from './job-summary.js'
import { setDeployOutputs } from './outputs.js'

/**
 * Tells the workflow what was deployed: the step's outputs, then the job summary (the deploy,
 * then the lifecycle's part, when there is one). Outside a runner (local-action, other CI)
 * there may be no summary file; a deploy that succeeded must not fail over that, so the summary
 * is skipped with a debug line.
 */
export async function report(
  result: DeployResult,
  lifecycle: LifecycleSummary | null = null,
  dryRunPlan: string | null = null
): Promise<void> {
  setDeployOutputs(result)
  if (!process.env.GITHUB_STEP_SUMMARY) {
    core.debug('GITHUB_STEP_SUMMARY is not set: no job summary written.')
    return
  }
  await writeJobSummary(result, lifecycle, dryRunPlan)
}

/** A run that deployed nothing (cleanup, skip): only the lifecycle's summary. */
export async function reportLifecycleOnly(lifecycle: LifecycleSummary): Promise<void> {
  if (!process.env.GITHUB_STEP_SUMMARY) return
  try {
    await writeLifecycleOnlySummary(lifecycle)
  } catch (summaryError) {
    core.warning(`Could not write the job summary: ${(summaryError as Error).message}`)
  }
}

/**
 * Fails the step, then summarises the failure in the job summary. A summary that cannot be
 * written (no GITHUB_STEP_SUMMARY outside a runner) only warns: the step's error comes first.
 */
export async function reportFailure(
  error: unknown,
  lifecycle: LifecycleSummary | null = null
): Promise<void> {
  failStep(error)
  if (!process.env.GITHUB_STEP_SUMMARY) return
  try {
    await writeFailureSummary(describeFailure(error), lifecycle)
  } catch (summaryError) {
    core.warning(`Could not write the job summary: ${(summaryError as Error).message}`)
  }
}
