import * as core from '@actions/core'
import type { DeployResult } from '../core/deploy/deploy.js'

/** The step's outputs as action.yml declares them, derived from one deploy result. */
export function deployOutputs(result: DeployResult): Record<string, string> {
  return {
    'deployment-id': result.deploymentId ?? '',
    url: result.url ?? '',
    domains: JSON.stringify(result.domains),
    status: result.status,
    'project-id': result.projectId,
    result: JSON.stringify(result)
  }
}

/** Writes every output of the step (to GITHUB_OUTPUT on the runner). */
export function setDeployOutputs(result: DeployResult): void {
  for (const [name, value] of Object.entries(deployOutputs(result))) core.setOutput(name, value)
}
