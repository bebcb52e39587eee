/**
 * The inputs only the v2 API takes: the app (slug or ID), the organization header, the
 * platform's install and build commands and framework presets, and the token rule of v2.
 */
import type { InputReader, Report } from '../../settings/value-parsers.js'
import type { V2Options } from '../../settings/settings.js'
import { inputName } from '../../text/wording.js'
import { FRAMEWORKS } from './wire-types.js'

/** The v2 options, each reported under its own input. */
export function parseV2Options(read: InputReader): V2Options {
  const { value, report } = read
  const organization = parseOrganization(value('organization'), report('organization'))
  // An api-url that is no URL is reported under its own name; the token rule waits for it.
  const apiUrl = value('api-url')
  if (apiUrl === '' || URL.canParse(apiUrl)) checkV2Token(read.token, organization, report('token'))
  return {
    version: 'v2',
    organization,
    installCommand: parseCommand(value('install-command'), report('install-command')),
    buildCommand: parseCommand(value('build-command'), report('build-command')),
    framework: parseFramework(value('framework'), report('framework'))
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
function checkV2Token(token: string, organization: string | null, report: Report): void {
  if (token.startsWith('ddp_') && organization === null) {
    report(
      `is a personal token (ddp_…), which v2 accepts only together with ${inputName('organization')} ` +
        `(its slug). Set ${inputName('organization')}, or use an organization token (ddo_…)`
    )
  }
}
