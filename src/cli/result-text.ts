import type { DeployResult } from '../core/deploy/deploy.js'
import { formatBytes, formatDuration } from '../core/text/units.js'
import type { TerminalReporter } from './terminal-reporter.js'

/** The closing lines a person reads: where it is live, what was sent, how long it took. */
export function formatResult(result: DeployResult, style: Pick<TerminalReporter, 'paint'>): string {
  const files = `${plural(result.fileCount, 'file')}, ${formatBytes(result.totalBytes)}`
  if (result.dryRun) {
    return [
      style.paint('bold', 'Dry run: nothing was sent.'),
      row('files', files),
      row('digest', result.digest)
    ].join('\n')
  }
  const headline =
    result.status === 'success'
      ? `${style.paint('green', '✔')} Live at ${style.paint('bold', result.url ?? '(no URL)')}`
      : `Deployment ${result.deploymentId} created (status ${result.status}; not waiting)`
  const lines = [
    headline,
    row('project', result.projectId),
    row('deployment', `${result.deploymentId} (${result.status})`)
  ]
  if (result.domains.length > 0) lines.push(row('domains', result.domains.join(', ')))
  if (result.commit) lines.push(row('commit', result.commit.slice(0, 7)))
  lines.push(
    row(
      'files',
      `${files}; uploaded ${result.filesUploaded} (${formatBytes(result.bytesUploaded)})`
    )
  )
  const build =
    result.buildMs !== null && result.buildMs !== undefined
      ? `build ${formatDuration(result.buildMs)}, `
      : ''
  lines.push(row('time', `${build}total ${formatDuration(result.totalMs)}`))
  return lines.join('\n')
}

function row(label: string, value: string): string {
  return `  ${label.padEnd(12)}${value}`
}

function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`
}
