import path from 'node:path'
import { fileURLToPath } from 'node:url'
import type { DeploySettings } from '../src/core/settings/settings.js'

const HELLO = fileURLToPath(new URL('../examples/hello', import.meta.url))

/** What a deploy cannot do without: who deploys, to which project or app, on which API. */
export type SettingsTarget = Pick<DeploySettings, 'token' | 'projectId' | 'apiUrl' | 'apiVersion'>

/**
 * DeploySettings for the deploy core's tests: examples/hello with one secret-looking env var,
 * every optional feature off, waiting up to 4 minutes (real Deno builds on a shared machine);
 * `overrides` replaces any of it.
 */
export function helloSettings(
  target: SettingsTarget,
  overrides: Partial<DeploySettings> = {}
): DeploySettings {
  return {
    ...target,
    root: path.resolve(HELLO),
    entrypoint: 'main.ts',
    include: [],
    exclude: [],
    envVars: { GREETING: 'hi-secret-value' },
    databaseId: null,
    compilerOptions: null,
    importMap: null,
    lockFile: null,
    description: 'core test',
    requestTimeoutMs: null,
    allowNet: null,
    organization: null,
    installCommand: null,
    buildCommand: null,
    framework: null,
    timeoutMs: 240_000,
    wait: true,
    dryRun: false,
    ...overrides
  }
}
