import path from 'node:path'
import { fileURLToPath } from 'node:url'
import type {
  ApiOptions,
  DeploySettings,
  PlatformVersion,
  V1Options,
  V2Options
} from '../src/core/settings/settings.js'

const HELLO = fileURLToPath(new URL('../examples/hello', import.meta.url))

/** What a deploy cannot do without: who deploys, to which project or app, on which API. */
export interface SettingsTarget {
  token: string
  projectId: string
  apiUrl: string
  apiVersion: PlatformVersion
}

/** Every API's own options, all off. */
const NO_OPTIONS: Record<PlatformVersion, ApiOptions> = {
  v1: {
    version: 'v1',
    databaseId: null,
    compilerOptions: null,
    importMap: null,
    lockFile: null,
    requestTimeoutMs: null,
    allowNet: null
  },
  v2: {
    version: 'v2',
    organization: null,
    installCommand: null,
    buildCommand: null,
    framework: null,
    staticDir: null,
    spa: false,
    layers: [],
    previewDomains: []
  }
}

/** Overrides of the common fields, and of the API's own options by name. */
export type SettingsOverrides = Partial<Omit<DeploySettings, 'api'>> &
  Partial<Omit<V1Options, 'version'>> &
  Partial<Omit<V2Options, 'version'>>

/**
 * DeploySettings for the deploy core's tests: examples/hello with one secret-looking env var,
 * every optional feature off, waiting up to 4 minutes (real Deno builds on a shared machine);
 * `overrides` replaces any of it, an API's own option going into `api`.
 */
export function helloSettings(
  { apiVersion, ...target }: SettingsTarget,
  overrides: SettingsOverrides = {}
): DeploySettings {
  const base = NO_OPTIONS[apiVersion]
  const common: Record<string, unknown> = {}
  const api: Record<string, unknown> = { ...base }
  for (const [key, value] of Object.entries(overrides)) {
    if (key in base) api[key] = value
    else common[key] = value
  }
  return {
    ...target,
    root: path.resolve(HELLO),
    entrypoint: 'main.ts',
    include: [],
    exclude: [],
    envVars: { GREETING: 'hi-secret-value' },
    description: 'core test',
    timeoutMs: 240_000,
    wait: true,
    probePath: '/',
    dryRun: false,
    ...common,
    api: api as unknown as ApiOptions
  }
}
