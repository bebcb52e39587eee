import * as core from '@actions/core'
import type { Annotation, Reporter } from '../core/deploy/reporter.js'
import { SecretSet } from '../core/settings/secrets.js'
import { fenceWorkflowCommands } from '../core/text/workflow-commands.js'

/**
 * The deploy core's Reporter on the Actions runner: log groups fold, warnings and errors become
 * annotations (pinned to a file and line when known) and secrets are added to the runner's mask.
 * Log lines carry text from builds, apps and the API, so none of it may act as a workflow
 * command (see `echoSafely`); annotations and debug lines are escaped by @actions/core.
 */
export class ActionsReporter implements Reporter {
  info(message: string): void {
    echoSafely(message)
  }

  debug(message: string): void {
    core.debug(message)
  }

  warning(message: string, annotation?: Annotation): void {
    core.warning(message, annotation)
  }

  error(message: string, annotation?: Annotation): void {
    core.error(message, annotation)
  }

  mask(secret: string): void {
    maskSecret(secret)
  }

  group<T>(name: string, fn: () => Promise<T>): Promise<T> {
    return core.group(name, fn)
  }
}

/** Writes a log line that can never act as a workflow command (see fenceWorkflowCommands). */
export function echoSafely(message: string): void {
  for (const line of fenceWorkflowCommands(message)) core.info(line)
}

/** This run's secrets; each is registered with the runner (`add-mask`) once. */
const secrets = new SecretSet()

/**
 * Masks a secret. The runner matches masks line by line, so each line of a multiline value is
 * masked on its own as well as the whole value.
 */
export function maskSecret(secret: string): void {
  for (const value of secrets.add(secret)) core.setSecret(value)
}

/**
 * Replaces masked values in `text` with `***`, as the runner does for the log. Files the step
 * writes (the job summary) are not masked by the runner, so they go through this.
 */
export function redactSecrets(text: string): string {
  return secrets.redact(text)
}
