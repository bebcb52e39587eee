import { existsSync } from 'node:fs'
import { createRequire } from 'node:module'
import { delimiter, dirname, join } from 'node:path'

const require = createRequire(import.meta.url)

let cached: string | undefined

/** Platform package names published by the npm package `deno` (see its install.cjs). */
function platformPackage(): string | undefined {
  const { platform, arch } = process
  if (platform === 'linux') {
    const libc = isMusl() ? 'musl' : 'glibc'
    return `linux-${arch === 'arm64' ? 'arm64' : 'x64'}-${libc}`
  }
  if (platform === 'darwin') return `darwin-${arch === 'arm64' ? 'arm64' : 'x64'}`
  if (platform === 'win32') return `win32-${arch === 'arm64' ? 'arm64' : 'x64'}`
  return undefined
}

function isMusl(): boolean {
  const report = process.report.getReport() as { header?: { glibcVersionRuntime?: string } }
  return !report.header?.glibcVersionRuntime
}

function fromPlatformPackage(): string | undefined {
  const pkg = platformPackage()
  if (!pkg) return undefined
  const exe = process.platform === 'win32' ? 'deno.exe' : 'deno'
  try {
    const manifest = require.resolve(`@deno/${pkg}/package.json`)
    const candidate = join(dirname(manifest), exe)
    return existsSync(candidate) ? candidate : undefined
  } catch {
    return undefined
  }
}

function fromDenoPackage(): string | undefined {
  try {
    const pkgDir = dirname(require.resolve('deno/package.json'))
    const candidate = join(pkgDir, process.platform === 'win32' ? 'deno.exe' : 'deno')
    return existsSync(candidate) ? candidate : undefined
  } catch {
    return undefined
  }
}

function fromPath(): string | undefined {
  const exe = process.platform === 'win32' ? 'deno.exe' : 'deno'
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (dir && existsSync(join(dir, exe))) return join(dir, exe)
  }
  return undefined
}

/**
 * The Deno executable shipped by the npm package `deno` (never downloaded at run time).
 * SUBHOSTING_DENO_BIN overrides it for machines where the optional platform package is missing.
 */
export function denoBinary(): string {
  if (cached) return cached
  const found =
    process.env.SUBHOSTING_DENO_BIN || fromPlatformPackage() || fromDenoPackage() || fromPath()
  if (!found) {
    throw new Error(
      'Deno executable not found: the npm package "deno" (with its @deno/<platform> binary) is not ' +
        'installed and no "deno" is on PATH. Run `npm install` in the project, or set ' +
        'SUBHOSTING_DENO_BIN to the path of a Deno 2 binary.'
    )
  }
  cached = found
  return found
}
