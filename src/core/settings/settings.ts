/**
 * Everything one deploy needs, already validated. Produced from raw inputs by
 * `parseSettings` (src/core/inputs.ts) for both the action and the command line;
 * nothing below this object reads the environment or @actions/*.
 */
import type { PlatformVersion } from '../http/api-errors.js'

export interface DeploySettings {
  /** Bearer token for the Subhosting API (masked by the caller). */
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
  /** Base URL of the API without trailing slash, e.g. https://api.deno.com/v2 */
  apiUrl: string
  /** Which API `apiUrl` speaks: from its path, or the `api-version` input. */
  apiVersion: PlatformVersion
  /** v2: the organization (slug or ID) sent as `X-Deno-Org`, for personal tokens. */
  organization: string | null
  /** v2: commands the platform runs before serving (null = skip the step). */
  installCommand: string | null
  buildCommand: string | null
  /** v2: a framework preset (`fresh`, `astro`, ...) instead of an entry point; null = none. */
  framework: string | null
  /** Whole wait budget (API retries, build, probe) in ms. */
  timeoutMs: number
  wait: boolean
  dryRun: boolean
}
