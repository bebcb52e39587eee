/**
 * What a dry run shows of the packed tree, whichever API would receive it: the `assets` of a
 * request with contents replaced by their size, and the plain-text manifest of every file.
 */
import type { PackResult } from '../pack/pack.js'
import { formatBytes } from '../text/units.js'

export type PreviewAsset =
  | { kind: 'file'; content: string; encoding: 'utf-8' | 'base64' }
  | { kind: 'symlink'; target: string }

/** The `assets` of a create request (v1 and v2 alike), contents replaced by their size. */
export function requestPreviewAssets(pack: PackResult): Record<string, PreviewAsset> {
  const assets: Record<string, PreviewAsset> = {}
  for (const entry of pack.entries) {
    assets[entry.path] =
      entry.kind === 'file'
        ? {
            kind: 'file',
            content: `<${entry.size} bytes ${entry.encoding}>`,
            encoding: entry.encoding
          }
        : { kind: 'symlink', target: entry.target }
  }
  return assets
}

/** A plain-text table of what would be deployed, then totals, skipped entries and warnings. */
export function renderManifest(pack: PackResult, target: string): string {
  const sizes = pack.entries.map(entry => (entry.kind === 'file' ? String(entry.size) : '-'))
  const sizeWidth = Math.max(4, ...sizes.map(size => size.length))
  const lines = [target, '', `${'SIZE'.padStart(sizeWidth)}  ENCODING  PATH`]
  pack.entries.forEach((entry, index) => {
    const kind = entry.kind === 'file' ? entry.encoding : 'symlink'
    const target = entry.kind === 'symlink' ? ` -> ${entry.target}` : ''
    lines.push(`${sizes[index].padStart(sizeWidth)}  ${kind.padEnd(8)}  ${entry.path}${target}`)
  })
  lines.push(
    '',
    `${plural(pack.fileCount, 'file')}, ${plural(pack.symlinkCount, 'symlink')}, ` +
      `${plural(pack.totalBytes, 'byte')} ` +
      `(${formatBytes(pack.totalBytes)})`,
    `digest ${pack.digest}`
  )
  for (const skipped of pack.skipped) lines.push(`skipped ${skipped.path}: ${skipped.reason}`)
  for (const warning of pack.warnings) lines.push(`warning: ${warning}`)
  return lines.join('\n')
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`
}
