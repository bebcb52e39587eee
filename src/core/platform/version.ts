/**
 * Which API a run speaks: the version `api-url` names in its path (`…/v1`, `…/v2`, `…/api/v2`),
 * unless `api-version` says otherwise. Default v2, today's Deno Deploy.
 */
import type { Report } from '../settings/value-parsers.js'
import type { PlatformVersion } from '../settings/settings.js'
import { inputName } from '../text/wording.js'

const VERSIONS: readonly PlatformVersion[] = ['v1', 'v2']
export const DEFAULT_VERSION: PlatformVersion = 'v2'

/** The version segment at the end of `apiUrl`'s path (`v1`, `v3`, …), or null. */
function versionSegment(apiUrl: string): string | null {
  if (!URL.canParse(apiUrl)) return null
  const path = new URL(apiUrl).pathname.replace(/\/+$/, '')
  return /(?:^|\/)(v\d+)$/i.exec(path)?.[1].toLowerCase() ?? null
}

/** The API version `apiUrl` names in its path, or null when it names none this project speaks. */
export function versionOfUrl(apiUrl: string): PlatformVersion | null {
  const segment = versionSegment(apiUrl)
  return VERSIONS.find(version => version === segment) ?? null
}

export interface VersionReports {
  url: Report
  version: Report
}

export function parseApiVersion(
  text: string,
  apiUrl: string,
  report: VersionReports
): PlatformVersion {
  const word = text.toLowerCase()
  const given = VERSIONS.find(version => version === word)
  const segment = versionSegment(apiUrl)
  const fromUrl = versionOfUrl(apiUrl)
  if (segment !== null && fromUrl === null) {
    report.url(
      `${JSON.stringify(apiUrl)} ends in /${segment}, an API version this action does not speak. ` +
        `Use the v2 API (https://api.deno.com/v2) or a v1-compatible server's …/v1 URL`
    )
  }
  if (given) return given
  if (word !== '' && word !== 'auto') {
    report.version(`${JSON.stringify(text)} is not an API version. Use v1, v2 or leave it empty`)
    return fromUrl ?? DEFAULT_VERSION
  }
  if (fromUrl) return fromUrl
  // An api-url that is no URL at all, or names another version, is reported under its own name.
  if (!URL.canParse(apiUrl) || segment !== null) return DEFAULT_VERSION
  report.version(
    `cannot be told from ${inputName('api-url')} (${apiUrl} ends neither in /v1 nor in /v2). ` +
      `Set ${inputName('api-version')} to v1 or v2, or end ${inputName('api-url')} in /v1 or /v2`
  )
  return DEFAULT_VERSION
}
