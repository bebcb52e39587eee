/**
 * What a dry run shows: a plan a person can read in the log (totals, the largest files, what
 * was left out and why, the request with its asset list cut short and no secrets), the full
 * manifest in a file, and the same plan as Markdown for the Actions job summary. A 10,000-file
 * tree used to print 60,000 log lines; now it prints about 40.
 */
import { writeFileSync } from 'node:fs'
import path from 'node:path'
import { renderManifest } from './manifest.js'
import { profileOf } from '../platform/factory.js'
import { escapeHtml, escapeMarkdown } from '../text/markdown.js'
import type { PackedFile, PackResult } from '../pack/pack.js'
import { formatBytes } from '../text/units.js'
import type { Reporter } from './reporter.js'
import type { DeploySettings } from '../settings/settings.js'
import { inputName, onSurface } from '../text/wording.js'

const LARGEST_SHOWN = 10
/** Asset entries of the request shown before "… N more". */
const ASSETS_SHOWN = 5

export interface RequestShown {
  method: string
  url: string
  /** The body with contents elided and env values masked (the platform's requestPreview). */
  body: unknown
}

export interface DryRunReport {
  /** The full manifest (every file with size and encoding), where it was written; null: nowhere. */
  manifestPath: string | null
  /** The plan for the job summary. */
  summaryMarkdown: string
}

/**
 * Logs the plan, writes the full manifest where asked (a file the caller names, or a directory:
 * in Actions RUNNER_TEMP; otherwise nowhere, so a dry run leaves nothing behind) and returns its
 * path with the Markdown for the job summary.
 */
export function reportDryRun(
  reporter: Reporter,
  packed: PackResult,
  settings: DeploySettings,
  request: RequestShown,
  manifest: { dir?: string; file?: string } = {}
): DryRunReport {
  const name = `deploy-manifest-${packed.digest.slice(0, 12)}.txt`
  const manifestPath = manifest.file ?? (manifest.dir ? path.join(manifest.dir, name) : null)
  if (manifestPath) {
    writeFileSync(manifestPath, `${renderManifest(packed, manifestTitle(settings, packed))}\n`)
  }
  const plan = dryRunPlan(packed, settings)
  reporter.info(
    [
      'Dry run: nothing was uploaded.',
      `Would deploy ${plan.totals} to ${settings.projectId}, entry point ${settings.entrypoint}.`,
      ...section(
        'Largest files:',
        plan.largest.map(f => `${formatBytes(f.size).padStart(8)}  ${f.path}`)
      ),
      ...section(
        'Left out:',
        plan.leftOut.map(l => `${l.path}: ${l.reason}`)
      ),
      ...section('Warnings:', packed.warnings),
      `Request it would send (${request.method} ${request.url}):`,
      JSON.stringify(shortenAssets(request.body), null, 2),
      `Full manifest (${packed.entries.length} entries, digest ${packed.digest}): ` +
        (manifestPath ??
          `not written (${onSurface({ action: 'RUNNER_TEMP is not set', commandLine: 'pass --manifest-file PATH to write it' })})`)
    ].join('\n')
  )
  return { manifestPath, summaryMarkdown: summaryMarkdown(plan, packed, settings, request) }
}

interface Plan {
  totals: string
  largest: PackedFile[]
  leftOut: { path: string; reason: string }[]
}

/** The manifest's first line: what would receive the files, from where. */
function manifestTitle(settings: DeploySettings, packed: PackResult): string {
  const noun = profileOf(settings).targetNoun
  const what = noun.charAt(0).toUpperCase() + noun.slice(1)
  return `${what} ${settings.projectId}, entry point ${settings.entrypoint}, root ${packed.root}`
}

function dryRunPlan(packed: PackResult, settings: DeploySettings): Plan {
  const files = packed.entries.filter((e): e is PackedFile => e.kind === 'file')
  const text = files.filter(f => f.encoding === 'utf-8').reduce((sum, f) => sum + f.size, 0)
  const binary = packed.totalBytes - text
  const totals =
    `${count(packed.fileCount, 'file')} and ${count(packed.symlinkCount, 'symlink')}, ` +
    `${formatBytes(packed.totalBytes)} (${formatBytes(text)} text, ${formatBytes(binary)} binary ` +
    `sent as base64)`
  const largest = [...files].sort((a, b) => b.size - a.size).slice(0, LARGEST_SHOWN)
  const leftOut = [
    ...packed.skipped,
    ...packed.secretFilesLeftOut.map(p => ({
      path: p,
      reason: 'looks like a secret (left out by default)'
    })),
    ...settings.exclude.map(glob => ({ path: glob, reason: `matches ${inputName('exclude')}` }))
  ]
  return { totals, largest, leftOut }
}

/** The body with each `assets` collection cut to its first entries and a count of the rest. */
function shortenAssets(body: unknown): unknown {
  if (Array.isArray(body)) return body.map(shortenAssets)
  if (body === null || typeof body !== 'object') return body
  const out: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(body)) {
    if (key !== 'assets' || value === null || typeof value !== 'object') {
      out[key] = shortenAssets(value)
      continue
    }
    const entries = Object.entries(value)
    const rest = entries.length - ASSETS_SHOWN
    const shown = Object.fromEntries(entries.slice(0, ASSETS_SHOWN))
    if (rest <= 0) out[key] = value
    else if (Array.isArray(value))
      out[key] = [...Object.values(shown), `… ${rest} more (see the manifest file)`]
    else out[key] = { ...shown, '…': `${rest} more (see the manifest file)` }
  }
  return out
}

function summaryMarkdown(
  plan: Plan,
  packed: PackResult,
  settings: DeploySettings,
  request: RequestShown
): string {
  const lines = [
    '### Dry run: nothing was uploaded',
    '',
    `Would deploy ${escapeMarkdown(plan.totals)} to ${escapeMarkdown(settings.projectId)}, ` +
      `entry point ${escapeMarkdown(settings.entrypoint)}.`,
    '',
    '| Size | Largest files |',
    '| ---: | --- |',
    ...plan.largest.map(f => `| ${formatBytes(f.size)} | ${escapeMarkdown(f.path)} |`)
  ]
  if (plan.leftOut.length > 0)
    lines.push(
      '',
      '**Left out**',
      '',
      ...plan.leftOut.map(l => `- ${escapeMarkdown(l.path)}: ${escapeMarkdown(l.reason)}`)
    )
  if (packed.warnings.length > 0)
    lines.push('', '**Warnings**', '', ...packed.warnings.map(w => `- ${escapeMarkdown(w)}`))
  lines.push(
    '',
    `<details><summary>Request: ${escapeHtml(request.method)} ${escapeHtml(request.url)}</summary>`,
    '',
    `<pre>${escapeHtml(JSON.stringify(shortenAssets(request.body), null, 2))}</pre>`,
    '',
    '</details>',
    '',
    `Manifest digest \`${packed.digest}\` (${packed.entries.length} entries).`
  )
  return `${lines.join('\n')}\n`
}

function section(title: string, lines: string[]): string[] {
  return lines.length === 0 ? [] : [title, ...lines.map(line => `  ${line}`)]
}

function count(n: number, noun: string): string {
  return `${n.toLocaleString('en-US')} ${noun}${n === 1 ? '' : 's'}`
}
