import type { DeployResult } from '../core/deploy.js'
import { writeJobSummary } from './job-summary.js'
import { setDeployOutputs } from './outputs.js'

/** Tells the workflow what was deployed: the step's outputs, then the job summary. */
export async function report(result: DeployResult): Promise<void> {
  setDeployOutputs(result)
  await writeJobSummary(result)
}
