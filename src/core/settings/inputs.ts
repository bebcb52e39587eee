import { realpathSync, statSync } from 'node:fs'
import { isIP } from 'node:net'
import path from 'node:path'
import { parseBooleanInput } from './boolean-input.js'
import { isLoopbackHost } from '../deploy/url-probe.js'
import { parseEnvVars } from './env-vars.js'
import { InputError, type InputProblem } from './input-error.js'
import { globProblem, normalizeGlob } from '../pack/globs.js'
import { MAX_DESCRIPTION_LENGTH, MAX_REQUEST_TIMEOUT_MS } from '../pack/limits.js'
import {
  checkV2Token,
  checkVersionInputs,
  parseApiVersion,
  parseApp,
  parseCommand,
  parseFramework,
  parseOrganization
} from './api-target.js'
import type { DeploySettings } from './settings.js'
import { inputName } from '../text/wording.js'

export const INPUT_NAMES = [
  'token',
  'project',
  'entrypoint',
  'root',
  'include',
  'exclude',
  'env-vars',
  'database-id',
  'compiler-options',
  'import-map',
  'lock-file',
  'description',
  'request-timeout',
  'allow-net',
  'api-url',
  'api-version',
  'organization',
  'install-command',
  'build-command',
  'framework',
  'timeout',
  'wait',
  'dry-run'
] as const

export type InputName = (typeof INPUT_NAMES)[number]

/** Raw input strings keyed by action.yml input name; missing and empty mean "not set". */
export type RawInputs = Partial<Record<InputName, string>>

/** What the run knows about its trigger; used for defaults (description) and relative paths. */
export interface RunContext {
  /** Directory `root` is resolved against (GITHUB_WORKSPACE, or the CLI's cwd). */
  workspace: string
  eventName?: string
  /** The pull request the run deploys, if it is about one (then the description names it). */
  prNumber?: number
  sha?: string
  ref?: string
  /**
   * False for a run that deploys nothing (a cleanup-only run): then an empty `entrypoint` is
   * fine. Default true.
   */
  requireEntrypoint?: boolean
}

export const DEFAULT_API_URL = 'https://api.deno.com/v2'
export const DEFAULT_TIMEOUT_MS = 10 * 60 * 1000
/** setTimeout cannot wait longer than 2^31-1 ms; a day is far beyond any job limit anyway. */
const MAX_TIMEOUT_MS = 24 * 60 * 60 * 1000
/** Literal for import-map / lock-file meaning "use none" (v1 `""`); empty means auto-discover. */
export const NONE = 'none'

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
const EXAMPLE_UUID = '8c5f5a1e-3b8e-4c1a-9f0d-2a6b7c8d9e0f'
const ENTRYPOINT_SCHEMES = ['http:', 'https:', 'file:', 'jsr:', 'npm:']
const CONFIG_FILE_SCHEMES = ['http:', 'https:', 'file:']

/**
 * Turns raw inputs into validated settings. Every input is checked and every problem collected
 * before throwing one InputError, so a user fixes the workflow in one round trip.
 */
export function parseSettings(raw: RawInputs, ctx: RunContext): DeploySettings {
  const problems: InputProblem[] = []
  const token = (raw.token ?? '').trim()
  const report = (input: InputName) => (message: string) =>
    problems.push({ input, message: redact(message, token) })
  const value = (input: InputName) => (raw[input] ?? '').trim()

  checkToken(token, report('token'))
  const root = parseRoot(value('root'), ctx.workspace, report('root'))
  const apiUrl = parseApiUrl(value('api-url'), report('api-url'))
  const apiVersion = parseApiVersion(value('api-version'), apiUrl, report('api-version'))
  checkVersionInputs(
    apiVersion,
    input => value(input as InputName) !== '',
    (input, message) => report(input as InputName)(message)
  )
  const v2 = apiVersion === 'v2'
  const framework = v2 ? parseFramework(value('framework'), report('framework')) : null
  const organization = v2 ? parseOrganization(value('organization'), report('organization')) : null
  if (v2 && URL.canParse(apiUrl)) checkV2Token(token, organization, report('token'))
  const needsEntrypoint = ctx.requireEntrypoint !== false && framework === null
  const settings: DeploySettings = {
    token,
    projectId: v2
      ? parseApp(value('project'), report('project'))
      : parseProject(value('project'), report('project')),
    root,
    entrypoint:
      !needsEntrypoint && value('entrypoint') === ''
        ? ''
        : parseEntrypoint(value('entrypoint'), root, report('entrypoint')),
    include: parseGlobs(raw.include ?? '', report('include')),
    exclude: parseGlobs(raw.exclude ?? '', report('exclude')),
    envVars: parseEnv(raw['env-vars'] ?? '', report('env-vars')),
    databaseId: parseDatabaseId(value('database-id'), report('database-id')),
    compilerOptions: parseCompilerOptions(value('compiler-options'), report('compiler-options')),
    importMap: parseConfigFile(value('import-map'), root, 'import map', report('import-map')),
    lockFile: parseConfigFile(value('lock-file'), root, 'lock file', report('lock-file')),
    description: parseDescription(value('description'), ctx, report('description')),
    requestTimeoutMs: parseRequestTimeout(value('request-timeout'), report('request-timeout')),
    allowNet: parseAllowNet(raw['allow-net'] ?? '', report('allow-net')),
    apiUrl,
    apiVersion,
    organization,
    installCommand: v2 ? parseCommand(value('install-command'), report('install-command')) : null,
    buildCommand: v2 ? parseCommand(value('build-command'), report('build-command')) : null,
    framework,
    timeoutMs: parseTimeout(value('timeout'), report('timeout')),
    wait: parseBooleanInput(value('wait'), true, report('wait')),
    dryRun: parseBooleanInput(value('dry-run'), false, report('dry-run'))
  }
  if (problems.length > 0) {
    const order = (problem: InputProblem) => INPUT_NAMES.indexOf(problem.input as InputName)
    throw new InputError(problems.sort((a, b) => order(a) - order(b)))
  }
  return settings
}

type Report = (message: string) => void

/** Quotes a user value for a message, shortened so a pasted secret never shows in full. */
function show(text: string): string {
  return JSON.stringify(text.length > 60 ? `${text.slice(0, 57)}...` : text)
}

/** A token pasted into the wrong input must not be echoed back. */
function redact(message: string, token: string): string {
  return token.length >= 4 ? message.split(token).join('***') : message
}

function checkToken(token: string, report: Report): void {
  if (token === '') {
    report(
      'is empty. Pass a Subhosting access token from a secret, e.g. ' +
        '`token: ${{ secrets.SUBHOSTING_TOKEN }}` (create one in the dashboard under Access Tokens)'
    )
  } else if (/\s/.test(token)) {
    report(
      'contains whitespace or a line break inside the value. Copy the token again into the ' +
        'secret, without spaces or extra lines'
    )
  }
}

function parseProject(text: string, report: Report): string {
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

function parseRoot(text: string, workspace: string, report: Report): string {
  const root = path.resolve(workspace, text === '' ? '.' : text)
  let isDirectory: boolean
  try {
    isDirectory = statSync(root).isDirectory()
  } catch {
    report(
      `${show(text)} does not exist (resolved to ${root}). Set root to the app's directory, ` +
        'relative to the workspace, and check that the checkout step ran first'
    )
    return root
  }
  if (!isDirectory) {
    report(
      `${show(text)} is a file, not a directory (${root}). Set root to the directory holding ` +
        `the app, and name the file in ${inputName('entrypoint')}`
    )
    return root
  }
  // Everything under root is uploaded and served: a root outside the checkout would publish
  // the runner's own files. Compared after symlinks, so a link in the checkout cannot lead out.
  const real = realpathSync.native(root)
  const realWorkspace = realpathOr(workspace)
  const inside = path.relative(realWorkspace, real)
  if (inside === '..' || inside.startsWith(`..${path.sep}`) || path.isAbsolute(inside)) {
    report(
      `${show(text)} resolves to ${real}, outside the workspace (${realWorkspace}); everything ` +
        'under root is uploaded and served. Set root to a directory inside the checkout'
    )
  }
  return root
}

function realpathOr(dir: string): string {
  try {
    return realpathSync.native(dir)
  } catch {
    return path.resolve(dir)
  }
}

function parseEntrypoint(text: string, root: string, report: Report): string {
  if (text === '') {
    report('is empty. Set it to the entry module, relative to root, e.g. `main.ts`')
    return ''
  }
  return parseModuleRef(text, root, ENTRYPOINT_SCHEMES, 'the entry module', report)
}

/** '' (unset) → null = auto-discover; `none` → '' = none; else a path in root or a URL. */
function parseConfigFile(text: string, root: string, what: string, report: Report): string | null {
  if (text === '') return null
  if (text.toLowerCase() === NONE) return ''
  return parseModuleRef(text, root, CONFIG_FILE_SCHEMES, `the ${what}`, report)
}

/** A POSIX path relative to root, or an absolute URL with one of `schemes`. */
function parseModuleRef(
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

function parseGlobs(text: string, report: Report): string[] {
  const globs = splitList(text).map(normalizeGlob)
  for (const glob of globs) {
    const problem = globProblem(glob)
    if (problem !== null) report(`glob ${show(glob)} ${problem}`)
  }
  return globs
}

function parseEnv(text: string, report: Report): Record<string, string> {
  const { vars, problems } = parseEnvVars(text)
  for (const problem of problems) report(problem)
  return vars
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

type OptionType = 'string' | 'boolean' | 'string[]'
const COMPILER_OPTIONS: Record<string, OptionType> = {
  jsx: 'string',
  jsxFactory: 'string',
  jsxFragmentFactory: 'string',
  jsxImportSource: 'string',
  jsxPrecompileSkipElements: 'string[]',
  experimentalDecorators: 'boolean',
  emitDecoratorMetadata: 'boolean'
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

function parseDescription(text: string, ctx: RunContext, report: Report): string {
  const description = text === '' ? defaultDescription(ctx) : text
  if (description.length > MAX_DESCRIPTION_LENGTH) {
    report(
      `is ${description.length} characters long; the API accepts at most ` +
        `${MAX_DESCRIPTION_LENGTH}. Shorten it`
    )
  }
  return description
}

/**
 * `PR #12 · 1a2b3c4` when the run is about a pull request (pull_request events, workflow_run of
 * one), otherwise `<branch or tag> · 1a2b3c4`.
 */
export function defaultDescription(ctx: RunContext): string {
  const shortSha = ctx.sha ? ctx.sha.slice(0, 7) : ''
  const origin =
    ctx.prNumber !== undefined
      ? `PR #${ctx.prNumber}`
      : (ctx.ref ?? '').replace(/^refs\/(heads|tags)\//, '')
  return [origin, shortSha].filter(part => part !== '').join(' · ')
}

const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }

/** `90s`, `2m`, `1h`, `500ms`; a bare number is in `bareUnit`. null when malformed. */
export function parseDuration(text: string, bareUnit: 'ms' | 's'): number | null {
  const match = /^(\d+(?:\.\d+)?)\s*(ms|s|m|h)?$/i.exec(text)
  if (match === null) return null
  const ms = Number(match[1]) * UNIT_MS[(match[2] ?? bareUnit).toLowerCase()]
  return Number.isInteger(ms) ? ms : null
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

function parseTimeout(text: string, report: Report): number {
  if (text === '') return DEFAULT_TIMEOUT_MS
  const ms = parseDuration(text, 's')
  if (ms === null || ms < 1000 || ms > MAX_TIMEOUT_MS) {
    report(
      `${show(text)} is not a wait budget. Give seconds (\`600\`) or a duration like \`90s\` ` +
        'or `10m`, between 1 second and 24 hours (default 10m)'
    )
    return DEFAULT_TIMEOUT_MS
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

const LABEL = /^(?!-)[A-Za-z0-9-]{1,63}(?<!-)$/

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

function parseApiUrl(text: string, report: Report): string {
  if (text === '') return DEFAULT_API_URL
  let url: URL
  try {
    url = new URL(text)
  } catch {
    report(`${show(text)} is not a URL. Use the API's base URL, e.g. ${DEFAULT_API_URL}`)
    return text
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    report(
      `uses ${url.protocol} but must be https: (or http: on loopback), e.g. ${DEFAULT_API_URL}`
    )
  } else if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) {
    report(
      `${show(url.origin)} uses plain http, which would send the token unencrypted. ` +
        `Use https://${url.host}${url.pathname} (http is accepted only for 127.0.0.1, ::1 and localhost)`
    )
  }
  if (url.username !== '' || url.password !== '') {
    report(
      `contains credentials (user:password@). Remove them; the token goes in ${inputName('token')}`
    )
  }
  if (url.search !== '' || url.hash !== '') {
    report(`must not carry a query or fragment; use the base URL only, e.g. ${DEFAULT_API_URL}`)
  }
  return `${url.origin}${url.pathname}`.replace(/\/+$/, '')
}
