import { deploy, type DeployOptions, type DeployResult } from '../core/deploy.js'
import type { Reporter } from '../core/reporter.js'
import type { ActionInputs } from './input-helper.js'

/** Runs the deploy core for the action: the one place main.ts reaches into src/core. */
export function runDeploy(
  { settings, context }: ActionInputs,
  reporter: Reporter,
  options: Pick<DeployOptions, 'signal' | 'onCreated'>
): Promise<DeployResult> {
  return deploy(settings, reporter, {
    ...options,
    commit: context.sha,
    workspace: context.workspace
  })
}
