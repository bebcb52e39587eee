import { deploy, type DeployOptions, type DeployResult } from '../core/deploy.js'
import type { Reporter } from '../core/reporter.js'
import type { ActionInputs } from './input-helper.js'

/** Runs the deploy core for the action: the one place main.ts reaches into src/core. */
export function runDeploy(
  { settings, context }: ActionInputs,
  reporter: Reporter,
  options: Omit<DeployOptions, 'workspace'>
): Promise<DeployResult> {
  return deploy(settings, reporter, {
    commit: context.sha,
    ...options,
    workspace: context.workspace
  })
}
