/** Characters that need no quoting in any dotenv dialect. */
const BARE_VALUE = /^[A-Za-z0-9_\-.:/@+,=%~]*$/

/**
 * Turns `--env KEY=VALUE` into one dotenv line whose parsed value is exactly VALUE, so the
 * command line and the action share one env-vars parser. Single quotes and backticks keep
 * their content literally (newlines included); a value holding every quote character cannot
 * be written as one dotenv line, and the error says what to use instead.
 */
export function dotenvLine(assignment: string): string {
  const eq = assignment.indexOf('=')
  if (eq <= 0) {
    throw new Error(`--env "${nameOnly(assignment)}": expected KEY=VALUE, e.g. --env PORT=8000.`)
  }
  const key = assignment.slice(0, eq)
  const value = assignment.slice(eq + 1)
  if (BARE_VALUE.test(value)) return `${key}=${value}`
  for (const quote of ["'", '`']) {
    if (!value.includes(quote)) return `${key}=${quote}${value}${quote}`
  }
  if (!value.includes('"') && !value.includes('\\') && !value.includes('\n')) {
    return `${key}="${value}"`
  }
  throw new Error(
    `--env ${key}: the value contains ', \` and " (or a backslash or newline), which one dotenv line cannot hold; put it in a file and pass --env-vars-file.`
  )
}

/** Never echo a value: it may be a secret. */
function nameOnly(assignment: string): string {
  const eq = assignment.indexOf('=')
  return eq < 0 ? assignment : '<empty name>'
}
