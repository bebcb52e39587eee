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
  const v2 = v2Options(settings)
  const fields: DeployFields = {
    config: v2Config(settings),
    env_vars: Object.entries(settings.envVars).map(([key, value]) => ({ key, value })),
    labels: v2Labels(settings, origin, marker),
    production: timeline === 'production',
    preview: timeline === 'preview'
  }
  if (v2.layers.length) fields.layers = v2.layers
  const domains = timeline === 'preview' ? previewDomainsFor(v2, origin) : []
  if (domains.length) fields.preview = { domains }
  return fields
}

/**
 * The preview host names of one deploy: `{pr}` becomes the pull request's number and `{branch}`
 * the branch as a DNS label; `{deno.*}` templates go to the platform as they are. A name with
 * `{pr}` is left out of a deploy that is about no pull request (a branch preview).
 */
export function previewDomainsFor(v2: V2Options, origin: DeployOrigin): string[] {
  const branch = origin.ref ? branchLabel(origin.ref) : ''
  const leftOut = new Set(previewDomainsLeftOut(v2, origin))
  return v2.previewDomains
    .filter(d => !leftOut.has(d))
    .map(d => fillFirstLabel(d, { pr: String(origin.pullRequest ?? ''), branch }))
}

/** The preview host names this deploy cannot fill: `{pr}` with no pull request, `{branch}` with no branch. */
export function previewDomainsLeftOut(v2: V2Options, origin: DeployOrigin): string[] {
  const branch = origin.ref ? branchLabel(origin.ref) : ''
  return v2.previewDomains.filter(
    d => (origin.pullRequest === null && d.includes('{pr}')) || (!branch && d.includes('{branch}'))
  )
}

/** Expands `{pr}`/`{branch}` in the first label, cutting it to a DNS label's 63 characters. */
function fillFirstLabel(domain: string, vars: { pr: string; branch: string }): string {
  const first = /^(?:\{[^}]*\}|[^.{}])+/.exec(domain)?.[0] ?? ''
  const dot = first.length
  if (!/\{(pr|branch)\}/.test(first)) return domain
  const fixed = first.replace(/\{pr\}/g, vars.pr)
  const others = fixed.replace(/\{branch\}/g, '').length
  const room = Math.max(1, 63 - others)
  const branch = vars.branch.slice(0, room).replace(/-+$/, '') || 'x'
  const label = fixed.replace(/\{branch\}/g, branch).replace(/^-+|-+$/g, '')
  return `${label}${domain.slice(dot)}`
}

/** A branch name as a DNS label: lowercase, runs of anything but a-z0-9 → one `-`, ≤ 63. */
export function branchLabel(ref: string): string {
  return ref
    .replace(/^refs\/(heads|tags)\//, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 63)
    .replace(/-+$/, '')
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
  else if (v2.staticDir !== null) config.runtime = staticRuntime(v2.staticDir, v2.spa)
  else config.runtime = { type: 'dynamic', entrypoint: settings.entrypoint }
  if (v2.installCommand) config.install = v2.installCommand
  if (v2.buildCommand) config.build = v2.buildCommand
  return config
}

function staticRuntime(cwd: string, spa: boolean): DeployConfig['runtime'] {
  return { type: 'static', cwd, spa }
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
