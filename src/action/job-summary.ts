import * as core from '@actions/core'
import { formatBytes, formatDuration } from '../core/text/units.js'
import type { DeployResult } from '../core/deploy/deploy.js'
import { NO_TRAFFIC_YET, trafficRows, type Traffic } from '../core/deploy/traffic.js'
import { escapeHtml, escapeHtmlLine, escapeMarkdown } from '../core/text/markdown.js'
import { redactSecrets } from './actions-reporter.js'
import type { Failure } from './failure.js'

type Row = [string, string]

/** The pull-request lifecycle's part of the summary (see renderLifecycleSummary). */
export interface LifecycleSummary {
  /** `preview`, `production`, `cleanup` or `skip`. */
  mode: string
  /** The GitHub environment, '' when none. */
  environment: string
  /**
   * One Markdown line each, written by our code; any value in them from outside (a branch name,
   * a URL) must already be escaped with `escapeMarkdown`. Raw HTML is never rendered.
   */
  notes: string[]
  /** A production run's traffic over the last 24 hours (null/absent: not shown). */
  traffic?: Traffic | null
}

/**
 * Writes the job summary: where the deployment is and what it took to get there, then what the
 * pull-request lifecycle did. One document: the h2 first, the lifecycle as its h3 part.
 */
export async function writeJobSummary(
  result: DeployResult,
  lifecycle: LifecycleSummary | null = null,
  dryRunPlan: string | null = null
): Promise<void> {
  const summary = core.summary
  if (result.dryRun) {
    summary
      .addHeading('Subhosting deploy: dry run', 2)
      .addRaw('Nothing was uploaded and no API call was made.', true)
      .addTable(table(dryRunRows(result)))
    // Markdown of our own (dry-run-report.ts), its values escaped there.
    if (dryRunPlan) summary.addRaw(`\n${dryRunPlan}\n`)
  } else {
    summary
      .addHeading(`Subhosting deploy: ${escapeHtml(result.status)}`, 2)
      .addTable(table(deployRows(result)))
  }
  if (lifecycle) summary.addRaw(renderLifecycleSummary(lifecycle, 3))
  await summary.write()
}

/**
 * Writes a short summary of a failed step: what failed, the deployment and its last state when
 * one was created, the error and the fix. Values are redacted (the runner masks only the log).
 */
export async function writeFailureSummary(
  failure: Failure,
  lifecycle: LifecycleSummary | null = null
): Promise<void> {
  const rows: Row[] = [['What failed', safeHtmlLine(failure.title)]]
  if (failure.deploymentId) rows.push(['Deployment', code(redactSecrets(failure.deploymentId))])
  if (failure.status) rows.push(['Status', code(failure.status)])
  if (failure.lastState) rows.push(['Last state', safeHtmlLine(failure.lastState)])
  if (failure.hint) rows.push(['Fix', htmlWithCode(failure.hint)])
  const summary = core.summary
    .addHeading(`Subhosting deploy failed: ${safeHtmlLine(failure.title)}`, 2)
    .addTable(table(rows))
  if (failure.problems.length) summary.addList(failure.problems.map(safeHtml))
  if (failure.message) summary.addCodeBlock(safeHtml(failure.message))
  if (lifecycle) summary.addRaw(renderLifecycleSummary(lifecycle, 3))
  await summary.write()
}

/**
 * A summary for a run that deployed nothing (a cleanup, a skip): the lifecycle's lines under
 * the h2 that every summary of this action starts with.
 */
export async function writeLifecycleOnlySummary(lifecycle: LifecycleSummary): Promise<void> {
  await core.summary.addRaw(renderLifecycleSummary(lifecycle, 2)).write()
}

/**
 * The lifecycle part as plain Markdown (never inside raw HTML, so GitHub renders it): a heading,
 * then one list item per line. Mode and environment are escaped here; each note is kept on one
 * line and its `<` shown literally, so no note can open HTML, a comment or a new block.
 */
export function renderLifecycleSummary(lifecycle: LifecycleSummary, level: 2 | 3): string {
  const heading =
    level === 2
      ? `## Subhosting deploy: ${safeMarkdown(lifecycle.mode || 'nothing to do')}`
      : '### Pull request lifecycle'
  const environment = lifecycle.environment
    ? `, environment ${safeMarkdown(lifecycle.environment)}`
    : ''
  const items = [
    `Mode: **${safeMarkdown(lifecycle.mode || 'none')}**${environment}`,
    ...lifecycle.notes.map(oneSafeLine)
  ]
  // A blank line before: Markdown after an HTML block (the table) must start a new block.
  const list = `\n\n${[heading, '', ...items.map(item => `- ${item}`)].join('\n')}\n\n`
  return lifecycle.traffic ? `${list}${renderTraffic(lifecycle.traffic)}` : list
}

/** The app's traffic as a small Markdown table, or a plain sentence when there is none yet. */
export function renderTraffic(traffic: Traffic): string {
  const rows = trafficRows(traffic)
  const heading = '#### Traffic, last 24 hours\n\n'
  if (!rows.length) return `${heading}${NO_TRAFFIC_YET}\n\n`
  const header = `| ${rows.map(([label]) => label).join(' | ')} |`
  const rule = `| ${rows.map(() => '---').join(' | ')} |`
  return `${heading}${header}\n${rule}\n| ${rows.map(([, value]) => value).join(' | ')} |\n\n`
}

function oneSafeLine(note: string): string {
  return redactSecrets(note)
    .replace(/\r\n?|\n/g, ' ')
    .replace(/</g, '&lt;')
}

/** Secrets out first: escaping could change a secret's characters so it no longer matches. */
function safeHtml(text: string): string {
  return escapeHtml(redactSecrets(text))
}

/** The same, for a table cell or heading: one line, so the HTML block cannot end early. */
function safeHtmlLine(text: string): string {
  return escapeHtmlLine(redactSecrets(text))
}

/** Our own advice in a table cell: its `input` names become <code>, everything else escaped. */
function htmlWithCode(text: string): string {
  return safeHtmlLine(text).replace(/`([^`<>]{1,100})`/g, '<code>$1</code>')
}

function safeMarkdown(text: string): string {
  return escapeMarkdown(redactSecrets(text))
}

function deployRows(result: DeployResult): Row[] {
  const rows: Row[] = [
    ['Project', code(result.projectId)],
    ['Deployment', code(result.deploymentId ?? '')]
  ]
  if (result.url)
    rows.push(['URL', `<a href="${escapeHtml(result.url)}">${escapeHtml(result.url)}</a>`])
  if (result.domains.length > 0) rows.push(['Domains', result.domains.map(code).join('<br>')])
  if (result.commit) rows.push(['Commit', code(result.commit)])
  if (result.description) rows.push(['Description', escapeHtmlLine(result.description)])
  rows.push(
    ['Files sent with content', `${result.filesUploaded} of ${result.fileCount}`],
    [
      'Sent on the wire',
      `${formatBytes(result.bytesUploaded)} (the tree: ${formatBytes(result.totalBytes)})`
    ]
  )
  if (result.buildMs !== null) rows.push(['Build time', formatDuration(result.buildMs)])
  rows.push(['Total time', formatDuration(result.totalMs)])
  return rows
}

function dryRunRows(result: DeployResult): Row[] {
  const rows: Row[] = [['Project', code(result.projectId)]]
  if (result.commit) rows.push(['Commit', code(result.commit)])
  if (result.description) rows.push(['Description', escapeHtmlLine(result.description)])
  rows.push(
    ['Files', String(result.fileCount)],
    ['Size', formatBytes(result.totalBytes)],
    ['Digest', code(result.digest)],
    ['Total time', formatDuration(result.totalMs)]
  )
  return rows
}

/** A key/value table: each row's key is a header cell. */
function table(rows: Row[]): { data: string; header?: boolean }[][] {
  return rows.map(([key, value]) => [{ data: key, header: true }, { data: value }])
}

function code(text: string): string {
  return `<code>${escapeHtmlLine(text)}</code>`
}
