import { lstatSync } from 'node:fs'
import path from 'node:path'
import { InputError, type InputProblem } from '../settings/input-error.js'
import type { PackResult } from './pack.js'
import type { FileReference } from '../platform/profile.js'
import type { DeploySettings } from '../settings/settings.js'
import { editDistance } from '../text/edit-distance.js'
import { inputName } from '../text/wording.js'

/**
 * Checks that the entry point and the files the API's own inputs name (v1: import map, lock
 * file), given as paths, are among the packed files (URLs and auto-discovery are the platform's business). Throws one InputError naming
 * each missing path, whether it exists but was filtered out, and the nearest packed files.
 */
export function checkEntrypoint(
  settings: DeploySettings,
  pack: PackResult,
  others: FileReference[] = []
): void {
  const packed = new Set(pack.entries.map(entry => entry.path))
  const problems: InputProblem[] = []
  const references = [{ input: 'entrypoint', value: settings.entrypoint, what: 'entry point' }]
  for (const { input, value: reference, what } of [...references, ...others]) {
    if (!reference || isUrl(reference) || packed.has(reference)) continue
    problems.push({ input, message: missingMessage(reference, what, settings, pack) })
  }
  if (problems.length > 0) throw new InputError(problems)
}

function isUrl(reference: string): boolean {
  return /^[A-Za-z][A-Za-z0-9+.-]*:/.test(reference)
}

function missingMessage(
  reference: string,
  what: string,
  settings: DeploySettings,
  pack: PackResult
): string {
  const nearest = nearestPaths(reference, pack)
  const hint = nearest.length > 0 ? ` Nearest packed files: ${nearest.join(', ')}.` : ''
  if (existsUnder(settings.root, reference)) {
    return (
      `${JSON.stringify(reference)} exists under root but is not packed: the include/exclude ` +
      `globs (or the default exclusion of .git and node_modules) leave it out. Adjust ` +
      `"include"/"exclude" so the ${what} is packed.${hint}`
    )
  }
  return (
    `${JSON.stringify(reference)} is not a file under root (${settings.root}). Give the ${what} ` +
    `relative to root, or change ${inputName('root')}.${hint}`
  )
}

function existsUnder(root: string, reference: string): boolean {
  try {
    lstatSync(path.join(root, ...reference.split('/')))
    return true
  } catch {
    return false
  }
}

/** Up to three packed paths closest to `reference`: same file name first, then edit distance. */
function nearestPaths(reference: string, pack: PackResult): string[] {
  const name = path.posix.basename(reference).toLowerCase()
  return pack.entries
    .map(entry => {
      const sameName = path.posix.basename(entry.path).toLowerCase() === name ? 0 : 1
      return { path: entry.path, score: sameName * 1000 + editDistance(reference, entry.path) }
    })
    .filter(candidate => candidate.score < 1000 || candidate.score - 1000 <= reference.length / 2)
    .sort((a, b) => a.score - b.score || (a.path < b.path ? -1 : 1))
    .slice(0, 3)
    .map(candidate => candidate.path)
}
