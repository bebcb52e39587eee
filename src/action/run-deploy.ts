import { deploy, type DeployResult } from '../core/deploy.js'
import type { Reporter } from '../core/reporter.js'
import type { ActionInputs } from './input-helper.js'

/** Runs the deploy core for the action: the one place main.ts reaches into src/core. */
export function runDeploy(
  { settings, context }: ActionInputs,
  reporter: Reporter,
  signal: AbortSignal
): Promise<DeployResult> {
  return deploy(settings, reporter, { signal, commit: context.sha, workspace: context.workspace })
}
