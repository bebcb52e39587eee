import { describe, it, expect, beforeAll, afterAll } from '@jest/globals'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { reportDryRun } from '../src/core/deploy/dry-run-report.js'
import { parseSettings } from '../src/core/settings/inputs.js'
import { renderManifest } from '../src/core/deploy/manifest.js'
import { deploymentOptions, requestPreview } from '../src/core/platform/v1/request-fields.js'
import { pack, type PackResult } from '../src/core/pack/pack.js'
import type { DeploySettings } from '../src/core/settings/settings.js'
import { recordingReporter } from '../testing/recording-reporter.js'

const TOKEN = 'ddp_manifest-token-0123456789'
const SECRET = 'env-secret-value-42'
const PROJECT = '0f6c2b1e-5a4d-4c3b-8a29-1b2c3d4e5f60'
const DATABASE = 'aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee'

let root: string
let packed: PackResult
let settings: DeploySettings
let TITLE: string

beforeAll(async () => {
  root = mkdtempSync(path.join(tmpdir(), 'manifest-'))
  mkdirSync(path.join(root, 'static'))
  writeFileSync(path.join(root, 'main.ts'), 'Deno.serve(() => new Response("hi"))\n')
  writeFileSync(path.join(root, 'static', 'logo.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0xff]))
  symlinkSync('static/logo.png', path.join(root, 'favicon.png'))
  packed = await pack({ root, include: [], exclude: [] })
  settings = parseSettings(
    {
      token: TOKEN,
      'api-version': 'v1',
      project: PROJECT,
      entrypoint: 'main.ts',
      root,
      'env-vars': `API_KEY=${SECRET}\nMULTI="a\n${SECRET}"`,
      'database-id': DATABASE,
      'allow-net': 'example.com',
      'request-timeout': '10s',
      'compiler-options': '{"jsx":"react-jsx"}',
      description: 'preview'
    },
    { workspace: root }
  )
  TITLE = `Project ${PROJECT}, entry point main.ts, root ${root}`
})
afterAll(() => rmSync(root, { recursive: true, force: true }))

describe('requestPreview', () => {
  it('is the create-deployment body with contents elided and env values masked', () => {
    expect(requestPreview(packed, settings)).toEqual({
      entryPointUrl: 'main.ts',
      importMapUrl: null,
      lockFileUrl: null,
      compilerOptions: { jsx: 'react-jsx' },
      databases: { default: DATABASE },
      requestTimeout: 10000,
      permissions: { net: ['example.com'] },
      description: 'preview',
      assets: {
        'favicon.png': { kind: 'symlink', target: 'static/logo.png' },
        'main.ts': { kind: 'file', content: '<37 bytes utf-8>', encoding: 'utf-8' },
        'static/logo.png': { kind: 'file', content: '<5 bytes base64>', encoding: 'base64' }
      },
      envVars: { API_KEY: '***', MULTI: '***' }
    })
  })

  it('never contains the token or an env var value', () => {
    const text = JSON.stringify(requestPreview(packed, settings))
    expect(text).not.toContain(TOKEN)
    expect(text).not.toContain(SECRET)
  })

  it('omits unset options so the platform applies its defaults', () => {
    const minimal = parseSettings(
      {
        token: TOKEN,
        'api-version': 'v1',
        project: PROJECT,
        entrypoint: 'main.ts',
        root,
        'import-map': 'none'
      },
      { workspace: root }
    )
    expect(deploymentOptions(minimal)).toEqual({
      entryPointUrl: 'main.ts',
      importMapUrl: '',
      lockFileUrl: null,
      description: ''
    })
  })
})

describe('renderManifest', () => {
  it('lists every entry with size and encoding, then totals and the digest', () => {
    expect(renderManifest(packed, TITLE)).toBe(
      [
        `Project ${PROJECT}, entry point main.ts, root ${root}`,
        '',
        'SIZE  ENCODING  PATH',
        '   -  symlink   favicon.png -> static/logo.png',
        '  37  utf-8     main.ts',
        '   5  base64    static/logo.png',
        '',
        '2 files, 1 symlink, 42 bytes (42 B)',
        `digest ${packed.digest}`
      ].join('\n')
    )
  })

  it('never contains secrets', () => {
    const text = renderManifest(packed, TITLE)
    expect(text).not.toContain(TOKEN)
    expect(text).not.toContain(SECRET)
  })
})

describe('reportDryRun', () => {
  it('logs a short plan, writes the full manifest to a file and returns summary Markdown', () => {
    const reporter = recordingReporter()
    const request = {
      method: 'POST',
      url: `https://api.example/v1/projects/${PROJECT}/deployments`,
      body: requestPreview(packed, settings)
    }
    const report = reportDryRun(reporter, packed, settings, request, { dir: root })
    const log = reporter.lines.join('\n')
    expect(log).toContain('Dry run: nothing was uploaded.')
    expect(log).toContain('2 files and 1 symlink')
    expect(log).toMatch(/Largest files:\n\s+37 B {2}main\.ts\n\s+5 B {2}static\/logo\.png/)
    expect(log).toContain(
      `Full manifest (3 entries, digest ${packed.digest}): ${report.manifestPath}`
    )
    expect(readFileSync(report.manifestPath!, 'utf-8')).toBe(`${renderManifest(packed, TITLE)}\n`)
    expect(report.summaryMarkdown).toContain('| 37 B | main\\.ts |')
    for (const text of [log, report.summaryMarkdown]) {
      expect(text).not.toContain(TOKEN)
      expect(text).not.toContain(SECRET)
    }
  })

  it('cuts a long asset list short and escapes hostile file names in the Markdown', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'dry-run-'))
    try {
      for (let i = 0; i < 30; i++) writeFileSync(path.join(dir, `f${i}.ts`), 'x')
      writeFileSync(path.join(dir, '<img src=x onerror=alert(1)>.ts'), 'yy')
      const many = await pack({ root: dir, include: [], exclude: [] })
      const reporter = recordingReporter()
      const body = requestPreview(many, settings)
      const report = reportDryRun(
        reporter,
        many,
        settings,
        { method: 'POST', url: 'u', body },
        { dir }
      )
      const log = reporter.lines.join('\n')
      expect(log).toContain('"…": "26 more (see the manifest file)"')
      // Bounded whatever the file count: 10 largest files and 5 request assets.
      expect(log.split('\n').length).toBeLessThan(80)
      expect(report.summaryMarkdown).not.toContain('<img')
      expect(report.summaryMarkdown).toContain('&lt;img')
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
