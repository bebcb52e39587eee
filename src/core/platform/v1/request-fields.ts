import type { PackResult } from '../../pack/pack.js'
import { formatBytes } from '../../text/units.js'
import type { DeploySettings } from '../../settings/settings.js'

/** The CreateDeploymentRequest fields other than `assets` and `envVars` (v1 §1.3). */
export interface DeploymentOptions {
  entryPointUrl: string
  importMapUrl: string | null
  lockFileUrl: string | null
  compilerOptions?: Record<string, unknown>
  databases?: { default: string }
  requestTimeout?: number
  permissions?: { net: string[] }
  description: string
}

/**
 * Settings → request fields. Unset options are omitted rather than sent as null so the
 * platform applies its own defaults; importMapUrl/lockFileUrl keep null = auto-discover.
 */
export function deploymentOptions(settings: DeploySettings): DeploymentOptions {
  const options: DeploymentOptions = {
    entryPointUrl: settings.entrypoint,
    importMapUrl: settings.importMap,
    lockFileUrl: settings.lockFile,
    description: settings.description
  }
  if (settings.compilerOptions !== null) options.compilerOptions = settings.compilerOptions
  if (settings.databaseId !== null) options.databases = { default: settings.databaseId }
  if (settings.requestTimeoutMs !== null) options.requestTimeout = settings.requestTimeoutMs
  if (settings.allowNet !== null) options.permissions = { net: settings.allowNet }
  return options
}

type PreviewAsset =
  | { kind: 'file'; content: string; encoding: 'utf-8' | 'base64' }
  | { kind: 'symlink'; target: string }

export type RequestPreview = DeploymentOptions & {
  assets: Record<string, PreviewAsset>
  envVars: Record<string, string>
}

/**
 * The body a deploy would POST, safe to print: file contents become `<N bytes encoding>`,
 * env var values `***`; the token is a header and never part of it.
 */
export function requestPreview(pack: PackResult, settings: DeploySettings): RequestPreview {
  const envVars = Object.fromEntries(Object.keys(settings.envVars).map(name => [name, '***']))
  return { ...deploymentOptions(settings), assets: requestPreviewAssets(pack), envVars }
}

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
export function renderManifest(pack: PackResult, settings: DeploySettings): string {
  const sizes = pack.entries.map(entry => (entry.kind === 'file' ? String(entry.size) : '-'))
  const sizeWidth = Math.max(4, ...sizes.map(size => size.length))
  const lines = [
    `Project ${settings.projectId}, entry point ${settings.entrypoint}, root ${pack.root}`,
    '',
    `${'SIZE'.padStart(sizeWidth)}  ENCODING  PATH`
  ]
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
