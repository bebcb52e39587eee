import dotenv from 'dotenv'
import { MAX_ENV_NAME_BYTES } from '../pack/limits.js'

export interface EnvVarsParse {
  vars: Record<string, string>
  /** One message per bad line, naming the line number; never a value. */
  problems: string[]
}

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/
/** Deno Deploy reserves the DENO_ prefix except for these runtime settings. */
const RESERVED_PREFIX = 'DENO_'
const ALLOWED_DENO_NAMES = new Set([
  'DENO_AUTH_TOKENS',
  'DENO_COMPAT',
  'DENO_CONDITIONS',
  'DENO_DEPLOY_ENDPOINT',
  'DENO_DEPLOY_TOKEN'
])
const QUOTES = new Set(['"', "'", '`'])

/**
 * Parses dotenv text (`NAME=value`, `export NAME=value`, comments, quoted and multiline values,
 * `\n` escapes in double quotes). Values come from dotenv's own `parse`; this scanner splits
 * the text into entries first so that lines dotenv would silently drop (no `=`, bad names,
 * unclosed quotes) are reported with their line number.
 */
export function parseEnvVars(text: string): EnvVarsParse {
  const lines = text.replace(/\r\n?/g, '\n').split('\n')
  const vars: Record<string, string> = {}
  const problems: string[] = []
  let index = 0
  while (index < lines.length) {
    const line = lines[index]
    const lineNo = index + 1
    index++
    const trimmed = line.trim()
    if (trimmed === '' || trimmed.startsWith('#')) continue

    const head = /^\s*(?:export\s+)?([^=]*?)\s*=/.exec(line)
    if (head === null) {
      problems.push(`line ${lineNo} is not NAME=value (no "=" found); write it as NAME=value`)
      continue
    }
    const name = head[1]
    const valueText = line.slice(head[0].length).trimStart()
    let entryText = line
    if (QUOTES.has(valueText[0])) {
      const closing = findClosingQuote(lines, lineNo - 1, line.length - valueText.length)
      if (closing === null) {
        problems.push(
          `line ${lineNo}: the value of ${describeName(name)} opens with ${valueText[0]} but the ` +
            `quote is never closed; close it (values may span lines inside quotes)`
        )
        break
      }
      if (!/^\s*(#.*)?$/.test(lines[closing.line].slice(closing.column + 1))) {
        problems.push(
          `line ${closing.line + 1}: unexpected text after the closing quote of ` +
            `${describeName(name)}; quote the whole value or start the comment with #`
        )
      }
      entryText = lines.slice(lineNo - 1, closing.line + 1).join('\n')
      index = closing.line + 1
    }

    const nameProblem = checkName(name)
    if (nameProblem !== null) {
      problems.push(`line ${lineNo}: ${nameProblem}`)
      continue
    }
    const value = dotenv.parse(entryText)[name]
    if (value === undefined) {
      problems.push(`line ${lineNo}: could not be read as ${name}=value; check its quoting`)
      continue
    }
    vars[name] = value
  }
  return { vars, problems }
}

/** Finds the first unescaped closing quote after the opening one at (line, column). */
function findClosingQuote(
  lines: string[],
  line: number,
  column: number
): { line: number; column: number } | null {
  const quote = lines[line][column]
  let from = column + 1
  for (let current = line; current < lines.length; current++, from = 0) {
    const text = lines[current]
    for (let at = text.indexOf(quote, from); at !== -1; at = text.indexOf(quote, at + 1)) {
      if (text[at - 1] !== '\\') return { line: current, column: at }
    }
  }
  return null
}

function checkName(name: string): string | null {
  if (name === '') return 'the name before "=" is empty; write it as NAME=value'
  if (!NAME.test(name)) {
    return (
      `${describeName(name)} is not a valid variable name; use letters, digits and _ only, ` +
      `not starting with a digit`
    )
  }
  if (Buffer.byteLength(name) > MAX_ENV_NAME_BYTES) {
    return `${describeName(name)} is longer than ${MAX_ENV_NAME_BYTES} bytes; shorten it`
  }
  if (name.startsWith(RESERVED_PREFIX) && !ALLOWED_DENO_NAMES.has(name)) {
    return `${name} is reserved: the platform reserves names starting with ${RESERVED_PREFIX}; rename it`
  }
  return null
}

/** Names are not secret, but a pasted value might sit left of "=": keep it short. */
function describeName(name: string): string {
  const shown = name.length > 40 ? `${name.slice(0, 40)}…` : name
  return JSON.stringify(shown)
}
