/**
 * The small parsers every input rule shares, whichever API the input belongs to: quoting a value
 * for a message, module paths under root, lists, durations. Each reports a problem through a
 * `Report` and returns its best reading, so every problem of a run is collected at once.
 */
import path from 'node:path'

/** Reads the raw inputs for a per-API parser: trimmed values, reporting under an input's name. */
export interface InputReader {
  /** The input's value, trimmed; '' when unset. */
  value(input: string): string
  /** The input's value as given (lists keep their line breaks). */
  raw(input: string): string
  report(input: string): Report
  /** The deploy root, already resolved. */
  root: string
  token: string
}

/** Quotes a user value for a message, shortened so a pasted secret never shows in full. */
export function show(text: string): string {
  return JSON.stringify(text.length > 60 ? `${text.slice(0, 57)}...` : text)
}

/** A token pasted into the wrong input must not be echoed back. */
export function redact(message: string, token: string): string {
  return token.length >= 4 ? message.split(token).join('***') : message
}

/** A POSIX path relative to root, or an absolute URL with one of `schemes`. */
export function parseModuleRef(
  text: string,
  root: string,
  schemes: string[],
  what: string,
  report: Report
): string {
  const windowsAbsolute = /^[A-Za-z]:[\\/]/.test(text)
  if (!windowsAbsolute && /^[A-Za-z][A-Za-z0-9+.-]*:/.test(text)) {
    let url: URL | null = null
    try {
      url = new URL(text)
    } catch {
      // reported below
    }
    if (url === null || !schemes.includes(url.protocol)) {
      report(
        `${show(text)} is not a usable URL for ${what}; use a path relative to root or a URL ` +
          `starting with ${schemes.join(' ')}`
      )
    }
    return text
  }
  const posixPath = text.replace(/\\/g, '/')
  if (windowsAbsolute || posixPath.startsWith('/')) {
    const relative = path.relative(root, path.resolve(text))
    const inside = relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative)
    report(
      `${show(text)} is an absolute path; give ${what} relative to root (${root})` +
        (inside ? `, i.e. ${show(relative.split(path.sep).join('/'))}` : '')
    )
    return text
  }
  const normalized = path.posix.normalize(posixPath)
  if (normalized === '..' || normalized.startsWith('../')) {
    report(
      `${show(text)} leaves root (${root}); only files under root are deployed. Move root up ` +
        `so that it contains ${what}, and give the path relative to it`
    )
  } else if (normalized === '.' || posixPath.endsWith('/')) {
    report(`${show(text)} names a directory; name ${what} file itself, e.g. \`main.ts\``)
  }
  return normalized.replace(/^\.\//, '')
}

/** Splits on newlines and on commas outside `{}`/`[]`, so `*.{ts,tsx}` stays one glob. */
export function splitList(text: string): string[] {
  const items: string[] = []
  let depth = 0
  let current = ''
  for (const char of text) {
    if (char === '{' || char === '[') depth++
    if ((char === '}' || char === ']') && depth > 0) depth--
    if (char === '\n' || char === '\r' || (char === ',' && depth === 0)) {
      items.push(current)
      current = ''
    } else {
      current += char
    }
  }
  items.push(current)
  return items.map(item => item.trim()).filter(item => item !== '')
}

/** `90s`, `2m`, `1h`, `500ms`; a bare number is in `bareUnit`. null when malformed. */
export function parseDuration(text: string, bareUnit: 'ms' | 's'): number | null {
  const match = /^(\d+(?:\.\d+)?)\s*(ms|s|m|h)?$/i.exec(text)
  if (match === null) return null
  const ms = Number(match[1]) * UNIT_MS[(match[2] ?? bareUnit).toLowerCase()]
  return Number.isInteger(ms) ? ms : null
}

const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

export const EXAMPLE_UUID = '8c5f5a1e-3b8e-4c1a-9f0d-2a6b7c8d9e0f'

export type Report = (message: string) => void

/** Literal for import-map / lock-file / allow-net meaning "none" (v1 `""`); empty means auto. */
export const NONE = 'none'
