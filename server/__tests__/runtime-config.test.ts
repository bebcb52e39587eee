import { describe, it, expect, beforeAll, afterAll } from '@jest/globals'
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { parseJsonc, writeDenoConfig } from '../runtime/deno-config.js'
import { appEnv, runFlags } from '../runtime/sandbox.js'
import { resolveAssetReference } from '../runtime/source-paths.js'

describe('parseJsonc', () => {
  it('drops comments and trailing commas but keeps // inside strings', () => {
    const text = '{\n // c\n "a": "http://x//y", /* b */ "list": [1, 2,],\n}'
    expect(parseJsonc(text, 'deno.jsonc')).toEqual({ a: 'http://x//y', list: [1, 2] })
  })

  it('keeps string contents that look like comments or trailing commas', () => {
    expect(parseJsonc('{"a":"x,}b", "b": "/* not */", "c": "// no"}', 'deno.json')).toEqual({
      a: 'x,}b',
      b: '/* not */',
      c: '// no'
    })
  })

  it('names the file and the line of a syntax error', () => {
    expect(() => parseJsonc('{\n"a": 1\n"b": 2}', 'deno.jsonc')).toThrow(
      'deno.jsonc is not valid JSON(C): CommaExpected at line 3.'
    )
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
    expect(generated.notes).toEqual(['Using config deno.json', 'Using lock file my.lock'])
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
    kvFile: null,
    serverPorts: [8420],
    httpSocket: '/s/http.sock',
    controlSocket: '/s/control.sock',
    heapLimitMb: 512,
    bootstrapPath: '/r/bootstrap.ts',
    entry: 'file:///d/src/main.ts'
  }
  const flag = (flags: string[], name: string) => flags.filter(f => f.split('=')[0] === name)
  const sockets = 'unix:/s/http.sock,unix:/s/control.sock'

  it('maps permissions.net: null and "*" open the network, a list adds only its own sockets', () => {
    expect(flag(runFlags({ ...base, net: null }), '--allow-net')).toEqual(['--allow-net'])
    expect(flag(runFlags({ ...base, net: ['*'] }), '--allow-net')).toEqual(['--allow-net'])
    expect(flag(runFlags({ ...base, net: [] }), '--allow-net')).toEqual([`--allow-net=${sockets}`])
    expect(flag(runFlags({ ...base, net: ['example.com', '[::1]'] }), '--allow-net')).toEqual([
      `--allow-net=${sockets},example.com,[::1]`
    ])
  })

  it('denies the host, loopback and link-local addresses unless the list names them', () => {
    const denied = (net: string[] | null) =>
      flag(runFlags({ ...base, net }), '--deny-net')[0]
        .slice('--deny-net='.length)
        .split(',')
    for (const net of [null, ['*'], [], ['example.com']]) {
      expect(denied(net)).toEqual(
        expect.arrayContaining(['127.0.0.0/8', '0.0.0.0/8', '169.254.0.0/16', '[::1]', '[::]'])
      )
    }
    expect(denied(['127.0.0.1:8080'])).not.toContain('127.0.0.0/8')
    expect(denied(['127.0.0.1:8080'])).not.toContain('127.0.0.1')
    expect(denied(['localhost:8080'])).not.toContain('127.0.0.0/8')
    expect(denied(['localhost:8080'])).not.toContain('[::1]')
    expect(denied(['169.254.169.254'])).not.toContain('169.254.0.0/16')
    expect(denied(['169.254.169.254'])).toContain('127.0.0.0/8')
  })

  it('opens exactly a named loopback address: the rest of 127.0.0.0/8 and the server port stay denied', () => {
    const denied = flag(runFlags({ ...base, net: ['*', '127.0.0.1:9'] }), '--deny-net')[0]
      .slice('--deny-net='.length)
      .split(',')
    // 127.0.0.0/8 minus 127.0.0.1: 127.0.0.0 and one block per remaining bit.
    expect(denied).toEqual(expect.arrayContaining(['127.0.0.0', '127.0.0.2/31', '127.128.0.0/9']))
    expect(denied).toContain('127.0.0.1:8420')
    expect(denied).not.toContain('127.0.0.1')
    expect(denied).not.toContain('127.0.0.0/8')
  })

  it('grants read on its assets and sockets, write only on its sockets and KV file', () => {
    const flags = runFlags({ ...base, net: [], kvFile: '/kv/db/kv.sqlite3' })
    expect(flag(flags, '--allow-read')).toEqual([
      '--allow-read=/d/src,/s/http.sock,/s/control.sock,/kv/db/kv.sqlite3'
    ])
    expect(flag(flags, '--allow-write')).toEqual([
      '--allow-write=/s/http.sock,/s/control.sock,/kv/db/kv.sqlite3'
    ])
    expect(flags).toContain('--no-prompt')
    expect(flags).toContain('--v8-flags=--max-old-space-size=512')
    expect(flags.slice(-2)).toEqual(['--preload=/r/bootstrap.ts', 'file:///d/src/main.ts'])
    for (const denied of ['--allow-run', '--allow-ffi', '--allow-sys', '--allow-all', '-A']) {
      expect(flag(flags, denied)).toEqual([])
    }
    expect(flag(runFlags({ ...base, net: [] }), '--allow-write')).toEqual([
      '--allow-write=/s/http.sock,/s/control.sock'
    ])
  })

  it('passes its own env vars and what the server sets, never reserved names', () => {
    const vars = { A: '1', LD_PRELOAD: 'x', DENO_DIR: '/', NODE_OPTIONS: '-r x', https_proxy: 'p' }
    expect(appEnv(vars, { DENO_DIR: '/cache' })).toEqual({
      env: { A: '1', DENO_DIR: '/cache' },
      dropped: ['LD_PRELOAD', 'DENO_DIR', 'NODE_OPTIONS', 'https_proxy']
    })
  })
})
