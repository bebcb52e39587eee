/**
 * The inputs only the v2 API takes: the app (slug or ID), the organization header, the
 * platform's install and build commands and framework presets, and the token rule of v2.
 */
import { statSync } from 'node:fs'
import path from 'node:path'
import { parseBooleanInput } from '../../settings/boolean-input.js'
import { show, splitList, type InputReader, type Report } from '../../settings/value-parsers.js'
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
  checkStaticAlone(read)
  return {
    version: 'v2',
    organization,
    installCommand: parseCommand(value('install-command'), report('install-command')),
    buildCommand: parseCommand(value('build-command'), report('build-command')),
    framework: parseFramework(value('framework'), report('framework')),
    staticDir: parseStaticDir(value('static-dir'), read.root, report('static-dir')),
    spa: parseSpa(read),
    layers: parseLayers(read.raw('layers'), report('layers')),
    previewDomains: parsePreviewDomains(read.raw('preview-domains'), report('preview-domains'))
  }
}

/** What else says what to serve besides `static-dir`: only one may. */
function checkStaticAlone(read: InputReader): void {
  if (read.value('static-dir') === '') return
  for (const other of ['entrypoint', 'framework'])
    if (read.value(other) !== '')
      read.report('static-dir')(
        `and ${inputName(other)} both say what to serve; static-dir serves the files as they are, ` +
          `with no ${other === 'entrypoint' ? 'entry point' : 'framework preset'}: remove one`
      )
}

/** `spa` serves `index.html` for unknown paths of a static site; without one it would do nothing. */
function parseSpa(read: InputReader): boolean {
  const spa = parseBooleanInput(read.value('spa'), false, read.report('spa'))
  if (spa && read.value('static-dir') === '')
    read.report('spa')(
      `applies to a static site only: set ${inputName('static-dir')} to the directory to serve, ` +
        'or remove spa'
    )
  return spa
}

/** `static-dir`: a directory under root, as a POSIX path relative to it (`.` = root itself). */
export function parseStaticDir(text: string, root: string, report: Report): string | null {
  if (text === '') return null
  const posix = path.posix.normalize(text.replace(/\\/g, '/')).replace(/\/+$/, '') || '.'
  if (
    posix.startsWith('/') ||
    /^[A-Za-z]:/.test(posix) ||
    posix === '..' ||
    posix.startsWith('../')
  ) {
    report(
      `${show(text)} is not under root (${root}); give the directory to serve relative to root, ` +
        'e.g. `dist` or `public`'
    )
    return posix
  }
  let isDirectory = false
  try {
    isDirectory = statSync(path.join(root, posix)).isDirectory()
  } catch {
    // reported below
  }
  if (!isDirectory)
    report(
      `${show(text)} is not a directory under root (${root}); build the site first, then name ` +
        'the directory that holds its index.html, relative to root'
    )
  return posix
}

const LAYER_REF = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/

/** `layers`: slugs or IDs, one per line or comma-separated; later ones win. */
export function parseLayers(text: string, report: Report): string[] {
  const layers = splitList(text)
  for (const layer of layers)
    if (!LAYER_REF.test(layer))
      report(
        `${show(layer)} is not a layer slug or ID; list layers one per line or comma-separated`
      )
  return layers
}

/** A host name whose first label may hold `{pr}`, `{branch}` and `{deno.*}` templates. */
const TEMPLATE_HOST = /^[a-z0-9{}.-]+$/i
const PREVIEW_VARS =
  /\{(pr|branch|deno\.revision\.id|deno\.app\.slug|deno\.app\.id|deno\.organization\.id)\}/g

export function parsePreviewDomains(text: string, report: Report): string[] {
  const domains = splitList(text).map(d => d.toLowerCase())
  for (const domain of domains) {
    const split = /^((?:\{[^}]*\}|[^.{}])+)\.(.+)$/.exec(domain)
    const rest = split ? split[2].split('.') : []
    const leftover = split ? split[1].replace(PREVIEW_VARS, 'x') : '{'
    if (
      !TEMPLATE_HOST.test(domain) ||
      /[{}]/.test(leftover) ||
      rest.some(l => /[{}]/.test(l) || l === '')
    )
      report(
        `${show(domain)} is not a preview host name. Give host names one per line, templates only ` +
          'in the first label: {pr}, {branch}, {deno.revision.id}, {deno.app.slug}, ' +
          '{deno.organization.id} (e.g. `pr-{pr}.preview.example.com`)'
      )
  }
  return domains
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
