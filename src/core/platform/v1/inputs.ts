/**
 * The inputs only the v1 API takes: the project's UUID, a KV database, compiler options, import
 * map and lock file, a per-request timeout and network permissions.
 */
import { isIP } from 'node:net'
import { MAX_REQUEST_TIMEOUT_MS } from '../../pack/limits.js'
import {
  EXAMPLE_UUID,
  NONE,
  UUID,
  parseDuration,
  parseModuleRef,
  show,
  splitList,
  type InputReader,
  type Report
} from '../../settings/value-parsers.js'
import type { V1Options } from '../../settings/settings.js'

/** The v1 options, each reported under its own input. */
export function parseV1Options(read: InputReader): V1Options {
  const { value, report } = read
  return {
    version: 'v1',
    databaseId: parseDatabaseId(value('database-id'), report('database-id')),
    compilerOptions: parseCompilerOptions(value('compiler-options'), report('compiler-options')),
    importMap: parseConfigFile(value('import-map'), read.root, 'import map', report('import-map')),
    lockFile: parseConfigFile(value('lock-file'), read.root, 'lock file', report('lock-file')),
    requestTimeoutMs: parseRequestTimeout(value('request-timeout'), report('request-timeout')),
    allowNet: parseAllowNet(read.raw('allow-net'), report('allow-net'))
  }
}

const COMPILER_OPTIONS: Record<string, OptionType> = {
  jsx: 'string',
  jsxFactory: 'string',
  jsxFragmentFactory: 'string',
  jsxImportSource: 'string',
  jsxPrecompileSkipElements: 'string[]',
  experimentalDecorators: 'boolean',
  emitDecoratorMetadata: 'boolean'
}

type OptionType = 'string' | 'boolean' | 'string[]'

const LABEL = /^(?!-)[A-Za-z0-9-]{1,63}(?<!-)$/

const CONFIG_FILE_SCHEMES = ['http:', 'https:', 'file:']

export function parseProject(text: string, report: Report): string {
  if (text === '') {
    report(`is empty. Set it to the project's ID, a UUID like ${EXAMPLE_UUID}`)
  } else if (!UUID.test(text)) {
    report(
      `${show(text)} is not a project ID. Use the project's UUID (like ${EXAMPLE_UUID}), not its ` +
        'name: it is shown in the dashboard and is the "id" field returned by ' +
        'GET /organizations/{organizationId}/projects'
    )
  }
  return text.toLowerCase()
}

function parseDatabaseId(text: string, report: Report): string | null {
  if (text === '') return null
  if (!UUID.test(text)) {
    report(
      `${show(text)} is not a KV database ID. Use the database's UUID (like ${EXAMPLE_UUID}), ` +
        'the "id" returned by POST /organizations/{organizationId}/databases, or leave it empty'
    )
  }
  return text.toLowerCase()
}

function parseCompilerOptions(text: string, report: Report): Record<string, unknown> | null {
  if (text === '') return null
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch (err) {
    report(
      `is not valid JSON (${(err as Error).message}). Give a JSON object, e.g. ` +
        '`{"jsx": "react-jsx", "jsxImportSource": "preact"}`'
    )
    return null
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    report('must be a JSON object, e.g. `{"jsx": "react-jsx"}`; leave it empty to use deno.json')
    return null
  }
  const options = parsed as Record<string, unknown>
  for (const [key, option] of Object.entries(options)) {
    const type = COMPILER_OPTIONS[key]
    if (type === undefined) {
      report(
        `has an unknown key ${show(key)}; the API accepts only ` +
          `${Object.keys(COMPILER_OPTIONS).join(', ')}`
      )
    } else if (option !== null && !hasType(option, type)) {
      report(`key ${show(key)} must be a ${type} or null, not ${JSON.stringify(option)}`)
    }
  }
  return options
}

function hasType(option: unknown, type: OptionType): boolean {
  if (type === 'string[]') return Array.isArray(option) && option.every(o => typeof o === 'string')
  return typeof option === type
}

/** '' (unset) → null = auto-discover; `none` → '' = none; else a path in root or a URL. */
function parseConfigFile(text: string, root: string, what: string, report: Report): string | null {
  if (text === '') return null
  if (text.toLowerCase() === NONE) return ''
  return parseModuleRef(text, root, CONFIG_FILE_SCHEMES, `the ${what}`, report)
}

function parseRequestTimeout(text: string, report: Report): number | null {
  if (text === '') return null
  const ms = parseDuration(text, 'ms')
  if (ms === null || ms < 1 || ms > MAX_REQUEST_TIMEOUT_MS) {
    report(
      `${show(text)} is not a per-request timeout. Give whole milliseconds (\`30000\`) or a ` +
        'duration like `30s` or `2m`, at least 1 ms; leave it empty for the platform default'
    )
    return null
  }
  return ms
}

function parseAllowNet(text: string, report: Report): string[] | null {
  const hosts = splitList(text)
  if (hosts.length === 0) return null
  if (hosts.length === 1 && hosts[0].toLowerCase() === NONE) return []
  for (const host of hosts) {
    const problem = hostProblem(host)
    if (problem !== null) report(`${show(host)} ${problem}`)
  }
  return hosts
}

function hostProblem(entry: string): string | null {
  const fix =
    'List hosts like `example.com`, `api.example.com:443`, `10.0.0.1`, `[2001:db8::1]` or ' +
    '`*` for all; write `none` alone to deny all network access'
  if (entry === '*') return null
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(entry)) return `is a URL, not a host. ${fix}`
  const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(entry)
  if (bracketed !== null) {
    if (isIP(bracketed[1]) !== 6) return `is not a valid IPv6 address. ${fix}`
    return portProblem(bracketed[2], fix)
  }
  if (isIP(entry) === 6) return `is an IPv6 address without brackets; write it as [${entry}]`
  const [host, port, ...extra] = entry.split(':')
  if (extra.length > 0) return `is not a host. ${fix}`
  const portIssue = portProblem(port, fix)
  if (portIssue !== null) return portIssue
  if (/^[\d.]+$/.test(host)) return isIP(host) === 4 ? null : `is not a valid IPv4 address. ${fix}`
  if (host.length > 253 || !host.split('.').every(label => LABEL.test(label))) {
    return `is not a valid host name. ${fix}`
  }
  return null
}

function portProblem(port: string | undefined, fix: string): string | null {
  if (port === undefined) return null
  const n = Number(port)
  return /^\d{1,5}$/.test(port) && n >= 1 && n <= 65535 ? null : `has an invalid port. ${fix}`
}
