import { ActionsReporter } from './action/actions-reporter.js'
import { watchForCancellation } from './action/cancellation.js'
import { getInputs } from './action/input-helper.js'
import type { LifecycleSummary } from './action/job-summary.js'
import { report, reportFailure, reportLifecycleOnly } from './action/report.js'
import { runDeploy } from './action/run-deploy.js'
import { runWithLifecycle } from './action/lifecycle-runner.js'

/** The action: read inputs, deploy, report. Any error fails the step with a message to act on. */
export async function run(): Promise<void> {
  const reporter = new ActionsReporter()
  const cancellation = watchForCancellation(reporter)
  let lifecycle: LifecycleSummary | null = null
  let dryRunPlan: string | null = null
  try {
    // The pull-request lifecycle decides what runs (preview, production, cleanup or a skip).
    const result = await runWithLifecycle({
      reporter,
      signal: cancellation.signal,
      // The run the lifecycle already read (event payload included) is not read a second time.
      readInputs: (target, run) => getInputs(run, undefined, target),
      deploy: (inputs, options) =>
        runDeploy(inputs, reporter, {
          ...options,
          signal: cancellation.signal,
          onDryRunSummary: markdown => (dryRunPlan = markdown)
        }),
      onSummary: summary => (lifecycle = summary)
    })
    if (result) await report(result, lifecycle, dryRunPlan)
    else if (lifecycle) await reportLifecycleOnly(lifecycle)
  } catch (error) {
    await reportFailure(error, lifecycle)
  } finally {
    cancellation.dispose()
  }
}
