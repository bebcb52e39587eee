/**
 * Settings → the fields of a v2 deploy request (everything but the assets). The entry point
 * becomes a dynamic runtime (or a framework preset builds the app), env vars become the
 * revision's own `env_vars`, and labels carry the commit, ref, pull request and the run marker.
 */
import type { DeployOrigin, Timeline } from '../platform.js'
import type { DeploySettings, V2Options } from '../../settings/settings.js'
import { RUN_LABEL } from './client.js'
import type { DeployConfig, DeployFields } from './wire-types.js'

export const COMMIT_LABEL = 'custom.git_sha'
export const PULL_REQUEST_LABEL = 'custom.pull_request'
/** Label values are short metadata; longer values are cut (the description can be 1000). */
const MAX_LABEL_VALUE = 256

export function v2DeployFields(
  settings: DeploySettings,
  origin: DeployOrigin,
  timeline: Timeline,
  marker: string
): DeployFields {
  return {
    config: v2Config(settings),
    env_vars: Object.entries(settings.envVars).map(([key, value]) => ({ key, value })),
    labels: v2Labels(settings, origin, marker),
    production: timeline === 'production',
    preview: timeline === 'preview'
  }
}

/** The v2 part of the settings; the factory hands the v2 platform nothing else. */
export function v2Options(settings: DeploySettings): V2Options {
  if (settings.api.version !== 'v2') throw new Error('v2 request fields asked of v1 settings')
  return settings.api
}

export function v2Config(settings: DeploySettings): DeployConfig {
  const v2 = v2Options(settings)
  const config: DeployConfig = {}
  if (v2.framework) config.framework = v2.framework
  else config.runtime = { type: 'dynamic', entrypoint: settings.entrypoint }
  if (v2.installCommand) config.install = v2.installCommand
  if (v2.buildCommand) config.build = v2.buildCommand
  return config
}

function v2Labels(
  settings: DeploySettings,
  origin: DeployOrigin,
  marker: string
): Record<string, string> {
  const labels: Record<string, string> = { [RUN_LABEL]: marker }
  if (origin.commit) labels[COMMIT_LABEL] = origin.commit
  if (origin.ref) labels['custom.git_ref'] = origin.ref.slice(0, MAX_LABEL_VALUE)
  if (origin.pullRequest !== null) labels[PULL_REQUEST_LABEL] = String(origin.pullRequest)
  if (settings.description)
    labels['custom.description'] = settings.description.slice(0, MAX_LABEL_VALUE)
  return labels
}
