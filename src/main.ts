import { ActionsReporter } from './action/actions-reporter.js'
import { watchForCancellation } from './action/cancellation.js'
import { failStep } from './action/failure.js'
import { getInputs } from './action/input-helper.js'
import { report } from './action/report.js'
import { runDeploy } from './action/run-deploy.js'
import { runWithLifecycle } from './lifecycle/action-hook.js'

/** The action: read inputs, deploy, report. Any error fails the step with a message to act on. */
export async function run(): Promise<void> {
  const reporter = new ActionsReporter()
  const cancellation = watchForCancellation(reporter)
  try {
    // The pull-request lifecycle decides what runs (preview, production, cleanup or a skip).
    const result = await runWithLifecycle({
      reporter,
      signal: cancellation.signal,
      readInputs: getInputs,
      deploy: (inputs, commit) =>
        runDeploy(
          { ...inputs, context: { ...inputs.context, sha: commit } },
          reporter,
          cancellation.signal
        )
    })
    if (result) await report(result)
  } catch (error) {
    failStep(error)
  } finally {
    cancellation.dispose()
  }
}
