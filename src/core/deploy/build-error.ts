import path from 'node:path'
import type { DeployFailedError } from './outcome-errors.js'

/** Deno names a deployment's own modules `file:///src/<path>` (or `file:///<…>/src/<path>`). */
const ASSET_URL = /file:\/\/\/(?:[^\s'"`()]*?\/)??src\/([^\s'"`():]+)/g

/**
 * A failed build in one short paragraph: where (the repository file and line, when the build
 * log pins one) and the first error line, with the deployment's module URLs written as
 * repository paths. The log itself was already shown while the build ran; this is the summary
 * for the annotation and the final error, so the log is not printed a second time.
 */
export function buildErrorHeadline(error: DeployFailedError): string {
  const prefix = repositoryPrefix(error)
  const first = error.logLines.find(line => line.trim() !== '')
  const where = error.annotation?.file
    ? ` at ${error.annotation.file}${error.annotation.startLine ? `:${error.annotation.startLine}` : ''}`
    : ''
  const quoted = first
    ? `: ${withRepositoryPaths(first.trim(), prefix)}`
    : ' (the build log was empty)'
  return `${error.headline}${where}${quoted}`
}

/** Every error line of the build, module URLs written as repository paths. */
export function buildErrorLines(error: DeployFailedError): string[] {
  const prefix = repositoryPrefix(error)
  return error.logLines.map(line => withRepositoryPaths(line, prefix))
}

/**
 * Root's path in the repository, read off the annotation: its file is root's path joined with
 * the asset the log names. '' (paths relative to root) when the log pins no file.
 */
function repositoryPrefix(error: DeployFailedError): string {
  const file = error.annotation?.file
  if (!file) return ''
  for (const line of error.logLines) {
    for (const match of line.matchAll(ASSET_URL)) {
      const asset = match[1]
      if (file === asset) return ''
      if (file.endsWith(`/${asset}`)) return file.slice(0, -asset.length)
    }
  }
  return ''
}

function withRepositoryPaths(line: string, prefix: string): string {
  return line.replace(ASSET_URL, (_, asset: string) => path.posix.join(prefix || '.', asset))
}
