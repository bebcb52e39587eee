/**
 * Text that reaches a GitHub Actions log must never act as a workflow command there. The runner
 * parses `::name …::data` at the start of a line (after any spaces) and the legacy `##[name …]`
 * anywhere in a line, so a build log line like `   ::error title=x::y` would become an
 * annotation, a mask or a `stop-commands` of whoever wrote it. Text that could hold either is
 * fenced: `::stop-commands::<token>` turns command processing off until `::<token>::`, with a
 * fresh random token the text cannot know. Plain text, the vast majority, passes as it is.
 */
import { randomBytes } from 'node:crypto'

export function fenceWorkflowCommands(text: string): string[] {
  if (!/::|##\[/.test(text)) return [text]
  const token = `subhosting-log-${randomBytes(16).toString('hex')}`
  return [`::stop-commands::${token}`, text, `::${token}::`]
}

/**
 * Text from builds, apps and APIs as a terminal should show it: control characters (escape
 * sequences that recolour, retitle or hyperlink a terminal) become `?`; line breaks and tabs stay.
 */
export function printableText(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, '?')
}
