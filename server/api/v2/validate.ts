// Request-body validation of the v2 API: every problem is a 400 naming the field and the fix.
import { normalizeAssetPath } from '../assets/assets.js'
import type { HttpError } from '../http/errors.js'
import { expectMap, expectObject, type Json } from '../http/validate.js'
import { checkEnvVars } from './env-check.js'
import { malformed } from './errors.js'
import type { AppConfig, RuntimeConfig } from './model.js'

const SLUG_RE = /^[a-z0-9][a-z0-9-]{1,30}[a-z0-9]$/
const RESERVED_SLUGS = new Set(['api', 'app', 'apps', 'admin', 'console', 'dash', 'deno', 'www'])
export const MAX_APP_LABELS = 5
const MAX_REVISION_LABELS = 50
/**
 * `config.framework` as the published v2 document enumerates it ('' = none). The platform's own
 * list, kept apart from the client's so the end-to-end tests catch a client that sends a preset
 * the platform refuses (a test compares the two).
 */
export const FRAMEWORKS: readonly string[] = [
  '',
  'nextjs',
  'astro',
  'nuxt',
  'remix',
  'solidstart',
  'tanstackstart',
  'sveltekit',
  'fresh',
  'lume'
]
const MAX_COMMAND = 4096

/** A value quoted for an error message, cut short: hostile input is never echoed whole. */
const show = (v: unknown): string => {
  const text = JSON.stringify(v) ?? String(v)
  return text.length > 80 ? `${text.slice(0, 80)}…` : text
}

/** The v2 slug rules (3–32 of a-z, 0-9, -); the message lists them all so one fix is enough. */
export function checkSlug(value: unknown, where: string): string {
  if (typeof value !== 'string') throw malformed(`${where} must be a string, got ${show(value)}.`)
  const problem = !SLUG_RE.test(value)
    ? 'must be 3 to 32 characters of a-z, 0-9 and "-", not starting or ending with "-"'
    : value.slice(2, 4) === '--'
      ? 'must not have "--" at positions 3 and 4'
      : RESERVED_SLUGS.has(value)
        ? 'is reserved'
        : null
  if (problem) throw malformed(`${where} ${show(value)} ${problem}.`)
  return value
}

export function parseLabels(value: unknown, where: string, max: number): Record<string, string> {
  if (value === undefined || value === null) return {}
  const map = expectMap(value, where)
  const entries = Object.entries(map)
  if (entries.length > max)
    throw malformed(`${where} has ${entries.length} labels; at most ${max} are allowed.`)
  for (const [key, v] of entries) {
    if (key.length < 1 || key.length > 128)
      throw malformed(`${where} has a key of ${key.length} characters; use 1 to 128.`)
    if (typeof v !== 'string' || v.length > 1024)
      throw malformed(`${where}.${key} must be a string of at most 1024 characters.`)
  }
  return map as Record<string, string>
}

export const parseAppLabels = (value: unknown, where = 'labels'): Record<string, string> =>
  parseLabels(value, where, MAX_APP_LABELS)

export const parseRevisionLabels = (value: unknown): Record<string, string> =>
  parseLabels(value, 'labels', MAX_REVISION_LABELS)

function optCommand(obj: Json, key: string): string | null | undefined {
  const value = obj[key]
  if (value === undefined || value === null) return value
  if (typeof value !== 'string' || value.length > MAX_COMMAND || value.includes('\0'))
    throw malformed(
      `config.${key} must be a shell command (a string of at most ${MAX_COMMAND} characters without NUL) or null.`
    )
  return value.trim() === '' ? null : value
}

/** A directory or file under the asset root; '.' (or '') is the root itself. */
function assetRelative(value: unknown, where: string): string {
  if (typeof value !== 'string') throw malformed(`${where} must be a string, got ${show(value)}.`)
  const trimmed = value.replace(/\/+$/, '')
  if (trimmed === '' || trimmed === '.') return '.'
  try {
    return normalizeAssetPath(trimmed, where)
  } catch (err) {
    throw malformed((err as HttpError).message)
  }
}

function parseRuntime(value: unknown): RuntimeConfig {
  const where = 'config.runtime'
  const type = (value as { type?: unknown } | null)?.type
  if (type === 'dynamic') {
    const obj = expectObject(value, where, ['type', 'entrypoint', 'args'])
    const runtime: RuntimeConfig = { type }
    if (obj.entrypoint !== undefined && obj.entrypoint !== null)
      runtime.entrypoint = assetRelative(obj.entrypoint, `${where}.entrypoint`)
    if (obj.args !== undefined && obj.args !== null) {
      if (!Array.isArray(obj.args) || obj.args.some(a => typeof a !== 'string'))
        throw malformed(`${where}.args must be an array of strings.`)
      runtime.args = obj.args as string[]
    }
    return runtime
  }
  if (type === 'static') {
    const obj = expectObject(value, where, ['type', 'cwd', 'spa'])
    const runtime: RuntimeConfig = { type }
    if (obj.cwd !== undefined && obj.cwd !== null)
      runtime.cwd = assetRelative(obj.cwd, `${where}.cwd`)
    if (obj.spa !== undefined && obj.spa !== null) {
      if (typeof obj.spa !== 'boolean') throw malformed(`${where}.spa must be a boolean.`)
      runtime.spa = obj.spa
    }
    return runtime
  }
  throw malformed(`${where}.type must be "dynamic" or "static", got ${show(type)}.`)
}

/** `Config` of a deploy request: shape only; what the local server cannot run fails the revision instead. */
export function parseConfig(value: unknown): AppConfig | null {
  if (value === undefined || value === null) return null
  const obj = expectObject(value, 'config', [
    'framework',
    'install',
    'build',
    'predeploy',
    'runtime',
    'crons'
  ])
  const config: AppConfig = {}
  if (obj.framework !== undefined && obj.framework !== null) {
    if (typeof obj.framework !== 'string' || !FRAMEWORKS.includes(obj.framework))
      throw malformed(
        `config.framework must be one of ${FRAMEWORKS.map(f => show(f)).join(', ')}, got ${show(obj.framework)}.`
      )
    config.framework = obj.framework
  }
  for (const key of ['install', 'build', 'predeploy'] as const) {
    const command = optCommand(obj, key)
    if (command !== undefined) config[key] = command
  }
  if (obj.runtime !== undefined && obj.runtime !== null) config.runtime = parseRuntime(obj.runtime)
  if (config.framework && config.runtime)
    throw malformed('config.framework and config.runtime are mutually exclusive; send one of them.')
  if (obj.crons !== undefined && obj.crons !== null) {
    if (typeof obj.crons !== 'boolean') throw malformed('config.crons must be a boolean.')
    config.crons = obj.crons
  }
  return config
}

export interface EnvVarInput {
  key: string
  value: string
  secret?: boolean
  contexts?: 'all' | string[]
}

function parseContexts(value: unknown, where: string): 'all' | string[] | undefined {
  if (value === undefined || value === null) return undefined
  if (value === 'all') return 'all'
  if (
    Array.isArray(value) &&
    value.every(c => typeof c === 'string' && /^[a-z0-9_-]{1,64}$/.test(c))
  )
    return value as string[]
  throw malformed(`${where} must be "all" or an array of context names like ["production"].`)
}

/** One `{key, value}` item of an env var array; `fields` are the extra keys this form allows. */
export function parseEnvItem(item: unknown, where: string, fields: readonly string[]): Json {
  const obj = expectObject(item, where, ['key', 'value', ...fields])
  for (const key of ['key', 'value'])
    if (obj[key] !== undefined && typeof obj[key] !== 'string')
      throw malformed(`${where}.${key} must be a string.`)
  if (obj.secret !== undefined && typeof obj.secret !== 'boolean')
    throw malformed(`${where}.secret must be a boolean.`)
  if (obj.delete !== undefined && typeof obj.delete !== 'boolean')
    throw malformed(`${where}.delete must be a boolean.`)
  if ('contexts' in obj) obj.contexts = parseContexts(obj.contexts, `${where}.contexts`)
  return obj
}

function expectArray(value: unknown, where: string): unknown[] {
  if (!Array.isArray(value)) throw malformed(`${where} must be an array of {key, value} objects.`)
  return value
}

/** `env_vars: EnvVarInput[]` of an app (create). */
export function parseAppEnvInputs(value: unknown): EnvVarInput[] {
  if (value === undefined || value === null) return []
  const items = expectArray(value, 'env_vars').map((raw, i) => {
    const where = `env_vars[${i}]`
    const obj = parseEnvItem(raw, where, ['secret', 'contexts'])
    if (obj.key === undefined || obj.value === undefined)
      throw malformed(`${where} needs both key and value.`)
    return obj as unknown as EnvVarInput
  })
  checkEnvVars(items, 'env_vars')
  return items
}

/** `env_vars: {key, value}[]` of a deploy request: immutable, no secret or contexts. */
export function parseRevisionEnvVars(value: unknown): { key: string; value: string }[] {
  if (value === undefined || value === null) return []
  const items = expectArray(value, 'env_vars').map((raw, i) => {
    const obj = parseEnvItem(raw, `env_vars[${i}]`, [])
    if (obj.key === undefined || obj.value === undefined)
      throw malformed(`env_vars[${i}] needs both key and value.`)
    return { key: obj.key as string, value: obj.value as string }
  })
  checkEnvVars(items, 'env_vars')
  return items
}

export interface TargetInput {
  enabled: boolean
  /** null = the defaults (the default host); a list = explicit mode, only these names. */
  domains: string[] | null
}

/** `production` / `preview`: `boolean | {domains?: string[]}`. */
export function parseTarget(value: unknown, key: string, fallback: boolean): TargetInput {
  if (value === undefined || value === null) return { enabled: fallback, domains: null }
  if (typeof value === 'boolean') return { enabled: value, domains: null }
  const obj = expectObject(value, key, ['domains', 'databases'])
  if (Array.isArray(obj.databases) ? obj.databases.length > 0 : obj.databases !== undefined)
    throw malformed(`${key}.databases is not supported by the local server; leave it out.`)
  if (obj.domains === undefined || obj.domains === null) return { enabled: true, domains: null }
  if (!Array.isArray(obj.domains) || obj.domains.some(d => typeof d !== 'string' || d === ''))
    throw malformed(`${key}.domains must be an array of host names.`)
  return { enabled: true, domains: obj.domains as string[] }
}
