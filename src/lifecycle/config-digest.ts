/**
 * Identifies the deploy configuration (entry point, env vars, import map, lock file, compiler
 * options, database, request timeout, network permissions) a deployment was created with. A
 * preview is promoted only when both its tree and this match: same files with other env vars
 * is not the same app. Keyed with the Subhosting token, so the value written into a public PR
 * comment reveals nothing about secret env var values.
 */
import { createHmac } from 'node:crypto'
import type { DeploySettings } from '../core/settings/settings.js'
import { profileOf } from '../core/platform/factory.js'

export function configDigest(settings: DeploySettings): string {
  return createHmac('sha256', settings.token)
    .update(canonicalJson(profileOf(settings).servedConfig(settings)))
    .digest('hex')
    .slice(0, 32)
}

/** JSON with object keys sorted, so input order does not change the digest. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`
  }
  return JSON.stringify(value)
}
