import * as core from '@actions/core'
import { formatDuration } from '../core/api-errors.js'
import type { DeployResult } from '../core/deploy.js'
import { redactSecrets } from './actions-reporter.js'
import type { Failure } from './failure.js'

type Row = [string, string]

/** Writes the job summary: where the deployment is and what it took to get there. */
export async function writeJobSummary(result: DeployResult): Promise<void> {
  const summary = core.summary
  if (result.dryRun) {
    summary
      .addHeading('Subhosting deploy: dry run', 2)
      .addRaw('Nothing was uploaded and no API call was made.', true)
      .addTable(table(dryRunRows(result)))
  } else {
    summary.addHeading(`Subhosting deploy: ${result.status}`, 2).addTable(table(deployRows(result)))
  }
  await summary.write()
}

/**
 * Writes a short summary of a failed step: what failed, the deployment and its last state when
 * one was created, the error and the fix. Values are redacted (the runner masks only the log).
 */
export async function writeFailureSummary(failure: Failure): Promise<void> {
  const rows: Row[] = [['What failed', escapeHtml(failure.title)]]
  if (failure.deploymentId) rows.push(['Deployment', code(failure.deploymentId)])
  if (failure.lastState) rows.push(['Last state', escapeHtml(failure.lastState)])
  if (failure.hint) rows.push(['Fix', escapeHtml(failure.hint)])
  const summary = core.summary
    .addHeading(`Subhosting deploy failed: ${escapeHtml(failure.title)}`, 2)
    .addTable(table(rows.map(([key, value]) => [key, redactSecrets(value)])))
  if (failure.problems.length)
    summary.addList(failure.problems.map(p => escapeHtml(redactSecrets(p))))
  if (failure.message) summary.addCodeBlock(escapeHtml(redactSecrets(failure.message)))
  await summary.write()
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
  if (result.description) rows.push(['Description', escapeHtml(result.description)])
  rows.push(
    ['Files uploaded', `${result.filesUploaded} of ${result.fileCount}`],
    ['Bytes uploaded', `${formatBytes(result.bytesUploaded)} of ${formatBytes(result.totalBytes)}`]
  )
  if (result.buildMs !== null) rows.push(['Build time', formatDuration(result.buildMs)])
  rows.push(['Total time', formatDuration(result.totalMs)])
  return rows
}

function dryRunRows(result: DeployResult): Row[] {
  const rows: Row[] = [['Project', code(result.projectId)]]
  if (result.commit) rows.push(['Commit', code(result.commit)])
  if (result.description) rows.push(['Description', escapeHtml(result.description)])
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
  return `<code>${escapeHtml(text)}</code>`
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, c => `&#${c.charCodeAt(0)};`)
}

/** 1_500 → "1.5 kB": decimal units, as the platform's 1 GB limit is counted. */
export function formatBytes(bytes: number): string {
  const units = ['B', 'kB', 'MB', 'GB']
  let value = bytes
  let unit = 0
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000
    unit++
  }
  return unit === 0 ? `${bytes} B` : `${value.toFixed(1)} ${units[unit]}`
}
