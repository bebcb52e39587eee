import { readdir, readlink, realpath } from 'node:fs/promises'
import { dirname, isAbsolute, join, relative, resolve } from 'node:path'

function inside(root: string, path: string): boolean {
  const rel = relative(root, path)
  return !rel.startsWith('..') && !isAbsolute(rel)
}

/**
 * Symlinks in the assets whose target lies outside them. Deno's permission checks do not follow
 * symlinks (--allow-read=<srcDir> lets `srcDir/link → /etc/passwd` through), so none may exist.
 */
export async function escapingSymlinks(srcDir: string): Promise<string[]> {
  const root = await realpath(srcDir)
  const found: string[] = []
  const walk = async (dir: string): Promise<void> => {
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name)
      if (entry.isDirectory()) await walk(path)
      else if (entry.isSymbolicLink()) {
        const target = await readlink(path)
        const lexical = resolve(dirname(path), target)
        const real = await realpath(path).catch(() => lexical)
        if (!inside(root, lexical) || !inside(root, real)) {
          found.push(`${relative(root, path)} → ${target}`)
        }
      }
    }
  }
  await walk(root)
  return found
}

export async function assertNoEscapingSymlinks(srcDir: string): Promise<void> {
  const escaping = await escapingSymlinks(srcDir)
  if (escaping.length) {
    throw new Error(
      `symlinks leaving the deployment's assets are not allowed: ${escaping.join(', ')}. ` +
        'Point them at files inside the asset tree.'
    )
  }
}
