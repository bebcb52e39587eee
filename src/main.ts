import { ActionsReporter } from './action/actions-reporter.js'
import { watchForCancellation } from './action/cancellation.js'
import { failStep } from './action/failure.js'
import { getInputs } from './action/input-helper.js'
import { report } from './action/report.js'
import { runDeploy } from './action/run-deploy.js'

/** The action: read inputs, deploy, report. Any error fails the step with a message to act on. */
export async function run(): Promise<void> {
  const reporter = new ActionsReporter()
  const cancellation = watchForCancellation(reporter)
  try {
    const inputs = getInputs()
    const result = await runDeploy(inputs, reporter, cancellation.signal)
    await report(result)
  } catch (error) {
    failStep(error)
  } finally {
    cancellation.dispose()
  }
}
