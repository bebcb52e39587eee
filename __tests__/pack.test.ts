import { describe, it, expect, beforeAll, afterAll } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import {
  closeSync,
  ftruncateSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  rmSync,
  symlinkSync,
  writeFileSync
} from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { InputError } from '../src/core/settings/input-error.js'
import { PackError } from '../src/core/pack/pack-error.js'
import { WHOLE_READ_MAX_BYTES } from '../src/core/pack/limits.js'
import { pack, type PackEntry, type PackedFile, type PackResult } from '../src/core/pack/pack.js'
import { checkEntrypoint } from '../src/core/pack/references.js'
import { profileOf } from '../src/core/platform/factory.js'
import type { DeploySettings } from '../src/core/settings/settings.js'
import { parseSettings } from '../src/core/settings/inputs.js'

let sandbox: string

beforeAll(() => {
  sandbox = mkdtempSync(path.join(tmpdir(), 'pack-'))
})
afterAll(() => rmSync(sandbox, { recursive: true, force: true }))

let counter = 0
/** A fresh root with the given files (string or bytes), returned as its absolute path. */
function tree(files: Record<string, string | Buffer>): string {
  const root = path.join(sandbox, `root${counter++}`)
  mkdirSync(root)
  for (const [rel, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, rel)), { recursive: true })
    writeFileSync(path.join(root, rel), content)
  }
  return root
}

const paths = (entries: PackEntry[]) => entries.map(entry => entry.path)
const file = (entries: PackEntry[], rel: string) =>
  entries.find(entry => entry.path === rel) as PackedFile
const gitHash = (abs: string) =>
  execFileSync('git', ['hash-object', '--no-filters', abs]).toString().trim()

describe('pack: files', () => {
  it('packs text, binary and empty files with git hashes and encodings', async () => {
    const root = tree({
      'text.txt': 'a\n',
      'binary.dat': Buffer.from([0xff, 0x00, 0xfe, 0x80]),
      'latin1.txt': Buffer.from('caf\xe9\n', 'latin1'),
      'empty.txt': ''
    })
    const result = await pack({ root, include: [], exclude: [] })
    expect(result.entries).toEqual([
      {
        kind: 'file',
        path: 'binary.dat',
        absPath: path.join(root, 'binary.dat'),
        size: 4,
        gitSha1: gitHash(path.join(root, 'binary.dat')),
        encoding: 'base64'
      },
      {
        kind: 'file',
        path: 'empty.txt',
        absPath: path.join(root, 'empty.txt'),
        size: 0,
        gitSha1: 'e69de29bb2d1d6434b8b29ae775ad8c2e48c5391',
        encoding: 'utf-8'
      },
      {
        kind: 'file',
        path: 'latin1.txt',
        absPath: path.join(root, 'latin1.txt'),
        size: 5,
        gitSha1: gitHash(path.join(root, 'latin1.txt')),
        encoding: 'base64'
      },
      {
        kind: 'file',
        path: 'text.txt',
        absPath: path.join(root, 'text.txt'),
        size: 2,
        gitSha1: '78981922613b2afb6025042ff6bd878ac1994e85',
        encoding: 'utf-8'
      }
    ])
    expect(result).toMatchObject({ root, fileCount: 4, symlinkCount: 0, totalBytes: 11 })
    expect(result.digest).toMatch(/^[0-9a-f]{40}$/)
    expect(result.skipped).toEqual([])
    expect(result.warnings).toEqual([])
  })

  it('packs unicode names and nested directories with POSIX paths in sorted order', async () => {
    const root = tree({
      'z.ts': 'z',
      'a/b/c/deep.ts': 'deep',
      'ünïcødé/日本語.txt': 'こんにちは\n',
      '🦕.ts': 'export const dino = "🦕"\n',
      'A.ts': 'upper'
    })
    const result = await pack({ root, include: [], exclude: [] })
    expect(paths(result.entries)).toEqual(
      ['A.ts', 'a/b/c/deep.ts', 'z.ts', 'ünïcødé/日本語.txt', '🦕.ts'].sort()
    )
    expect(file(result.entries, 'ünïcødé/日本語.txt')).toMatchObject({
      encoding: 'utf-8',
      gitSha1: gitHash(path.join(root, 'ünïcødé', '日本語.txt'))
    })
  })

  it('hashes large files in chunks, keeping a character split across chunks valid UTF-8', async () => {
    // '€' is three bytes; put one across the chunk boundary.
    const text = Buffer.alloc(WHOLE_READ_MAX_BYTES + 1024, 'x')
    Buffer.from('€').copy(text, WHOLE_READ_MAX_BYTES - 1)
    const binary = Buffer.alloc(WHOLE_READ_MAX_BYTES + 10, 'y')
    binary[WHOLE_READ_MAX_BYTES + 5] = 0xff
    const root = tree({ 'big.txt': text, 'big.bin': binary })
    const result = await pack({ root, include: [], exclude: [] })
    expect(file(result.entries, 'big.txt')).toMatchObject({
      encoding: 'utf-8',
      size: text.length,
      gitSha1: gitHash(path.join(root, 'big.txt'))
    })
    expect(file(result.entries, 'big.bin')).toMatchObject({
      encoding: 'base64',
      gitSha1: gitHash(path.join(root, 'big.bin'))
    })
  })

  it('stops before reading when the files pass the 1 GB platform limit', async () => {
    const root = tree({ 'small.txt': 'x' })
    const fd = openSync(path.join(root, 'huge.bin'), 'w')
    ftruncateSync(fd, 1_100_000_000) // sparse: no disk space used
    closeSync(fd)
    const error = await pack({ root, include: [], exclude: [] }).catch(err => err)
    expect(error).toBeInstanceOf(PackError)
    expect(error.message).toMatch(
      /pass the platform's 1\.0 GB deployment limit \(1\.1 GB so far, nothing was uploaded\)\. Largest files: huge\.bin \(1\.1 GB\)/
    )
    expect(error.message).toContain('Leave files out with the `exclude` input')
  })

  it('skips special files with a reason', async () => {
    const root = tree({ 'main.ts': 'x' })
    execFileSync('mkfifo', [path.join(root, 'pipe')])
    const result = await pack({ root, include: [], exclude: [] })
    expect(paths(result.entries)).toEqual(['main.ts'])
    expect(result.skipped).toEqual([{ path: 'pipe', reason: 'named pipe (not a regular file)' }])
  })
})

describe('pack: read sizes', () => {
  it('hashes like git on both sides of the one-read buffer and of the chunked limit', async () => {
    // 64 KiB buffer, 32 bytes kept for the header: 65504 bytes is the first size read twice.
    const sizes = [65503, 65504, 65505, 200_000, WHOLE_READ_MAX_BYTES + 1]
    const root = tree(Object.fromEntries(sizes.map(n => [`f${n}`, Buffer.alloc(n, n % 251)])))
    const result = await pack({ root, include: [], exclude: [] })
    for (const entry of result.entries as PackedFile[])
      expect([entry.path, entry.size, entry.gitSha1]).toEqual([
        entry.path,
        Number(entry.path.slice(1)),
        gitHash(entry.absPath)
      ])
    expect(result.fileCount).toBe(sizes.length)
  })
})

describe('pack: selection', () => {
  const files = {
    'main.ts': 'main',
    'src/app.ts': 'app',
    'src/app.test.ts': 'test',
    'src/lib/util.ts': 'util',
    'static/logo.png': Buffer.from([0x89, 0x50]),
    'debug.log': 'log',
    'src/deep/trace.log': 'log',
    'node_modules/pkg/index.js': 'pkg',
    'src/node_modules/inner/index.js': 'inner',
    '.git/HEAD': 'ref: refs/heads/main\n',
    'sub/.git': 'gitdir: ../.git/modules/sub\n',
    'sub/mod.ts': 'mod',
    '.env.example': 'A=1'
  }

  it('always drops .git, drops node_modules by default, keeps dotfiles', async () => {
    const result = await pack({ root: tree(files), include: [], exclude: [] })
    expect(paths(result.entries)).toEqual([
      '.env.example',
      'debug.log',
      'main.ts',
      'src/app.test.ts',
      'src/app.ts',
      'src/deep/trace.log',
      'src/lib/util.ts',
      'static/logo.png',
      'sub/mod.ts'
    ])
  })

  it('applies exclude globs: names at any depth, anchored paths, directories', async () => {
    const result = await pack({
      root: tree(files),
      include: [],
      exclude: ['*.log', 'src/*.test.ts', 'static']
    })
    expect(paths(result.entries)).toEqual([
      '.env.example',
      'main.ts',
      'src/app.ts',
      'src/lib/util.ts',
      'sub/mod.ts'
    ])
  })

  it('applies include globs, a directory name including everything below it', async () => {
    const result = await pack({
      root: tree(files),
      include: ['src', 'main.ts'],
      exclude: ['*.log']
    })
    expect(paths(result.entries)).toEqual([
      'main.ts',
      'src/app.test.ts',
      'src/app.ts',
      'src/lib/util.ts'
    ])
    const anchored = await pack({ root: tree(files), include: ['src/**/*.ts'], exclude: [] })
    expect(paths(anchored.entries)).toEqual(['src/app.test.ts', 'src/app.ts', 'src/lib/util.ts'])
    const braces = await pack({ root: tree(files), include: ['*.{ts,png}'], exclude: ['src/**'] })
    expect(paths(braces.entries)).toEqual(['main.ts', 'static/logo.png', 'sub/mod.ts'])
  })

  it('packs node_modules only when an include glob names it', async () => {
    const result = await pack({
      root: tree(files),
      include: ['main.ts', 'node_modules/**'],
      exclude: []
    })
    expect(paths(result.entries)).toEqual(['main.ts', 'node_modules/pkg/index.js'])
    const anywhere = await pack({ root: tree(files), include: ['**/node_modules/**'], exclude: [] })
    expect(paths(anywhere.entries)).toEqual([
      'node_modules/pkg/index.js',
      'src/node_modules/inner/index.js'
    ])
  })

  it('never packs .git, even when included', async () => {
    const result = await pack({ root: tree(files), include: ['.git/**', 'main.ts'], exclude: [] })
    expect(paths(result.entries)).toEqual(['main.ts'])
  })
})

describe('pack: symlinks', () => {
  it('packs symlinks inside root as relative symlinks, never following them', async () => {
    const root = tree({ 'text.txt': 'a\n', 'dir/inner.ts': 'inner' })
    symlinkSync('text.txt', path.join(root, 'link-file'))
    symlinkSync('dir', path.join(root, 'link-dir'))
    symlinkSync(path.join(root, 'text.txt'), path.join(root, 'absolute-link'))
    mkdirSync(path.join(root, 'nested'))
    symlinkSync('../dir/./inner.ts', path.join(root, 'nested', 'up'))
    symlinkSync(path.join(root, 'dir', 'inner.ts'), path.join(root, 'nested', 'abs-up'))
    const result = await pack({ root, include: [], exclude: [] })
    expect(result.entries.filter(entry => entry.kind === 'symlink')).toEqual([
      { kind: 'symlink', path: 'absolute-link', target: 'text.txt' },
      { kind: 'symlink', path: 'link-dir', target: 'dir' },
      { kind: 'symlink', path: 'link-file', target: 'text.txt' },
      { kind: 'symlink', path: 'nested/abs-up', target: '../dir/inner.ts' },
      { kind: 'symlink', path: 'nested/up', target: '../dir/inner.ts' }
    ])
    // The symlinked directory is not walked: its file appears once, under dir/.
    expect(paths(result.entries).filter(p => p.endsWith('inner.ts'))).toEqual(['dir/inner.ts'])
    expect(result).toMatchObject({ fileCount: 2, symlinkCount: 5 })
    expect(result.warnings).toEqual([])
  })

  it('accepts absolute targets through the real path of a symlinked root', async () => {
    const real = tree({ 'text.txt': 'a\n' })
    symlinkSync(path.join(real, 'text.txt'), path.join(real, 'abs'))
    const alias = path.join(sandbox, `alias${counter++}`)
    symlinkSync(real, alias)
    const result = await pack({ root: alias, include: [], exclude: [] })
    expect(result.entries[0]).toEqual({ kind: 'symlink', path: 'abs', target: 'text.txt' })
  })

  it('refuses a symlink that leaves root, naming it and its target', async () => {
    const root = tree({ 'main.ts': 'x' })
    writeFileSync(path.join(sandbox, 'outside.txt'), 'secret')
    mkdirSync(path.join(root, 'sub'))
    symlinkSync('../../outside.txt', path.join(root, 'sub', 'escape'))
    const error = await pack({ root, include: [], exclude: [] }).catch(err => err)
    expect(error).toBeInstanceOf(PackError)
    expect(error.message).toBe(
      `Symlink sub/escape points to ../../outside.txt, which is outside root (${root}); the ` +
        'deployment could not resolve it. Replace the symlink with the file itself, move root up ' +
        'to include its target, or exclude the symlink with the `exclude` input.'
    )
    const absolute = tree({ 'main.ts': 'x' })
    symlinkSync('/etc/passwd', path.join(absolute, 'passwd'))
    await expect(pack({ root: absolute, include: [], exclude: [] })).rejects.toThrow(
      'Symlink passwd points to /etc/passwd, which is outside root'
    )
  })

  it('refuses a symlink that only leaves root through another symlink', async () => {
    const root = tree({ 'main.ts': 'x' })
    const elsewhere = tree({ 'x.txt': 'outside' })
    mkdirSync(path.join(root, 'sub'))
    symlinkSync(path.join(elsewhere, 'deep'), path.join(root, 'sub', 'away'))
    mkdirSync(path.join(elsewhere, 'deep'))
    symlinkSync('sub/away/../x.txt', path.join(root, 'tricky'))
    const error = await pack({ root, include: [], exclude: ['away'] }).catch(err => err)
    expect(error).toBeInstanceOf(PackError)
    expect(error.message).toContain(
      `Symlink tricky points to sub/away/../x.txt, which is outside root (${root}) (through ` +
        `other symlinks it resolves to ${path.join(elsewhere, 'x.txt')})`
    )
  })

  it('lets an excluded escaping symlink pass, and warns about dangling targets', async () => {
    const root = tree({ 'main.ts': 'x', 'secret.txt': 'x' })
    symlinkSync('/etc/passwd', path.join(root, 'passwd'))
    symlinkSync('secret.txt', path.join(root, 'dangling'))
    const result = await pack({ root, include: [], exclude: ['passwd', 'secret.txt'] })
    expect(paths(result.entries)).toEqual(['dangling', 'main.ts'])
    expect(result.warnings).toEqual([
      'Symlink dangling → secret.txt: the target is not among the packed files, so it will ' +
        'dangle in the deployment. Include the target or exclude the symlink.'
    ])
  })
})

describe('pack: determinism', () => {
  it('gives the same entries and digest whatever the creation order', async () => {
    const names = ['b.ts', 'a/z.ts', 'a/a.ts', 'c.bin', 'B.ts']
    const one = tree(Object.fromEntries(names.map(n => [n, `content of ${n}`])))
    const two = tree(Object.fromEntries([...names].reverse().map(n => [n, `content of ${n}`])))
    const [first, second, again] = await Promise.all([
      pack({ root: one, include: [], exclude: [] }),
      pack({ root: two, include: [], exclude: [] }),
      pack({ root: one, include: [], exclude: [] })
    ])
    expect(paths(first.entries)).toEqual(['B.ts', 'a/a.ts', 'a/z.ts', 'b.ts', 'c.bin'])
    expect(paths(second.entries)).toEqual(paths(first.entries))
    expect(second.digest).toBe(first.digest)
    expect(again).toEqual(first)
  })

  it('changes the digest when a file, a name or a symlink target changes', async () => {
    const digest = async (files: Record<string, string>, link?: string) => {
      const root = tree(files)
      if (link) symlinkSync(link, path.join(root, 'link'))
      return (await pack({ root, include: [], exclude: [] })).digest
    }
    const baseline = await digest({ 'a.ts': '1', 'b.ts': '2' }, 'a.ts')
    expect(await digest({ 'a.ts': '1', 'b.ts': '2' }, 'a.ts')).toBe(baseline)
    expect(await digest({ 'a.ts': '1', 'b.ts': '3' }, 'a.ts')).not.toBe(baseline)
    expect(await digest({ 'a.ts': '1', 'c.ts': '2' }, 'a.ts')).not.toBe(baseline)
    expect(await digest({ 'a.ts': '1', 'b.ts': '2' }, 'b.ts')).not.toBe(baseline)
  })
})

/** The entry point and the files the API's own inputs name, as deploy checks them. */
const checkAll = (settings: DeploySettings, result: PackResult): void =>
  checkEntrypoint(settings, result, profileOf(settings).fileReferences(settings))

describe('checkEntrypoint', () => {
  const TOKEN = 'ddp_secret-token'
  const PROJECT = '0f6c2b1e-5a4d-4c3b-8a29-1b2c3d4e5f60'
  const settingsFor = (root: string, extra: Record<string, string> = {}) =>
    parseSettings(
      // v1 inputs (import map and lock file are v1's); a v1-compatible server's URL.
      {
        token: TOKEN,
        project: PROJECT,
        root,
        entrypoint: 'main.ts',
        'api-url': 'https://subhosting.example.com/v1',
        ...extra
      },
      {
        workspace: sandbox
      }
    )

  it('passes when the entry point, import map and lock file are packed, or are URLs', async () => {
    const root = tree({ 'main.ts': 'x', 'import_map.json': '{}', 'deno.lock': '{}' })
    const result = await pack({ root, include: [], exclude: [] })
    expect(() =>
      checkAll(
        settingsFor(root, { 'import-map': 'import_map.json', 'lock-file': 'deno.lock' }),
        result
      )
    ).not.toThrow()
    expect(() =>
      checkAll(
        settingsFor(root, { entrypoint: 'jsr:@std/http/file-server', 'lock-file': 'none' }),
        result
      )
    ).not.toThrow()
  })

  it('names the nearest candidates when the entry point is missing', async () => {
    const root = tree({ 'src/main.ts': 'x', 'src/mian.tsx': 'x', 'readme.md': 'x' })
    const result = await pack({ root, include: [], exclude: [] })
    let error: unknown
    try {
      checkAll(settingsFor(root), result)
    } catch (err) {
      error = err
    }
    expect(error).toBeInstanceOf(InputError)
    expect((error as InputError).problems).toEqual([
      {
        input: 'entrypoint',
        message:
          `"main.ts" is not a file under root (${root}). Give the entry point relative to ` +
          'root, or change the `root` input. Nearest packed files: src/main.ts.'
      }
    ])
  })

  it('says when the entry point exists but the globs leave it out, and checks the import map', async () => {
    const root = tree({ 'main.ts': 'x', 'other.ts': 'x' })
    const result = await pack({ root, include: [], exclude: ['main.ts'] })
    let error: InputError | undefined
    try {
      checkAll(settingsFor(root, { 'import-map': 'map.json' }), result)
    } catch (err) {
      error = err as InputError
    }
    expect(error?.problems.map(p => p.input)).toEqual(['entrypoint', 'import-map'])
    expect(error?.problems[0].message).toContain(
      '"main.ts" exists under root but is not packed: the include/exclude globs (or the default exclusion of .git and node_modules) leave it out.'
    )
    expect(error?.problems[1].message).toContain('"map.json" is not a file under root')
    expect(error?.message).not.toContain(TOKEN)
  })
})
