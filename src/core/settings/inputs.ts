import { realpathSync, statSync } from 'node:fs'
import path from 'node:path'
import { parseBooleanInput } from './boolean-input.js'
import { isLoopbackHost } from '../deploy/url-probe.js'
import { parseEnvVars } from './env-vars.js'
import { InputError, type InputProblem } from './input-error.js'
import { globProblem, normalizeGlob } from '../pack/globs.js'
import { MAX_DESCRIPTION_LENGTH } from '../pack/limits.js'
import { PROFILES } from '../platform/factory.js'
import type { PlatformProfile } from '../platform/profile.js'
import { parseApiVersion } from '../platform/version.js'
import {
  parseDuration,
  parseModuleRef,
  redact,
  show,
  splitList,
  type Report
} from './value-parsers.js'
import type { DeploySettings } from './settings.js'
import { inputName, onSurface } from '../text/wording.js'

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
  'static-dir',
  'spa',
  'layers',
  'preview-domains',
  'timeout',
  'wait',
  'probe-path',
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
   * True for a run that deploys nothing (a cleanup-only run): then an empty `entrypoint` is
   * fine, and `root` need not exist (a cleanup job checks nothing out). Default false.
   */
  deploysNothing?: boolean
}

export const DEFAULT_API_URL = 'https://api.deno.com/v2'
export const DEFAULT_TIMEOUT_MS = 10 * 60 * 1000
/** setTimeout cannot wait longer than 2^31-1 ms; a day is far beyond any job limit anyway. */
const MAX_TIMEOUT_MS = 24 * 60 * 60 * 1000

const ENTRYPOINT_SCHEMES = ['http:', 'https:', 'file:', 'jsr:', 'npm:']

/**
 * Turns raw inputs into validated settings. Every input is checked and every problem collected
 * before throwing one InputError, so a user fixes the workflow in one round trip.
 */
export function parseSettings(raw: RawInputs, ctx: RunContext): DeploySettings {
  const problems: InputProblem[] = []
  const token = (raw.token ?? '').trim()
  const report = (input: string) => (message: string) =>
    problems.push({ input, message: redact(message, token) })
  const value = (input: string) => (raw[input as InputName] ?? '').trim()

  checkToken(token, report('token'))
  const root = ctx.deploysNothing
    ? path.resolve(ctx.workspace, value('root') || '.')
    : parseRoot(value('root'), ctx.workspace, report('root'))
  const apiUrl = parseApiUrl(value('api-url'), report('api-url'))
  const version = parseApiVersion(value('api-version'), apiUrl, {
    url: report('api-url'),
    version: report('api-version')
  })
  const profile = PROFILES[version]
  checkForeignInputs(profile, input => value(input) !== '', report)
  const read = { value, raw: (input: string) => raw[input as InputName] ?? '', report, root, token }
  const target = profile.parseTarget(read)
  const needsEntrypoint = !ctx.deploysNothing && !target.entrypointOptional
  const settings: DeploySettings = {
    token,
    projectId: target.projectId,
    root,
    entrypoint:
      !needsEntrypoint && value('entrypoint') === ''
        ? ''
        : parseEntrypoint(value('entrypoint'), root, report('entrypoint')),
    include: parseGlobs(raw.include ?? '', report('include')),
    exclude: parseGlobs(raw.exclude ?? '', report('exclude')),
    envVars: parseEnv(raw['env-vars'] ?? '', report('env-vars')),
    description: parseDescription(value('description'), ctx, report('description')),
    apiUrl,
    api: target.api,
    timeoutMs: parseTimeout(value('timeout'), report('timeout')),
    wait: parseBooleanInput(value('wait'), true, report('wait')),
    probePath: parseProbePath(value('probe-path'), report('probe-path')),
    dryRun: parseBooleanInput(value('dry-run'), false, report('dry-run'))
  }
  if (problems.length > 0) {
    const order = (problem: InputProblem) => INPUT_NAMES.indexOf(problem.input as InputName)
    throw new InputError(problems.sort((a, b) => order(a) - order(b)))
  }
  return settings
}

/** Each given input that only another API takes, with what this API offers instead. */
function checkForeignInputs(
  profile: PlatformProfile,
  given: (input: string) => boolean,
  report: (input: string) => Report
): void {
  for (const other of Object.values(PROFILES)) {
    if (other === profile) continue
    for (const [input, instead] of Object.entries(other.ownInputs)) {
      if (given(input)) report(input)(`is a ${other.version}-only input: ${instead}`)
    }
  }
}

function checkToken(token: string, report: Report): void {
  if (token === '') {
    report(
      'is empty. Pass a Subhosting access token from a secret, e.g. ' +
        '`token: ${{ secrets.DENO_DEPLOY_TOKEN }}` (create one in the dashboard under Access Tokens)'
    )
  } else if (/\s/.test(token)) {
    report(
      'contains whitespace or a line break inside the value. Copy the token again into the ' +
        onSurface({ action: 'secret', commandLine: 'environment variable' }) +
        ', without spaces or extra lines'
    )
  }
}

function parseRoot(text: string, workspace: string, report: Report): string {
  const root = path.resolve(workspace, text === '' ? '.' : text)
  let isDirectory: boolean
  try {
    isDirectory = statSync(root).isDirectory()
  } catch {
    report(
      `${show(text)} does not exist (resolved to ${root}). Set root to the app's directory, ` +
        onSurface({
          action: 'relative to the workspace, and check that the checkout step ran first',
          commandLine: 'relative to the current directory'
        })
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
        'under root is uploaded and served. Set root to a directory inside the ' +
        onSurface({ action: 'checkout', commandLine: 'repository' })
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

/**
 * The path the URL probe asks for: absolute on the deployment's own host (`/healthz`,
 * `/status?probe=1`), never a URL of another host.
 */
export function parseProbePath(text: string, report: Report): string {
  if (text === '') return '/'
  if (!text.startsWith('/') || text.startsWith('//') || /[\s\\#]/.test(text)) {
    report(
      `${show(text)} is not a path on the deployment's host. Give an absolute path such as ` +
        '`/healthz` (a query is fine; no scheme, host or `#`; default `/`)'
    )
    return '/'
  }
  return text
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
