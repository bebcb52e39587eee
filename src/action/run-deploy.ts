import { deploy, type DeployOptions, type DeployResult } from '../core/deploy/deploy.js'
import type { Reporter } from '../core/deploy/reporter.js'
import type { ActionInputs } from './input-helper.js'

/** Runs the deploy core for the action: the one place main.ts reaches into src/core. */
export function runDeploy(
  { settings, context }: ActionInputs,
  reporter: Reporter,
  options: Omit<DeployOptions, 'workspace'>
): Promise<DeployResult> {
  return deploy(settings, reporter, {
    commit: context.sha,
    // The runner empties RUNNER_TEMP after the job; outside a runner the OS temp dir is used.
    manifestDir: process.env.RUNNER_TEMP || undefined,
    ...options,
    workspace: context.workspace
  })
}
