/**
 * Everything one deploy needs, already validated: the fields every API reads, and the part only
 * one API reads (`api`, told apart by `api.version`). `parseSettings` (inputs.ts) builds it for
 * the action and the command line alike; nothing below this object reads the environment or
 * @actions/*. Only the platform folders look inside `api`.
 */

/** What only the v1 API (a project of immutable deployments) takes with a deploy. */
export interface V1Options {
  version: 'v1'
  databaseId: string | null
  /** null = let the platform auto-discover from deno.json. */
  compilerOptions: Record<string, unknown> | null
  /** null = auto-discover, '' = none, otherwise a path relative to root or a URL. */
  importMap: string | null
  lockFile: string | null
  /** Milliseconds, or null for the platform default. */
  requestTimeoutMs: number | null
  /** permissions.net: null = all allowed, [] = all denied. */
  allowNet: string[] | null
}

/** What only the v2 API (an app of revisions on timelines) takes with a deploy. */
export interface V2Options {
  version: 'v2'
  /** The organization (slug or ID) sent as `X-Deno-Org`, for personal tokens. */
  organization: string | null
  /** Commands the platform runs before serving (null = skip the step). */
  installCommand: string | null
  buildCommand: string | null
  /** A framework preset (`fresh`, `astro`, ...) instead of an entry point; null = none. */
  framework: string | null
  /** A directory under root the platform serves as static files (no entry point); null = none. */
  staticDir: string | null
  /** With `staticDir`: unknown paths serve `index.html` (single-page app). */
  spa: boolean
  /** Layer slugs or IDs the revision references (their env vars), in order. */
  layers: string[]
  /**
   * Host names bound to every preview revision, as given: `{pr}` and `{branch}` are expanded
   * per deploy, `{deno.*}` templates are left for the platform.
   */
  previewDomains: string[]
}

export type ApiOptions = V1Options | V2Options

/** Which Subhosting API a run speaks: v1 (projects, deployments) or v2 (apps, revisions). */
export type PlatformVersion = ApiOptions['version']

export interface DeploySettings<Api extends ApiOptions = ApiOptions> {
  /** Bearer token for the API (masked by the caller). */
  token: string
  /** v1: the project's UUID; v2: the app's slug or ID. */
  projectId: string
  /** Absolute path of the deploy root; nothing outside it is ever read. */
  root: string
  /** Entry point as sent to the API: a POSIX path relative to root, or an absolute URL. */
  entrypoint: string
  /** Include globs relative to root (empty = everything). */
  include: string[]
  /** Exclude globs relative to root (`.git` is always excluded, `node_modules` unless included). */
  exclude: string[]
  /** Parsed env vars; every value is a secret. */
  envVars: Record<string, string>
  description: string
  /** Base URL of the API without trailing slash, e.g. https://api.deno.com/v2 */
  apiUrl: string
  /** The part of the settings only the API `apiUrl` speaks reads. */
  api: Api
  /** Whole wait budget (API retries, build, probe) in ms. */
  timeoutMs: number
  wait: boolean
  /** The path the URL probe GETs on the deployment's host (default `/`). */
  probePath: string
  dryRun: boolean
}
