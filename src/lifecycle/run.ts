/**
 * Runs the lifecycle mode the intent picked. Errors of the deploy itself propagate (they fail
 * the step); GitHub side effects never do. A dry run calls neither GitHub nor the Subhosting
 * API: it says what the mode would do and runs the deploy core's own dry run.
 */
import { escapeMarkdown } from '../core/text/markdown.js'
import type { DeployResult } from '../core/deploy/deploy.js'
import { runCleanup } from './cleanup.js'
import { runJanitor } from './janitor.js'
import { runPreview } from './preview.js'
import { runProduction } from './production.js'
import { Session, type LifecycleParams } from './session.js'

export async function runLifecycle(params: LifecycleParams): Promise<DeployResult | null> {
  // The janitor's dry run lists (read-only) and says what it would remove.
  if (params.intent.kind === 'janitor') {
    await runJanitor(new Session(params))
    return null
  }
  if (params.settings.dryRun) return dryRun(params)
  const session = new Session(params)
  switch (params.intent.kind) {
    case 'preview':
      return runPreview(session)
    case 'production':
      return runProduction(session)
    case 'cleanup':
      await runCleanup(session)
      return null
  }
  return null
}

async function dryRun({ intent, inputs, outcome, reporter, deploy }: LifecycleParams) {
  if (intent.kind === 'janitor') return null
  outcome.mode = intent.kind
  outcome.environment = intent.environment
  const plan =
    intent.kind === 'cleanup'
      ? `delete the recorded previews of pull request #${intent.pr.number}`
      : intent.kind === 'production'
        ? `deploy production${inputs.domains.length ? ` with ${inputs.domains.join(', ')}` : ''}` +
          (inputs.promote ? ', promoting a preview of the same tree if there is one' : '')
        : `deploy a preview${intent.pr ? ` of pull request #${intent.pr.number}` : ''}`
  const message = `Dry run: this run would ${plan} (GitHub environment ${intent.environment}).`
  reporter.info(message)
  outcome.notes.push(escapeMarkdown(message))
  if (intent.kind === 'cleanup') return null
  return deploy({
    commit: intent.sha,
    ref: intent.branch,
    pullRequest: intent.kind === 'preview' ? (intent.pr?.number ?? null) : null,
    timeline: intent.kind
  })
}
