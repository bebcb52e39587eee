/**
 * The command line's flags. Each deploy flag mirrors the action input of the same name, so a
 * workflow step translates to a command line one to one; `--help` is generated from this table.
 */
export interface FlagSpec {
  name: string
  type: 'string' | 'boolean'
  /** May be given several times (values are joined with newlines). */
  multiple?: boolean
  short?: string
  /** Placeholder shown in --help for a string flag. */
  value?: string
  /** The action input this flag feeds, when there is one. */
  input?: string
  description: string
}

export const DEPLOY_FLAGS: readonly FlagSpec[] = [
  {
    name: 'project',
    type: 'string',
    value: 'APP',
    input: 'project',
    description:
      "What receives the deployment: the app's slug (v2), or the project ID, a UUID (v1)."
  },
  {
    name: 'entrypoint',
    type: 'string',
    value: 'PATH|URL',
    input: 'entrypoint',
    description: 'Entry module: a path relative to --root, or a URL.'
  },
  {
    name: 'root',
    type: 'string',
    value: 'DIR',
    input: 'root',
    description: 'Directory to pack and deploy (default: the current directory).'
  },
  {
    name: 'include',
    type: 'string',
    multiple: true,
    value: 'GLOB',
    input: 'include',
    description: 'Only pack files matching these globs (repeatable, or comma-separated).'
  },
  {
    name: 'exclude',
    type: 'string',
    multiple: true,
    value: 'GLOB',
    input: 'exclude',
    description:
      'Leave out files matching these globs (repeatable). .git is always left out, node_modules unless included.'
  },
  {
    name: 'env',
    type: 'string',
    multiple: true,
    short: 'e',
    value: 'KEY=VALUE',
    input: 'env-vars',
    description: 'One environment variable for the deployment, value taken literally (repeatable).'
  },
  {
    name: 'env-vars',
    type: 'string',
    multiple: true,
    value: 'DOTENV',
    input: 'env-vars',
    description: 'Environment variables in dotenv syntax, as the action input (repeatable).'
  },
  {
    // Not --env-file: Node takes that flag for itself wherever it appears (Node 20 and 24).
    name: 'env-vars-file',
    type: 'string',
    multiple: true,
    value: 'PATH',
    input: 'env-vars',
    description: 'Read environment variables from a dotenv file (repeatable).'
  },
  {
    name: 'database-id',
    type: 'string',
    value: 'UUID',
    input: 'database-id',
    description: 'KV database ID bound as the default database (Deno.openKv()).'
  },
  {
    name: 'compiler-options',
    type: 'string',
    value: 'JSON',
    input: 'compiler-options',
    description: 'Compiler options as a JSON object (e.g. {"jsx":"react-jsx"}).'
  },
  {
    name: 'import-map',
    type: 'string',
    value: 'PATH|URL',
    input: 'import-map',
    description: 'Import map, relative to --root or a URL (default: from deno.json).'
  },
  {
    name: 'lock-file',
    type: 'string',
    value: 'PATH|URL',
    input: 'lock-file',
    description: 'Lock file, relative to --root or a URL (default: from deno.json).'
  },
  {
    name: 'description',
    type: 'string',
    value: 'TEXT',
    input: 'description',
    description: 'Deployment description (default: branch and short commit SHA).'
  },
  {
    name: 'request-timeout',
    type: 'string',
    value: 'MS',
    input: 'request-timeout',
    description: 'Limit per request the deployment serves: milliseconds or a duration like 30s.'
  },
  {
    name: 'allow-net',
    type: 'string',
    value: 'HOSTS',
    input: 'allow-net',
    description: 'Hosts the deployment may connect to, as the action input (default: all).'
  },
  {
    name: 'api-url',
    type: 'string',
    value: 'URL',
    input: 'api-url',
    description:
      'API base URL: Deno Deploy v2 (default: https://api.deno.com/v2) or a v1 server (…/v1).'
  },
  {
    name: 'api-version',
    type: 'string',
    value: 'v1|v2',
    input: 'api-version',
    description: 'Which API --api-url speaks (default: from its path).'
  },
  {
    name: 'organization',
    type: 'string',
    value: 'SLUG',
    input: 'organization',
    description: 'v2: organization slug or ID (X-Deno-Org), needed with a personal ddp_ token.'
  },
  {
    name: 'install-command',
    type: 'string',
    value: 'CMD',
    input: 'install-command',
    description: 'v2: command the platform runs before building (e.g. "deno install").'
  },
  {
    name: 'build-command',
    type: 'string',
    value: 'CMD',
    input: 'build-command',
    description: 'v2: command the platform runs to build the app (e.g. "deno task build").'
  },
  {
    name: 'framework',
    type: 'string',
    value: 'PRESET',
    input: 'framework',
    description: 'v2: framework preset instead of an entry point (fresh, astro, nextjs, ...).'
  },
  {
    name: 'static-dir',
    type: 'string',
    value: 'DIR',
    input: 'static-dir',
    description: 'v2: serve this directory under --root as static files (no entry point).'
  },
  {
    name: 'spa',
    type: 'boolean',
    input: 'spa',
    description: 'v2, with --static-dir: serve index.html for paths that name no file.'
  },
  {
    name: 'layers',
    type: 'string',
    multiple: true,
    value: 'LAYER',
    input: 'layers',
    description: 'v2: a layer slug or ID the revision references (repeatable).'
  },
  {
    name: 'preview-domains',
    type: 'string',
    multiple: true,
    value: 'HOST',
    input: 'preview-domains',
    description:
      'v2: a host name bound to the preview revision (repeatable; {deno.*} placeholders).'
  },
  {
    name: 'pull-request',
    type: 'string',
    value: 'N',
    description:
      'v2: the pull request a preview is for (fills {pr} in --preview-domains; previews list --pr N).'
  },
  {
    name: 'production',
    type: 'boolean',
    description: 'v2: deploy to the production timeline (default: a preview with its own URL).'
  },
  {
    name: 'timeout',
    type: 'string',
    value: 'DURATION',
    input: 'timeout',
    description: 'Budget for the whole deploy: seconds or a duration like 90s (default: 10m).'
  },
  {
    name: 'no-wait',
    type: 'boolean',
    input: 'wait',
    description: 'Return once the deployment is created instead of waiting until it serves.'
  },
  {
    name: 'probe-path',
    type: 'string',
    value: 'PATH',
    input: 'probe-path',
    description:
      "Path the live check GETs on the deployment's host (default /), e.g. /healthz for an app whose / is slow, protected or counts visits."
  },
  {
    name: 'dry-run',
    type: 'boolean',
    input: 'dry-run',
    description: 'Print the files and the request that would be sent; call no API.'
  },
  {
    name: 'token',
    type: 'string',
    value: 'TOKEN',
    input: 'token',
    description:
      'API token. Prefer the DENO_DEPLOY_TOKEN environment variable: flags end up in shell history.'
  }
]

export const OUTPUT_FLAGS: readonly FlagSpec[] = [
  {
    name: 'json',
    type: 'boolean',
    description: 'Print one JSON result object on stdout; progress goes to stderr.'
  },
  {
    name: 'manifest-file',
    type: 'string',
    value: 'PATH',
    description: 'With --dry-run: write the full manifest (every file, size, encoding) to PATH.'
  },
  { name: 'verbose', type: 'boolean', description: 'Also print debug lines.' },
  { name: 'help', type: 'boolean', short: 'h', description: 'Show this help.' },
  { name: 'version', type: 'boolean', short: 'V', description: 'Print the version.' }
]

export const ALL_FLAGS: readonly FlagSpec[] = [...DEPLOY_FLAGS, ...OUTPUT_FLAGS]

/**
 * action.yml's non-empty defaults, applied the way the runner applies them (every other input
 * defaults to ''). The CLI test keeps this equal to action.yml.
 */
export const INPUT_DEFAULTS: Readonly<Record<string, string>> = {
  root: '.',
  'api-url': 'https://api.deno.com/v2',
  timeout: '10m',
  wait: 'true',
  'probe-path': '/',
  'dry-run': 'false'
}

/** Environment variables read for the token, in order of preference. */
export const TOKEN_ENV_VARS = [
  'DENO_DEPLOY_TOKEN',
  'SUBHOSTING_TOKEN',
  'DEPLOY_ACCESS_TOKEN'
] as const

/** The flag a user should fix for a problem reported against an action input. */
export function flagForInput(input: string): string {
  if (input === 'token') return `${TOKEN_ENV_VARS[0]} (environment variable)`
  if (input === 'wait') return '--no-wait'
  if (input === 'env-vars') return '--env / --env-vars / --env-vars-file'
  return `--${input}`
}
