/**
 * The Actions glue of the pull-request lifecycle, and the one place the action (src/main.ts)
 * enters it: it reads the
 * lifecycle inputs and the event, skips with a notice when nothing can or should be done, and
 * otherwise runs preview, production or cleanup around the deploy core, setting the outputs
 * `environment`, `comment-id`, `github-deployment-id` and `promoted-from` — and the deploy's
 * outputs too when the run fails after its deployment exists.
 */
import * as core from '@actions/core'
import { escapeMarkdown } from '../core/text/markdown.js'
import { maskSecret } from './actions-reporter.js'
import { setDeployOutputs } from './outputs.js'
import type { LifecycleSummary } from './job-summary.js'
import type { DeployResult } from '../core/deploy/deploy.js'
import type { Reporter } from '../core/deploy/reporter.js'
import type { DeploySettings } from '../core/settings/settings.js'
import {
  LIFECYCLE_INPUT_NAMES,
  parseLifecycleInputs,
  type RawLifecycleInputs
} from '../lifecycle/inputs.js'
import { DEPENDABOT, resolveIntent, type Intent } from '../lifecycle/intent.js'
import { runLifecycle } from '../lifecycle/run.js'
import { readRunInfo, type RunInfo } from '../lifecycle/run-info.js'
import {
  newOutcome,
  type LifecycleDeployOptions,
  type LifecycleOutcome
} from '../lifecycle/session.js'

export interface ActionWiring<T extends { settings: DeploySettings }> {
  reporter: Reporter
  /**
   * Reads and validates the deploy inputs; only called when something will be deployed. Defaults
   * that describe the run (the description) follow `target`, what the lifecycle deploys.
   */
  readInputs: (target: DeployTarget, run: RunInfo) => T
  /** Runs the deploy core for the commit the lifecycle chose (PR head, push, workflow_run head). */
  deploy: (inputs: T, options: LifecycleDeployOptions) => Promise<DeployResult>
  signal?: AbortSignal
  env?: NodeJS.ProcessEnv
  /** Receives what the lifecycle did, for the job summary, whether the run succeeds or fails. */
  onSummary?: (summary: LifecycleSummary) => void
}

/**
 * The commit and pull request this run is about, as the intent resolved them from the event: for
 * workflow_run the triggering run's head and PR, never GITHUB_SHA (the default branch's head).
 */
export interface DeployTarget {
  /** What the run does with it: a cleanup deploys nothing (no entry point needed). */
  kind: 'preview' | 'production' | 'cleanup'
  sha: string
  prNumber: number | null
  branch: string | null
}

export function deployTarget(intent: Exclude<Intent, { kind: 'skip' }>): DeployTarget {
  // The janitor deploys nothing either: like a cleanup it needs no entry point.
  if (intent.kind === 'janitor') return { kind: 'cleanup', sha: '', prNumber: null, branch: null }
  if (intent.kind === 'cleanup')
    return { kind: 'cleanup', sha: intent.pr.headSha, prNumber: intent.pr.number, branch: null }
  return {
    kind: intent.kind,
    sha: intent.sha,
    prNumber: intent.kind === 'preview' ? (intent.pr?.number ?? null) : null,
    branch: intent.branch
  }
}

/** Returns the deploy result, or null when the run skipped or only cleaned up. */
export async function runWithLifecycle<T extends { settings: DeploySettings }>(
  wiring: ActionWiring<T>
): Promise<DeployResult | null> {
  const inputs = parseLifecycleInputs(readLifecycleInputs())
  const run = readRunInfo(wiring.env)
  const intent = resolveIntent(run, inputs)
  const outcome = newOutcome()
  try {
    const skipped = skipReason(intent, run.actor)
    if (skipped !== null) {
      outcome.mode = 'skip'
      core.notice(skipped)
      outcome.notes.push(escapeMarkdown(skipped))
      return null
    }
    if (intent.kind === 'skip') return null
    const actionInputs = wiring.readInputs(deployTarget(intent), run)
    return await runLifecycle({
      run,
      inputs,
      intent,
      settings: actionInputs.settings,
      reporter: Object.assign(Object.create(wiring.reporter) as Reporter, {
        notice: (message: string) => core.notice(message)
      }),
      deploy: options => wiring.deploy(actionInputs, options),
      signal: wiring.signal,
      outcome
    })
  } catch (error) {
    // The deployment exists (and may serve) although a later part failed — domains, a
    // promotion record, a GitHub call: later steps still learn what is live.
    if (outcome.result) setDeployOutputs(outcome.result)
    throw error
  } finally {
    if (outcome.mode) {
      setLifecycleOutputs(outcome)
      wiring.onSummary?.({
        mode: outcome.mode,
        environment: outcome.environment,
        notes: outcome.notes,
        traffic: outcome.traffic ?? null
      })
    }
  }
}

function readLifecycleInputs(): RawLifecycleInputs {
  const raw = {} as RawLifecycleInputs
  for (const name of LIFECYCLE_INPUT_NAMES) raw[name] = core.getInput(name)
  // Outside a runner (local tools, test harnesses) the default may arrive unevaluated.
  if (raw['github-token'].includes('${{')) raw['github-token'] = ''
  maskSecret(raw['github-token'])
  return raw
}

/** Why this run deploys nothing at all, or null when it goes ahead. */
function skipReason(intent: Intent, actor: string): string | null {
  if (intent.kind === 'skip') return intent.reason
  if (!core.getInput('token') && actor === DEPENDABOT) {
    return (
      'Skipped: Dependabot runs only receive Dependabot secrets and the token input is empty. ' +
      'Add the Subhosting token as a Dependabot secret to deploy Dependabot pull requests.'
    )
  }
  return null
}

export function lifecycleOutputs(outcome: LifecycleOutcome): Record<string, string> {
  return {
    environment: outcome.environment,
    'comment-id': outcome.comment ? String(outcome.comment.id) : '',
    'github-deployment-id': outcome.githubDeploymentId ? String(outcome.githubDeploymentId) : '',
    'promoted-from': outcome.promotedFrom ?? '',
    mode: outcome.mode ?? ''
  }
}

function setLifecycleOutputs(outcome: LifecycleOutcome): void {
  for (const [name, value] of Object.entries(lifecycleOutputs(outcome))) core.setOutput(name, value)
}
