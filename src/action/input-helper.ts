import * as core from '@actions/core'
import dotenv from 'dotenv'
import {
  INPUT_NAMES,
  parseSettings,
  type RawInputs,
  type RunContext
} from '../core/settings/inputs.js'
import type { DeploySettings } from '../core/settings/settings.js'
import { readRunInfo } from '../lifecycle/run-info.js'
import type { DeployTarget } from './lifecycle-runner.js'
import { maskSecret } from './actions-reporter.js'

/**
 * The parts of the run's context (GITHUB_* variables and the event payload) that describe it; read
 * from the environment rather than `@actions/github`, whose context loads Octokit at start-up.
 */
export interface GitHubContext {
  eventName?: string
  sha?: string
  ref?: string
  payload: { pull_request?: { number?: number; head?: { sha?: string; ref?: string } } }
}

export interface ActionInputs {
  settings: DeploySettings
  context: RunContext
}

/**
 * Reads and validates every input. Secrets are masked before anything else happens, so that no
 * later log line (including input errors) can show them. Throws `InputError` with every problem.
 */
export function getInputs(
  github: GitHubContext = readRunInfo(),
  env: NodeJS.ProcessEnv = process.env,
  target?: DeployTarget
): ActionInputs {
  const raw = readRawInputs()
  maskRawSecrets(raw)
  const context = getRunContext(github, env, target)
  const settings = parseSettings(raw, context)
  // The strict parser may read a value differently from the lenient pre-pass above.
  for (const value of Object.values(settings.envVars)) maskSecret(value)
  core.debug(
    `Deploying ${settings.root} to project ${settings.projectId} via ${settings.apiUrl}` +
      ` (event ${context.eventName ?? 'unknown'}, commit ${context.sha ?? 'unknown'})`
  )
  return { settings, context }
}

/**
 * Inputs exactly as the runner passed them. `required` is checked by `parseSettings`, not by
 * `core.getInput`, so that every problem is reported at once instead of only the first.
 */
export function readRawInputs(): RawInputs {
  const raw: RawInputs = {}
  for (const name of INPUT_NAMES) raw[name] = core.getInput(name)
  return raw
}

/**
 * Masks the token and every env var value. dotenv's lenient parse finds the values even when the
 * input has errors that `parseSettings` will reject, so error messages cannot leak them either.
 */
function maskRawSecrets(raw: RawInputs): void {
  maskSecret(raw.token ?? '')
  for (const value of Object.values(dotenv.parse(raw['env-vars'] ?? ''))) maskSecret(value)
}

/**
 * What the deploy needs to know about the run. For pull requests the commit is the head of the
 * PR (the one people recognise) rather than the merge commit GITHUB_SHA points at. `target`, what
 * the lifecycle resolved from the event, wins over the context: for workflow_run, GITHUB_SHA is
 * the default branch's head while the deploy is of the triggering run's PR.
 */
export function getRunContext(
  github: GitHubContext,
  env: NodeJS.ProcessEnv,
  target?: DeployTarget
): RunContext {
  const pr = github.payload.pull_request
  const headRef = target ? target.branch : pr?.head?.ref
  return {
    workspace: env.GITHUB_WORKSPACE || process.cwd(),
    eventName: github.eventName || undefined,
    prNumber: target ? (target.prNumber ?? undefined) : pr?.number,
    sha: target?.sha || pr?.head?.sha || github.sha || undefined,
    ref: headRef ? `refs/heads/${headRef}` : github.ref || undefined,
    ...(target?.kind === 'cleanup' ? { deploysNothing: true } : {})
  }
}
