/**
 * `node scripts/complete-lockfile.js`: adds package-lock.json records for optional platform
 * packages (deno's and unrs-resolver's per-OS binaries) that npm 11 left out because the registry
 * it used could not serve them. Without those records `npm ci` stops with
 * "Missing: @deno/darwin-arm64@ from lock file" although nothing is wrong with package.json.
 * Each record carries the version the parent pins and the os/cpu/libc read from the package name,
 * so npm ci skips it on other platforms and installs it (fetching by version) on its own.
 * Run it after `npm install`, then `npm install` once more to let npm normalise the file.
 */
import { readFileSync, writeFileSync } from 'node:fs'

const LOCKFILE = new URL('../package-lock.json', import.meta.url)
const OS = ['darwin', 'linux', 'win32', 'android', 'freebsd', 'openharmony']
const CPU = ['arm64', 'x64', 'arm', 'ia32', 'loong64', 'ppc64', 'riscv64', 's390x']
const LIBC = { glibc: 'glibc', gnu: 'glibc', gnueabihf: 'glibc', musl: 'musl', musleabihf: 'musl' }

const lock = JSON.parse(readFileSync(LOCKFILE, 'utf8'))
const added = []
for (const parent of Object.values(lock.packages)) {
  for (const [name, version] of Object.entries(parent.optionalDependencies ?? {})) {
    const key = `node_modules/${name}`
    if (lock.packages[key]) continue
    const parts = name.split('/').pop().split('-')
    const record = { version }
    if (parent.dev) record.dev = true
    record.optional = true
    const cpu = parts.find(part => CPU.includes(part))
    const os = parts.find(part => OS.includes(part))
    const libc = parts.map(part => LIBC[part]).find(Boolean)
    if (cpu) record.cpu = [cpu]
    if (os) record.os = [os]
    if (libc) record.libc = [libc]
    lock.packages[key] = record
    added.push(`${name}@${version}`)
  }
}
writeFileSync(LOCKFILE, JSON.stringify(lock, null, 2) + '\n')
console.log(added.length ? `added ${added.length}: ${added.join(', ')}` : 'nothing was missing')
