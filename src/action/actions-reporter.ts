import * as core from '@actions/core'
import type { Annotation, Reporter } from '../core/reporter.js'

/**
 * The deploy core's Reporter on the Actions runner: log groups fold, warnings and errors become
 * annotations (pinned to a file and line when known) and secrets are added to the runner's mask.
 */
export class ActionsReporter implements Reporter {
  info(message: string): void {
    core.info(message)
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

/** Shorter fragments of a multiline secret would mask common text such as `}` everywhere. */
const MIN_LINE_FRAGMENT = 4

/** Values already registered with the runner: one `add-mask` each is enough. */
const masked = new Set<string>()

/**
 * Masks a secret. The runner matches masks line by line, so each line of a multiline value is
 * masked on its own as well as the whole value.
 */
export function maskSecret(secret: string): void {
  if (secret.trim() === '') return
  const lines = secret.split(/\r?\n/)
  const fragments = lines.length < 2 ? [] : lines.filter(l => l.trim().length >= MIN_LINE_FRAGMENT)
  for (const value of [secret, ...fragments]) {
    if (masked.has(value)) continue
    masked.add(value)
    core.setSecret(value)
  }
}

/**
 * Replaces masked values in `text` with `***`, as the runner does for the log. Files the step
 * writes (the job summary) are not masked by the runner, so they go through this. Values shorter
 * than MIN_LINE_FRAGMENT are left alone: replacing every `c` of an env var `X=c` would garble
 * the text and protect nothing.
 */
export function redactSecrets(text: string): string {
  let out = text
  const values = [...masked].filter(v => v.length >= MIN_LINE_FRAGMENT)
  for (const value of values.sort((a, b) => b.length - a.length)) {
    out = out.split(value).join('***')
  }
  return out
}
