import { describe, it, expect, beforeAll, afterAll } from '@jest/globals'
import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { RuntimeHarness, type LogLine } from './runtime-harness.js'

const messages = (logs: LogLine[], level?: string) =>
  logs.filter(l => !level || l.level === level).map(l => l.message)

const JSX_OPTIONS = { jsx: 'react-jsx', jsxImportSource: '@local/jsx' }

describe('build', () => {
  let h: RuntimeHarness
  beforeAll(async () => {
    h = await RuntimeHarness.start()
  })
  afterAll(() => h.stop())

  it("type-checks a valid app and streams Deno's own lines", async () => {
    const app = await h.deploy({ example: 'hello' })
    expect(app.buildOk).toBe(true)
    expect(messages(app.buildLogs)).toEqual(['Check main.ts', 'Build succeeded'])
    expect(app.buildLogs.every(l => l.level === 'info')).toBe(true)
  })

  it('fails on resolution and type errors, logging them at level error as file:///src paths', async () => {
    const app = await h.deploy({ example: 'build-fails' })
    expect(app.buildOk).toBe(false)
    const errors = messages(app.buildLogs, 'error').join('\n')
    expect(errors).toContain("TS2307 [ERROR]: Cannot find module 'file:///src/does-not-exist.ts'")
    expect(errors).toContain("TS2322 [ERROR]: Type 'string' is not assignable to type 'number'")
    expect(errors).toContain('at file:///src/main.ts:3:7')
    expect(messages(app.buildLogs).at(-1)).toBe('Build failed')
    expect(JSON.stringify(app.buildLogs)).not.toContain(h.dataDir)
    expect(app.buildLogs.some(l => l.message.includes(String.fromCharCode(27)))).toBe(false)
  })

  it('accepts the entry point as a file:///src/ URL', async () => {
    const app = await h.deploy({ example: 'hello', entryPointUrl: 'file:///src/main.ts' })
    expect(app.buildOk).toBe(true)
    expect((await h.request(app.id)).text).toBe('Hello from Subhosting Deploy!\n')
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
    expect(messages(app.buildLogs, 'error').join('\n')).toContain('file:///src/nope.ts')
  })

  it('uses the import map named by importMapUrl', async () => {
    const app = await h.deploy({ example: 'import-map', importMapUrl: 'import_map.json' })
    expect(messages(app.buildLogs)).toContain('Using import map file:///src/import_map.json')
    expect(app.buildOk).toBe(true)
    expect((await h.request(app.id)).text).toBe('Hello, Subhosting, via the import map!\n')
  })

  it('auto-discovers the import map from deno.jsonc (comments allowed) when importMapUrl is null', async () => {
    const app = await h.deploy({
      example: 'import-map',
      files: {
        'deno.jsonc': '{\n  // comment\n  "importMap": "./import_map.json", /* trailing */\n}\n'
      }
    })
    expect(app.buildOk).toBe(true)
    expect((await h.request(app.id)).text).toBe('Hello, Subhosting, via the import map!\n')
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
    expect(reply.text).toContain('<h1>Rendered with JSX</h1>')
    expect(reply.headers['content-type']).toBe('text/html; charset=utf-8')
  })

  it('builds with default compiler options when compilerOptions is {}', async () => {
    // Without the automatic runtime the classic transform needs a React global, so the check fails.
    const app = await h.deploy({ example: 'jsx', entryPointUrl: 'main.tsx', compilerOptions: {} })
    expect(app.buildOk).toBe(false)
    expect(messages(app.buildLogs, 'error').join('\n')).toMatch(/React/)
  })

  it('honours a lock file and reports a missing one by name', async () => {
    const locked = await h.deploy({
      example: 'hello',
      files: { 'locks/app.lock': '{ "version": "5" }\n' },
      lockFileUrl: 'locks/app.lock'
    })
    expect(messages(locked.buildLogs)).toContain('Using lock file file:///src/locks/app.lock')
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
    expect(errors[0]).toBe(
      `file:///src/main.ts imports "${secret}", which is outside the deployment's assets`
    )
    expect(JSON.stringify(app.buildLogs)).not.toContain('server-only-value')
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
