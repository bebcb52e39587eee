/**
 * The inputs that depend on which API the run targets. The version follows `api-url` (`…/v1`,
 * `…/v2`, `…/api/v2`) unless `api-version` says otherwise; an input that only the other API
 * has is refused before anything is sent, with what this API offers instead.
 */
import type { PlatformVersion } from '../http/api-errors.js'
import { FRAMEWORKS } from '../platform/v2/wire-types.js'
import { inputName } from '../text/wording.js'

type Report = (message: string) => void

/** v1-only inputs, and what v2 offers instead (the migration guide's mapping). */
export const V1_ONLY_INPUTS: Readonly<Record<string, string>> = {
  'import-map':
    'v2 reads the import map from the deployed deno.json ("imports"); remove import-map and put the map there',
  'lock-file':
    'v2 uses the deno.lock among the deployed files when its install step runs (e.g. install-command: deno install --frozen); remove lock-file',
  'compiler-options':
    'v2 reads compilerOptions from the deployed deno.json; remove compiler-options and put them there',
  'request-timeout':
    'v2 has no per-request timeout (and no per-request CPU limit); remove request-timeout',
  'allow-net':
    'v2 has no per-deployment network permissions; remove allow-net (restrict egress in the app itself)',
  'database-id':
    'v2 attaches databases to the app, not to a deploy (Databases in the Deno Deploy dashboard); remove database-id'
}

/** v2-only inputs, and why v1 cannot take them. */
export const V2_ONLY_INPUTS: Readonly<Record<string, string>> = {
  organization:
    'v1 tokens belong to one organization and v1 paths carry no organization header; remove organization',
  'install-command':
    'v1 runs no install step on the platform; install in the workflow before deploying, or target v2',
  'build-command':
    'v1 runs no build step on the platform; build in the workflow and deploy the output, or target v2',
  framework: 'v1 has no framework presets; set entrypoint to the built server module, or target v2'
}

/** The API version `apiUrl` names in its path, or null when the path does not say. */
export function versionOfUrl(apiUrl: string): PlatformVersion | null {
  const path = new URL(apiUrl).pathname.replace(/\/+$/, '')
  const match = /(?:^|\/)(v1|v2)$/.exec(path)
  return match ? (match[1] as PlatformVersion) : null
}

export function parseApiVersion(text: string, apiUrl: string, report: Report): PlatformVersion {
  const word = text.toLowerCase()
  if (word === 'v1' || word === 'v2') return word
  const fromUrl = safeVersionOfUrl(apiUrl)
  if (word !== '' && word !== 'auto') {
    report(`${JSON.stringify(text)} is not an API version. Use v1, v2 or leave it empty`)
    return fromUrl ?? 'v2'
  }
  if (fromUrl) return fromUrl
  // An api-url that is no URL at all is reported under its own name.
  if (!URL.canParse(apiUrl)) return 'v2'
  report(
    `cannot be told from ${inputName('api-url')} (${apiUrl} ends neither in /v1 nor in /v2). ` +
      `Set ${inputName('api-version')} to v1 or v2`
  )
  return 'v2'
}

function safeVersionOfUrl(apiUrl: string): PlatformVersion | null {
  try {
    return versionOfUrl(apiUrl)
  } catch {
    return null
  }
}

/** Reports each given input that the other API version owns. */
export function checkVersionInputs(
  version: PlatformVersion,
  given: (input: string) => boolean,
  report: (input: string, message: string) => void
): void {
  const foreign = version === 'v2' ? V1_ONLY_INPUTS : V2_ONLY_INPUTS
  for (const [input, instead] of Object.entries(foreign)) {
    if (given(input)) report(input, `is a ${version === 'v2' ? 'v1' : 'v2'}-only input: ${instead}`)
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
const SLUG = /^[a-z0-9](?:[a-z0-9-]{1,30})[a-z0-9]$/

/** v2 `project`: the app's slug (3–32 of a-z, 0-9, -) or its UUID. */
export function parseApp(text: string, report: Report): string {
  if (text === '') {
    report(
      "is empty. With v2 set it to the app's slug (as in <slug>.<org>.deno.net) or its ID; " +
        'create the app in the Deno Deploy dashboard or with POST /v2/apps'
    )
  } else if (!UUID.test(text) && !SLUG.test(text)) {
    report(
      `${JSON.stringify(text.slice(0, 60))} is not an app slug or ID. A slug has 3 to 32 ` +
        'lowercase letters, digits and dashes, not starting or ending with a dash'
    )
  }
  return UUID.test(text) ? text.toLowerCase() : text
}

/** `X-Deno-Org`: an organization slug or ID; null when unset. */
export function parseOrganization(text: string, report: Report): string | null {
  if (text === '') return null
  if (!/^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/.test(text)) {
    report(
      `${JSON.stringify(text.slice(0, 60))} is not an organization slug or ID; give the slug ` +
        'shown in the Deno Deploy dashboard URL (needed with a personal ddp_ token)'
    )
  }
  return text
}

/** A shell command for the platform to run; one line. */
export function parseCommand(text: string, report: Report): string | null {
  if (text === '') return null
  if (/[\r\n\0]/.test(text)) {
    report(
      'must be one line; chain several commands with && (e.g. `deno install && deno task build`)'
    )
  }
  return text
}

export function parseFramework(text: string, report: Report): string | null {
  if (text === '') return null
  const word = text.toLowerCase()
  if (!(FRAMEWORKS as readonly string[]).includes(word)) {
    report(
      `${JSON.stringify(text.slice(0, 60))} is not a v2 framework preset. Use one of ${FRAMEWORKS.join(', ')}`
    )
  }
  return word
}

/** A v2 token is an organization token (`ddo_`), or a personal one with an organization. */
export function checkV2Token(token: string, organization: string | null, report: Report): void {
  if (token.startsWith('ddp_') && organization === null) {
    report(
      `is a personal token (ddp_…), which v2 accepts only together with ${inputName('organization')} ` +
        `(its slug). Set ${inputName('organization')}, or use an organization token (ddo_…)`
    )
  }
}
