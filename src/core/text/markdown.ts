/**
 * Escaping for text that lands in GitHub-flavoured Markdown (job summary, PR comment): a value
 * such as a branch name, an environment or an error message is shown as the characters it
 * holds, never as markup. HTML is entity-encoded (no tags, no `<!--` that hides what follows),
 * every Markdown punctuation character is backslash-escaped (no emphasis, links, code spans,
 * headings, list or table syntax) and line breaks become spaces (no new block can start).
 */
export function escapeMarkdown(text: string): string {
  return withoutControls(text)
    .replace(/\r\n?|\n/g, ' ')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/[\\`*_{}[\]()#+\-.!|~]/g, '\\$&')
}

/** Escaping for text inside raw HTML (a table cell, a `<code>` or `<pre>` element). */
export function escapeHtml(text: string): string {
  return withoutControls(text).replace(/[&<>"']/g, c => `&#${c.charCodeAt(0)};`)
}

/**
 * Escaping for text inside an HTML element that must stay one block (a table cell): a blank line
 * would end GitHub's HTML block and let the rest render as Markdown, so line breaks become spaces.
 */
export function escapeHtmlLine(text: string): string {
  return escapeHtml(text.replace(/\r\n?|\n/g, ' '))
}

/** Terminal control characters (an ANSI escape, a bell) show as nothing useful: they are dropped. */
function withoutControls(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '')
}

/**
 * Lighter escaping for a value in the middle of a line (a table cell, after a label): the
 * characters that start markup anywhere in a line are escaped, while `.`, `-`, `#`, `+` and
 * parentheses, which only matter at the start of a line or after `]`, stay readable.
 */
export function escapeInlineMarkdown(text: string): string {
  return withoutControls(text)
    .replace(/\r\n?|\n/g, ' ')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/[\\`*_[\]|~!]/g, '\\$&')
}
