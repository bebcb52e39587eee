/**
 * What never leaves the runner by accident: secret-looking files under root (left out unless
 * named on purpose, with a notice) and anything outside the workspace (`root` is refused).
 * Real files and symlinks in a temp directory.
 */
import { describe, it, expect, beforeAll, afterAll } from '@jest/globals'
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { InputError } from '../src/core/settings/input-error.js'
import { parseSettings, type RawInputs } from '../src/core/settings/inputs.js'
import { pack } from '../src/core/pack/pack.js'
import { isSecretFile } from '../src/core/pack/secret-files.js'

let base: string
let workspace: string
let app: string

const SECRETS = [
  '.env',
  '.env.production',
  'config/.env.local',
  'keys/id_ed25519',
  '.netrc',
  'certs/client.p12'
]
const KEPT = [
  'main.ts',
  '.env.example',
  '.env.sample',
  '.env.template',
  'config/app.json',
  'env.ts'
]

beforeAll(() => {
  base = mkdtempSync(path.join(tmpdir(), 'secret-files-'))
  workspace = path.join(base, 'workspace')
  app = path.join(workspace, 'app')
  for (const file of [...SECRETS, ...KEPT]) {
    mkdirSync(path.dirname(path.join(app, file)), { recursive: true })
    writeFileSync(path.join(app, file), `contents of ${file}\n`)
  }
  mkdirSync(path.join(base, 'outside'))
  symlinkSync(path.join(base, 'outside'), path.join(workspace, 'leads-out'))
  symlinkSync('/etc', path.join(workspace, 'etc-link'))
})

afterAll(() => rmSync(base, { recursive: true, force: true }))

const paths = (result: Awaited<ReturnType<typeof pack>>) => result.entries.map(e => e.path)

describe('secret-looking files', () => {
  it('are left out by default, and the notice names each one and how to include it', async () => {
    const result = await pack({ root: app, include: [], exclude: [] })
    expect(paths(result).sort()).toEqual([...KEPT].sort())
    expect(result.secretFilesLeftOut).toEqual([...SECRETS].sort())
    const notice = result.warnings[0]
    for (const file of SECRETS) expect(notice).toContain(file)
    expect(notice).toContain('`env-vars` input')
    expect(notice).toContain('`include` input')
  })

  it('are packed when an include glob names them on purpose, and only those', async () => {
    const result = await pack({ root: app, include: ['**', '.env.production'], exclude: [] })
    expect(paths(result)).toContain('.env.production')
    expect(paths(result)).not.toContain('.env')
    expect(result.secretFilesLeftOut).not.toContain('.env.production')
  })

  it('a catch-all include or an included directory does not count as naming them', async () => {
    const result = await pack({ root: app, include: ['config'], exclude: [] })
    expect(paths(result)).toEqual(['config/app.json'])
    expect(result.secretFilesLeftOut).toEqual(['config/.env.local'])
  })

  it('no notice when there are none', async () => {
    const result = await pack({ root: app, include: ['main.ts'], exclude: [] })
    expect(result.secretFilesLeftOut).toEqual([])
    expect(result.warnings).toEqual([])
  })

  it('templates and look-alikes are not secrets', () => {
    expect(isSecretFile('a/.env.example')).toBe(false)
    expect(isSecretFile('environment.ts')).toBe(false)
    expect(isSecretFile('a/.env.staging')).toBe(true)
  })
})

describe('root', () => {
  const raw = (root: string): RawInputs => ({
    token: 't0k3n',
    project: '8c5f5a1e-3b8e-4c1a-9f0d-2a6b7c8d9e0f',
    entrypoint: 'main.ts',
    root,
    'api-url': 'https://api.deno.com/v1'
  })
  const rootProblem = (root: string): string | undefined => {
    try {
      parseSettings(raw(root), { workspace })
      return undefined
    } catch (error) {
      if (!(error instanceof InputError)) throw error
      return error.problems.find(p => p.input === 'root')?.message
    }
  }

  it('inside the workspace is fine', () => {
    expect(rootProblem('app')).toBeUndefined()
    expect(rootProblem('.')).toBeUndefined()
  })

  it.each(['..', '/etc', 'leads-out', 'etc-link', 'app/../..'])(
    '%s, outside the workspace after symlinks, is refused with a clear error',
    root => {
      const problem = rootProblem(root)
      expect(problem).toMatch(/outside the workspace/)
      expect(problem).toMatch(/Set root to a directory inside the checkout/)
    }
  )
})
