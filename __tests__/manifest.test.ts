import { describe, it, expect, beforeAll, afterAll } from '@jest/globals'
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { parseSettings } from '../src/core/inputs.js'
import { deploymentOptions, renderManifest, requestPreview } from '../src/core/manifest.js'
import { pack, type PackResult } from '../src/core/pack.js'
import type { DeploySettings } from '../src/core/settings.js'

const TOKEN = 'ddp_manifest-token-0123456789'
const SECRET = 'env-secret-value-42'
const PROJECT = '0f6c2b1e-5a4d-4c3b-8a29-1b2c3d4e5f60'
const DATABASE = 'aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee'

let root: string
let packed: PackResult
let settings: DeploySettings

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
      { token: TOKEN, project: PROJECT, entrypoint: 'main.ts', root, 'import-map': 'none' },
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
    expect(renderManifest(packed, settings)).toBe(
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
    const text = renderManifest(packed, settings)
    expect(text).not.toContain(TOKEN)
    expect(text).not.toContain(SECRET)
  })
})
