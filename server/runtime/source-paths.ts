import { isAbsolute, relative, resolve, sep } from 'node:path'
import { pathToFileURL } from 'node:url'

/** Deployments see their assets under file:///src/ (as on the hosted service). */
const SRC_PREFIX = 'file:///src/'

export function isRemoteUrl(specifier: string): boolean {
  return /^https?:\/\//i.test(specifier)
}

/**
 * Resolves an asset reference of the v1 API (a path relative to the asset root, or
 * `file:///src/...`) to an absolute file path inside `srcDir`; a http(s) URL is returned as-is.
 * Throws when the reference leaves the asset tree or uses another scheme.
 */
export function resolveAssetReference(srcDir: string, specifier: string, what: string): string {
  if (isRemoteUrl(specifier)) return specifier
  let path = specifier
  if (specifier.startsWith(SRC_PREFIX))
    path = decodeURIComponent(specifier.slice(SRC_PREFIX.length))
  else if (/^[a-z][a-z0-9+.-]*:/i.test(specifier)) {
    throw new Error(
      `${what} "${specifier}" uses an unsupported scheme; use a path relative to the asset root ` +
        '(e.g. "main.ts"), a file:///src/... URL or a http(s) URL.'
    )
  }
  const absolute = resolve(srcDir, path.replace(/^\/+/, ''))
  const rel = relative(srcDir, absolute)
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) {
    throw new Error(
      `${what} "${specifier}" points outside the deployment's assets; use a path inside the asset root.`
    )
  }
  return absolute
}

/** The module specifier Deno gets for an asset reference (file URL or remote URL). */
export function toModuleSpecifier(srcDir: string, specifier: string, what: string): string {
  const resolved = resolveAssetReference(srcDir, specifier, what)
  return isRemoteUrl(resolved) ? resolved : pathToFileURL(resolved).href
}

/**
 * Rewrites the server's real paths in Deno's output to paths relative to the asset root, as in
 * the repository (`main.ts:3:7`), so no log or error shows where the server keeps its data.
 */
export function presentPaths(line: string, srcDir: string): string {
  const dirUrl = pathToFileURL(srcDir).href.replace(/\/?$/, '/')
  const dirPath = srcDir.endsWith(sep) ? srcDir : srcDir + sep
  return line.split(dirUrl).join('').split(dirPath).join('')
}
