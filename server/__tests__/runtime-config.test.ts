import { describe, it, expect, beforeAll, afterAll } from '@jest/globals'
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { parseJsonc, writeDenoConfig } from '../runtime/deno-config.js'
import { runFlags, sanitizeEnv } from '../runtime/sandbox.js'
import { resolveAssetReference } from '../runtime/source-paths.js'

describe('parseJsonc', () => {
  it('drops comments and trailing commas but keeps // inside strings', () => {
    const text = '{\n // c\n "a": "http://x//y", /* b */ "list": [1, 2,],\n}'
    expect(parseJsonc(text, 'deno.jsonc')).toEqual({ a: 'http://x//y', list: [1, 2] })
  })

  it('names the file when it is not a JSON object', () => {
    expect(() => parseJsonc('[1]', 'deno.json')).toThrow('deno.json is not a valid JSON object')
  })
})

describe('writeDenoConfig', () => {
  let root: string
  let srcDir: string
  let outDir: string
  const read = async (path: string) => JSON.parse(await readFile(path, 'utf8'))

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'runtime-config-'))
    srcDir = join(root, 'src')
    outDir = join(root, 'out')
    await mkdir(srcDir)
    await writeFile(
      join(srcDir, 'deno.json'),
      JSON.stringify({
        imports: { 'lib/': './lib/', std: 'jsr:@std/assert' },
        scopes: { './vendor/': { x: './x.ts' } },
        compilerOptions: { jsx: 'precompile' },
        lock: 'my.lock',
        tasks: { ignored: 'true' }
      })
    )
    await writeFile(join(srcDir, 'my.lock'), '{"version":"5"}')
  })
  afterAll(() => rm(root, { recursive: true, force: true }))

  it('auto-discovers deno.json: rebased import map, compiler options and a copied lock file', async () => {
    const generated = await writeDenoConfig(
      { srcDir, importMapUrl: null, lockFileUrl: null, compilerOptions: null },
      outDir
    )
    const base = pathToFileURL(srcDir).href
    expect(await read(generated.configPath)).toEqual({
      compilerOptions: { jsx: 'precompile' },
      imports: { 'lib/': `${base}/lib/`, std: 'jsr:@std/assert' },
      scopes: { [`${base}/vendor/`]: { x: `${base}/x.ts` } },
      lock: { path: join(outDir, 'deno.lock'), frozen: false }
    })
    expect(generated.notes).toEqual([
      'Using config file:///src/deno.json',
      'Using lock file file:///src/my.lock'
    ])
  })

  it("given compilerOptions replace the user's (nulls dropped); '' turns the map and lock off", async () => {
    const generated = await writeDenoConfig(
      {
        srcDir,
        importMapUrl: '',
        lockFileUrl: '',
        compilerOptions: { jsx: 'react-jsx', jsxImportSource: null }
      },
      outDir
    )
    expect(await read(generated.configPath)).toEqual({
      compilerOptions: { jsx: 'react-jsx' },
      lock: false
    })
    expect(generated.importMap).toBeNull()
  })

  it('passes an explicit import map as a file path', async () => {
    const generated = await writeDenoConfig(
      { srcDir, importMapUrl: 'file:///src/maps/m.json', lockFileUrl: '', compilerOptions: {} },
      outDir
    )
    expect(generated.importMap).toBe(join(srcDir, 'maps', 'm.json'))
    expect(await read(generated.configPath)).toEqual({ compilerOptions: {}, lock: false })
  })
})

describe('asset references', () => {
  it('accepts relative paths, file:///src/ URLs and http(s) URLs', () => {
    expect(resolveAssetReference('/d/src', './a/b.ts', 'x')).toBe('/d/src/a/b.ts')
    expect(resolveAssetReference('/d/src', 'file:///src/a%20b.ts', 'x')).toBe('/d/src/a b.ts')
    expect(resolveAssetReference('/d/src', 'https://e.test/m.ts', 'x')).toBe('https://e.test/m.ts')
  })

  it('rejects other schemes and paths leaving the assets, naming the field', () => {
    expect(() => resolveAssetReference('/d/src', 'data:text/plain,x', 'entryPointUrl')).toThrow(
      'entryPointUrl "data:text/plain,x" uses an unsupported scheme'
    )
    expect(() => resolveAssetReference('/d/src', 'file:///src/../x.ts', 'importMapUrl')).toThrow(
      'importMapUrl "file:///src/../x.ts" points outside'
    )
  })
})

describe('sandbox flags', () => {
  const base = {
    configPath: '/c/deno.json',
    importMap: null,
    readPaths: ['/d/src'],
    kvDir: null,
    bootstrapPath: '/r/bootstrap.ts',
    entry: 'file:///d/src/main.ts'
  }
  const flag = (flags: string[], name: string) => flags.filter(f => f.split('=')[0] === name)

  it('maps permissions.net: null and "*" open the network, a list adds only the listen address', () => {
    expect(flag(runFlags({ ...base, net: null }), '--allow-net')).toEqual(['--allow-net'])
    expect(flag(runFlags({ ...base, net: ['*'] }), '--allow-net')).toEqual(['--allow-net'])
    expect(flag(runFlags({ ...base, net: [] }), '--allow-net')).toEqual(['--allow-net=127.0.0.1:0'])
    expect(flag(runFlags({ ...base, net: ['example.com', '[::1]'] }), '--allow-net')).toEqual([
      '--allow-net=127.0.0.1:0,example.com,[::1]'
    ])
  })

  it('grants read on its assets, write only on its KV directory, and nothing else', () => {
    const flags = runFlags({ ...base, net: [], kvDir: '/kv/db' })
    expect(flag(flags, '--allow-read')).toEqual(['--allow-read=/d/src,/kv/db'])
    expect(flag(flags, '--allow-write')).toEqual(['--allow-write=/kv/db'])
    expect(flags).toContain('--no-prompt')
    expect(flags.slice(-2)).toEqual(['--preload=/r/bootstrap.ts', 'file:///d/src/main.ts'])
    for (const denied of ['--allow-run', '--allow-ffi', '--allow-sys', '--allow-all', '-A']) {
      expect(flag(flags, denied)).toEqual([])
    }
    expect(flag(runFlags({ ...base, net: [] }), '--allow-write')).toEqual([])
  })

  it('drops env vars that would change how the process runs', () => {
    expect(sanitizeEnv({ A: '1', LD_PRELOAD: 'x', DENO_DIR: '/', NODE_OPTIONS: '-r x' })).toEqual({
      env: { A: '1' },
      dropped: ['LD_PRELOAD', 'DENO_DIR', 'NODE_OPTIONS']
    })
  })
})
