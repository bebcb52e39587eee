import { readFileSync } from 'node:fs'
import { parseArgs, type ParseArgsConfig } from 'node:util'
import { dotenvLine } from './dotenv-line.js'
import { ALL_FLAGS, DEPLOY_FLAGS, INPUT_DEFAULTS, TOKEN_ENV_VARS } from './flags.js'
import { editDistance } from '../core/text/edit-distance.js'

/** A command line that cannot be understood; exit code 2, like any bad input. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'UsageError'
  }
}

export interface CommandLine {
  /** Action inputs by name, raw strings, exactly as a workflow step would pass them. */
  raw: Record<string, string>
  json: boolean
  /** v2: deploy to the production timeline instead of a preview. */
  production: boolean
  /** The pull request a preview is for (`--pull-request`), or null. */
  pullRequest: number | null
  verbose: boolean
  /** --manifest-file: where a dry run writes its full manifest (nowhere when not given). */
  manifestFile: string | undefined
  help: boolean
  version: boolean
  /** Where the token came from, so a token given as a flag can be warned about. */
  tokenSource: 'flag' | (typeof TOKEN_ENV_VARS)[number] | null
}

type Values = Record<string, string | boolean | (string | boolean)[] | undefined>

export function parseCommandLine(argv: string[], env: NodeJS.ProcessEnv): CommandLine {
  const values = readFlags(argv)
  const raw: Record<string, string> = {}
  for (const flag of DEPLOY_FLAGS)
    if (flag.input) raw[flag.input] = INPUT_DEFAULTS[flag.input] ?? ''
  for (const flag of DEPLOY_FLAGS) {
    if (!flag.input || flag.type === 'boolean' || flag.input === 'env-vars') continue
    if (values[flag.name] === undefined) continue
    raw[flag.input] = flagValue(flag.name, values[flag.name])
  }
  if (values['no-wait'] === true) raw.wait = 'false'
  if (values['dry-run'] === true) raw['dry-run'] = 'true'
  if (values.spa === true) raw.spa = 'true'

  const envVars = collectEnvVars(values)
  if (envVars !== null) raw['env-vars'] = envVars

  let tokenSource: CommandLine['tokenSource'] = values.token !== undefined ? 'flag' : null
  for (const name of TOKEN_ENV_VARS) {
    if (tokenSource !== null) break
    const token = env[name]
    if (token) {
      raw.token = token
      tokenSource = name
    }
  }
  return {
    raw,
    json: values.json === true,
    production: values.production === true,
    pullRequest: pullRequestOf(values['pull-request']),
    verbose: values.verbose === true,
    manifestFile: typeof values['manifest-file'] === 'string' ? values['manifest-file'] : undefined,
    help: values.help === true,
    version: values.version === true,
    tokenSource
  }
}

function readFlags(argv: string[]): Values {
  const options: NonNullable<ParseArgsConfig['options']> = {}
  for (const flag of ALL_FLAGS) {
    options[flag.name] = {
      type: flag.type,
      ...(flag.multiple ? { multiple: true } : {}),
      ...(flag.short ? { short: flag.short } : {})
    }
  }
  try {
    const { values, positionals } = parseArgs({
      args: argv,
      options,
      strict: true,
      allowPositionals: true
    })
    if (positionals.length > 0) {
      throw new UsageError(
        `unexpected argument "${positionals[0]}": every setting is a flag (e.g. --root ${positionals[0]}); see --help.`
      )
    }
    return values as Values
  } catch (error) {
    if (error instanceof UsageError) throw error
    const unknown = /Unknown option '([^']+)'/.exec((error as Error).message)?.[1]
    if (unknown) throw new UsageError(`unknown flag ${unknown}${suggestion(unknown)}; see --help.`)
    throw new UsageError(`${(error as Error).message}; see --help.`)
  }
}

/**
 * " (did you mean --project?)" for a near miss such as --projekt, or for a flag whose words are
 * all in one flag's name (--env-file → --env-vars-file, --dry → --dry-run).
 */
export function suggestion(option: string): string {
  const name = option.replace(/^-+/, '').replace(/=.*$/, '').toLowerCase()
  const words = name.split('-').filter(Boolean)
  const scored = ALL_FLAGS.map(flag => ({ flag, distance: editDistance(flag.name, name) }))
    .filter(({ flag, distance }) => {
      const own = flag.name.split('-')
      return (
        distance <= Math.max(2, Math.floor(name.length / 4)) || words.every(w => own.includes(w))
      )
    })
    .sort((a, b) => a.distance - b.distance)
  const close = scored[0]?.flag
  if (!close) return ''
  const node = name === 'env-file' ? ' Node takes --env-file for itself' : ''
  return ` (did you mean --${close.name}?${node})`
}

/** Repeated flags become the multiline form every list input of the action accepts. */
function flagValue(name: string, value: Values[string]): string {
  if (Array.isArray(value)) return value.map(v => String(v)).join('\n')
  if (typeof value === 'string') return value
  throw new UsageError(`--${name} needs a value.`)
}

/** --env-vars-file contents, --env-vars text and --env pairs, in that order (later wins). */
function collectEnvVars(values: Values): string | null {
  const parts: string[] = []
  for (const path of asList(values['env-vars-file'])) parts.push(readEnvFile(path))
  parts.push(...asList(values['env-vars']))
  for (const assignment of asList(values.env)) {
    try {
      parts.push(dotenvLine(assignment))
    } catch (error) {
      throw new UsageError((error as Error).message)
    }
  }
  return parts.length > 0 ? parts.join('\n') : null
}

function readEnvFile(path: string): string {
  try {
    return readFileSync(path, 'utf8')
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : code
    throw new UsageError(`--env-vars-file ${path}: cannot read it (${why}); pass a dotenv file.`)
  }
}

function asList(value: Values[string]): string[] {
  if (value === undefined) return []
  return (Array.isArray(value) ? value : [value]).map(v => String(v))
}

/** `--pull-request N`: a positive whole number. */
function pullRequestOf(value: unknown): number | null {
  if (typeof value !== 'string') return null
  if (!/^[1-9]\d{0,9}$/.test(value))
    throw new UsageError(
      `--pull-request takes the pull request's number (like 42), not ${JSON.stringify(value.slice(0, 40))}.`
    )
  return Number(value)
}
