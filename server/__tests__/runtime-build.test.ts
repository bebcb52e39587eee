import { describe, it, expect, beforeAll, afterAll } from '@jest/globals'
import { spawnSync } from 'node:child_process'
import { mkdirSync, writeFileSync } from 'node:fs'
import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { RuntimeHarness, type CapturedLog } from '../testing/harness.js'
import { confinedDeno } from '../runtime/build-confinement.js'
import { denoBinary } from '../runtime/deno-binary.js'

const messages = (logs: CapturedLog[], level?: string) =>
  logs.filter(l => !level || l.level === level).map(l => l.message)

// A type error the platform deploys anyway: `e` is `unknown` in a catch clause.
const TYPE_ERROR_APP = `
Deno.serve(() => {
  try {
    JSON.parse('{')
  } catch (e) {
    return new Response('caught ' + e.name)
  }
  return new Response('unreachable')
})
`

const JSX_OPTIONS = { jsx: 'react-jsx', jsxImportSource: '@local/jsx' }

describe('build', () => {
  let h: RuntimeHarness
  beforeAll(async () => {
    h = await RuntimeHarness.start()
  })
  afterAll(() => h.stop())

  it('builds a valid app without a type-check step, as the platform does', async () => {
    const app = await h.deploy({ example: 'hello' })
    expect(app.buildOk).toBe(true)
    expect(messages(app.buildLogs)).toEqual(['Build succeeded'])
    expect(app.buildLogs.every(l => l.level === 'info')).toBe(true)
  })

  it('builds and serves an app with a type error (no type-check gate by default)', async () => {
    const app = await h.deploy({ files: { 'main.ts': TYPE_ERROR_APP } })
    expect(app.buildOk).toBe(true)
    expect((await h.request(app.id)).text()).toBe('caught SyntaxError')
  })

  it('fails on an unresolvable import, naming the importer by its repository path', async () => {
    const app = await h.deploy({ example: 'build-fails' })
    expect(app.buildOk).toBe(false)
    const errors = messages(app.buildLogs, 'error')
    expect(errors).toContain('error: Module not found "does-not-exist.ts".')
    expect(errors).toContain('    at main.ts:1:25')
    expect(messages(app.buildLogs).at(-1)).toBe('Build failed')
    expect(JSON.stringify(app.buildLogs)).not.toContain(h.dataDir)
    expect(JSON.stringify(app.buildLogs)).not.toContain('file://')
    expect(app.buildLogs.some(l => l.message.includes(String.fromCharCode(27)))).toBe(false)
  })

  it('fails on a syntax error with the file, line and column', async () => {
    const app = await h.deploy({
      files: {
        'main.ts': "import './lib/syntax.ts'\nDeno.serve(() => new Response('x'))\n",
        'lib/syntax.ts': 'const x = 1\nexport function f( {\n  return x\n}\n'
      }
    })
    expect(app.buildOk).toBe(false)
    const errors = messages(app.buildLogs, 'error')
    expect(errors[0]).toMatch(/^error: SyntaxError: /)
    expect(errors).toContain('    at lib/syntax.ts:3:10')
  })

  it('accepts the entry point as a file:///src/ URL', async () => {
    const app = await h.deploy({ example: 'hello', entryPointUrl: 'file:///src/main.ts' })
    expect(app.buildOk).toBe(true)
    expect((await h.request(app.id)).text()).toBe('Hello from Subhosting Deploy!\n')
  })

  it('rejects an entry point outside the assets, naming it', async () => {
    const app = await h.deploy({ example: 'hello', entryPointUrl: '../../secret.ts' })
    expect(app.buildOk).toBe(false)
    expect(messages(app.buildLogs, 'error')[0]).toContain(
      'entryPointUrl "../../secret.ts" points outside the deployment\'s assets'
    )
  })

  it('fails when the entry point is missing', async () => {
    const app = await h.deploy({ example: 'hello', entryPointUrl: 'nope.ts' })
    expect(app.buildOk).toBe(false)
    expect(messages(app.buildLogs, 'error')).toContain('error: Module not found "nope.ts".')
  })

  it('uses the import map named by importMapUrl', async () => {
    const app = await h.deploy({ example: 'import-map', importMapUrl: 'import_map.json' })
    expect(messages(app.buildLogs)).toContain('Using import map import_map.json')
    expect(app.buildOk).toBe(true)
    expect((await h.request(app.id)).text()).toBe('Hello, Subhosting, via the import map!\n')
  })

  it('auto-discovers the import map from deno.jsonc (comments allowed) when importMapUrl is null', async () => {
    const app = await h.deploy({
      example: 'import-map',
      files: {
        'deno.jsonc': '{\n  // comment\n  "importMap": "./import_map.json", /* trailing */\n}\n'
      }
    })
    expect(app.buildOk).toBe(true)
    expect((await h.request(app.id)).text()).toBe('Hello, Subhosting, via the import map!\n')
  })

  it('uses no import map at all when importMapUrl is ""', async () => {
    const app = await h.deploy({
      example: 'import-map',
      files: { 'deno.json': '{ "importMap": "./import_map.json" }' },
      importMapUrl: ''
    })
    expect(app.buildOk).toBe(false)
    expect(messages(app.buildLogs, 'error').join('\n')).toContain('greetings/mod.ts')
  })

  it('applies compilerOptions and keeps the deno.json import map they rely on', async () => {
    const app = await h.deploy({
      example: 'jsx',
      entryPointUrl: 'main.tsx',
      compilerOptions: { ...JSX_OPTIONS, jsxFactory: null }
    })
    expect(app.buildOk).toBe(true)
    const reply = await h.request(app.id)
    expect(reply.text()).toContain('<h1>Rendered with JSX</h1>')
    expect(reply.headers['content-type']).toBe('text/html; charset=utf-8')
  })

  it('builds with default compiler options when compilerOptions is {}', async () => {
    // Without the automatic runtime the classic transform needs a React global: the build passes
    // (no type check) and the render fails at run time, as it would on the platform.
    const app = await h.deploy({ example: 'jsx', entryPointUrl: 'main.tsx', compilerOptions: {} })
    expect(app.buildOk).toBe(true)
    const reply = await h.request(app.id)
    expect(reply.status).toBe(500)
    expect(app.appLogs.map(l => l.message).join('\n')).toMatch(/React is not defined/)
  })

  it("type-checks with the typeCheck option (the server's --type-check flag)", async () => {
    const checked = await RuntimeHarness.start({ typeCheck: true })
    try {
      const app = await checked.deploy({ files: { 'main.ts': TYPE_ERROR_APP } })
      expect(app.buildOk).toBe(false)
      const errors = messages(app.buildLogs, 'error').join('\n')
      expect(errors).toContain("TS18046 [ERROR]: 'e' is of type 'unknown'.")
      expect(errors).toContain('at main.ts:6:37')
      expect(errors).not.toContain('file://')
    } finally {
      await checked.stop()
    }
  })

  it('honours a lock file and reports a missing one by name', async () => {
    const locked = await h.deploy({
      example: 'hello',
      files: { 'locks/app.lock': '{ "version": "5" }\n' },
      lockFileUrl: 'locks/app.lock'
    })
    expect(messages(locked.buildLogs)).toContain('Using lock file locks/app.lock')
    expect(locked.buildOk).toBe(true)

    const missing = await h.deploy({ example: 'hello', lockFileUrl: 'missing.lock' })
    expect(missing.buildOk).toBe(false)
    expect(messages(missing.buildLogs, 'error')[0]).toContain('"missing.lock"')
  })
})

describe('build confinement', () => {
  let h: RuntimeHarness
  beforeAll(async () => {
    h = await RuntimeHarness.start()
  })
  afterAll(() => h.stop())

  it('fails a graph importing a local file outside the assets, without reading it', async () => {
    // Static imports are loaded without permission checks, so this would leak the server's files.
    const secret = join(h.dataDir, 'server-secret.json')
    await writeFile(secret, '{"token": "server-only-value"}')
    const app = await h.deploy({
      files: {
        'main.ts':
          `import secret from ${JSON.stringify(secret)} with { type: 'json' }\n` +
          'Deno.serve(() => Response.json(secret))\n'
      }
    })
    expect(app.buildOk).toBe(false)
    const errors = messages(app.buildLogs, 'error')
    expect(errors[0]).toBe(`main.ts imports "${secret}", which is outside the deployment's assets`)
    expect(JSON.stringify(app.buildLogs)).not.toContain('server-only-value')
  })

  it('runs build steps under Landlock: even a read Deno would allow fails outside the assets', () => {
    // The graph check above catches what the graph names; this holds for anything else Deno reads.
    const outside = join(h.dataDir, 'outside-secret.txt')
    const srcDir = join(h.dataDir, 'confined-src')
    mkdirSync(srcDir, { recursive: true })
    writeFileSync(outside, 'outside-secret-value')
    writeFileSync(join(srcDir, 'inside.txt'), 'inside-value')
    writeFileSync(
      join(srcDir, 'reader.ts'),
      'for (const path of Deno.args) {\n' +
        '  try { console.log(Deno.readTextFileSync(path)) } catch (e) { console.log(String(e)) }\n}\n'
    )
    const denoDir = join(h.dataDir, 'runtime', 'deno_dir')
    mkdirSync(denoDir, { recursive: true })
    const { command, args } = confinedDeno(
      denoBinary(),
      ['run', '--allow-read', 'reader.ts', join(srcDir, 'inside.txt'), outside],
      srcDir,
      { srcDir, writable: [denoDir] }
    )
    const run = spawnSync(command, args, {
      cwd: srcDir,
      env: { DENO_DIR: denoDir, NO_COLOR: '1' },
      encoding: 'utf8'
    })
    expect(run.stdout).toContain('inside-value')
    expect(run.stdout).toContain('PermissionDenied')
    expect(run.stdout + run.stderr).not.toContain('outside-secret-value')
  })

  it('fails when an import map maps a specifier outside the assets', async () => {
    const app = await h.deploy({
      files: {
        'deno.json': JSON.stringify({ imports: { secret: '../../../../etc/hostname' } }),
        'main.ts': "import 'secret'\nDeno.serve(() => new Response('x'))\n"
      }
    })
    expect(app.buildOk).toBe(false)
    expect(messages(app.buildLogs, 'error')[0]).toContain('imports "secret", which is outside')
  })

  it('refuses compilerOptions.types naming a file outside the assets', async () => {
    const app = await h.deploy({
      example: 'hello',
      files: {
        'deno.json': JSON.stringify({ compilerOptions: { types: ['../../../etc/passwd'] } })
      }
    })
    expect(app.buildOk).toBe(false)
    expect(messages(app.buildLogs, 'error')[0]).toContain(
      'compilerOptions.types entry "../../../etc/passwd" points outside'
    )
  })
})
