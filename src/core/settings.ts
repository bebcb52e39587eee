/**
 * Everything one deploy needs, already validated. Produced from raw inputs by
 * `parseSettings` (src/core/inputs.ts) for both the action and the command line;
 * nothing below this object reads the environment or @actions/*.
 */
export interface DeploySettings {
  /** Bearer token for the Subhosting API (masked by the caller). */
  token: string
  /** Project UUID. */
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
  databaseId: string | null
  /** null = let the platform auto-discover from deno.json. */
  compilerOptions: Record<string, unknown> | null
  /** null = auto-discover, '' = none, otherwise a path relative to root or a URL. */
  importMap: string | null
  lockFile: string | null
  description: string
  /** Milliseconds, or null for the platform default. */
  requestTimeoutMs: number | null
  /** v1 permissions.net: null = all allowed, [] = all denied. */
  allowNet: string[] | null
  /** Base URL of the v1 API without trailing slash, e.g. https://api.deno.com/v1 */
  apiUrl: string
  /** Whole wait budget (API retries, build, probe) in ms. */
  timeoutMs: number
  wait: boolean
  dryRun: boolean
}
