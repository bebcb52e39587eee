/**
 * Settings → the fields of a v1 create request (everything but the assets), and the body a dry
 * run prints. Unset options are omitted rather than sent as null so the platform applies its
 * own defaults; importMapUrl/lockFileUrl keep null = auto-discover.
 */
import { requestPreviewAssets, type PreviewAsset } from '../../deploy/manifest.js'
import type { PackResult } from '../../pack/pack.js'
import type { DeploySettings, V1Options } from '../../settings/settings.js'
import type { CompilerOptions, CreateDeploymentFields } from './wire-types.js'

/** The v1 part of the settings; the factory hands the v1 platform nothing else. */
export function v1Options(settings: DeploySettings): V1Options {
  if (settings.api.version !== 'v1') throw new Error('v1 request fields asked of v2 settings')
  return settings.api
}

/** The CreateDeploymentRequest fields other than `assets` and `envVars`. */
export interface DeploymentOptions {
  entryPointUrl: string
  importMapUrl: string | null
  lockFileUrl: string | null
  compilerOptions?: Record<string, unknown>
  databases?: { default: string }
  requestTimeout?: number
  permissions?: { net: string[] }
  description: string
}

export function deploymentOptions(settings: DeploySettings): DeploymentOptions {
  const v1 = v1Options(settings)
  const options: DeploymentOptions = {
    entryPointUrl: settings.entrypoint,
    importMapUrl: v1.importMap,
    lockFileUrl: v1.lockFile,
    description: settings.description
  }
  if (v1.compilerOptions !== null) options.compilerOptions = v1.compilerOptions
  if (v1.databaseId !== null) options.databases = { default: v1.databaseId }
  if (v1.requestTimeoutMs !== null) options.requestTimeout = v1.requestTimeoutMs
  if (v1.allowNet !== null) options.permissions = { net: v1.allowNet }
  return options
}

/** The v1 create body as a dry run prints it. */
export type V1RequestPreview = DeploymentOptions & {
  assets: Record<string, PreviewAsset>
  envVars: Record<string, string>
}

/**
 * The body a deploy would POST, safe to print: file contents become `<N bytes encoding>`,
 * env var values `***`; the token is a header and never part of it.
 */
export function requestPreview(pack: PackResult, settings: DeploySettings): V1RequestPreview {
  const envVars = Object.fromEntries(Object.keys(settings.envVars).map(name => [name, '***']))
  return { ...deploymentOptions(settings), assets: requestPreviewAssets(pack), envVars }
}

/** The v1 create request's fields but the assets: the same as the dry run's preview shows. */
export function v1RequestFields(settings: DeploySettings): CreateDeploymentFields {
  const { compilerOptions, ...options } = deploymentOptions(settings)
  const fields: CreateDeploymentFields = { ...options, envVars: settings.envVars }
  // Key names were checked against the API's by parseSettings.
  if (compilerOptions) fields.compilerOptions = compilerOptions as CompilerOptions
  return fields
}
