/**
 * Choosing the API and the inputs that depend on it: the version follows api-url unless
 * api-version says otherwise, and an input of the other version is refused before anything is
 * sent, naming what this version offers instead.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { InputError } from '../src/core/settings/input-error.js'
import { parseSettings, type RawInputs, type RunContext } from '../src/core/settings/inputs.js'
import { PROFILES } from '../src/core/platform/factory.js'

const ORG_TOKEN = 'ddo_organization-token-0123456789'
let ctx: RunContext
let workspace: string

beforeAll(() => {
  workspace = mkdtempSync(path.join(tmpdir(), 'platform-inputs-'))
  mkdirSync(path.join(workspace, 'app'))
  writeFileSync(path.join(workspace, 'app', 'main.ts'), 'export {}\n')
  ctx = { workspace, sha: 'abcdef1234567890', ref: 'refs/heads/main' }
})
afterAll(() => rmSync(workspace, { recursive: true, force: true }))

const v2 = (overrides: RawInputs = {}): RawInputs => ({
  token: ORG_TOKEN,
  project: 'my-app',
  entrypoint: 'main.ts',
  root: 'app',
  ...overrides
})

function problems(raw: RawInputs): { input: string; message: string }[] {
  try {
    parseSettings(raw, ctx)
  } catch (error) {
    expect(error).toBeInstanceOf(InputError)
    return (error as InputError).problems
  }
  throw new Error('expected an InputError')
}

describe('the API version', () => {
  it.each([
    ['https://api.deno.com/v2', 'v2'],
    ['https://console.deno.com/api/v2', 'v2'],
    ['http://127.0.0.1:8420/v1', 'v1'],
    ['http://localhost:8420/v2/', 'v2']
  ])('%s speaks %s', (url, version) => {
    const project = version === 'v1' ? '0f6c2b1e-5a4d-4c3b-8a29-1b2c3d4e5f60' : 'my-app'
    const raw = v2({ 'api-url': url, project })
    expect(parseSettings(raw, ctx).api.version).toBe(version)
  })

  it('defaults to Deno Deploy v2', () => {
    const settings = parseSettings(v2(), ctx)
    expect(settings).toMatchObject({ apiUrl: 'https://api.deno.com/v2', api: { version: 'v2' } })
  })

  it('api-version overrides the URL, and is required when the path does not say', () => {
    const raw = v2({ 'api-url': 'https://deploy.example.com/api', 'api-version': 'v2' })
    expect(parseSettings(raw, ctx).api.version).toBe('v2')
    expect(problems(v2({ 'api-url': 'https://deploy.example.com/api' }))).toEqual([
      expect.objectContaining({
        input: 'api-version',
        message: expect.stringContaining('v1 or v2')
      })
    ])
    expect(problems(v2({ 'api-version': 'v3' }))[0].input).toBe('api-version')
  })
})

describe('inputs of the other version', () => {
  it('refuses every v1-only input against v2, naming what v2 offers', () => {
    const raw = v2({
      'import-map': 'import_map.json',
      'lock-file': 'deno.lock',
      'compiler-options': '{"jsx":"react-jsx"}',
      'request-timeout': '30s',
      'allow-net': 'example.com',
      'database-id': '5b484959-cba2-482d-95ab-ba592784af80'
    })
    const found = problems(raw).filter(p => p.message.includes('v1-only'))
    expect(found.map(p => p.input).sort()).toEqual(Object.keys(PROFILES.v1.ownInputs).sort())
    const importMap = found.find(p => p.input === 'import-map')!
    expect(importMap.message).toContain('deno.json')
  })

  it('refuses every v2-only input against v1', () => {
    const raw: RawInputs = {
      token: ORG_TOKEN,
      project: '0f6c2b1e-5a4d-4c3b-8a29-1b2c3d4e5f60',
      entrypoint: 'main.ts',
      root: 'app',
      'api-url': 'http://127.0.0.1:8420/v1',
      organization: 'acme',
      'install-command': 'deno install',
      'build-command': 'deno task build',
      framework: 'fresh',
      'static-dir': 'dist',
      spa: 'true',
      layers: 'shared',
      'preview-domains': 'pr-{pr}.example.com'
    }
    const found = problems(raw).filter(p => p.message.includes('v2-only'))
    expect(found.map(p => p.input).sort()).toEqual(Object.keys(PROFILES.v2.ownInputs).sort())
  })
})

describe('v2 inputs', () => {
  it('takes an app slug or UUID, never a name with spaces', () => {
    expect(parseSettings(v2({ project: 'shop-web' }), ctx).projectId).toBe('shop-web')
    expect(problems(v2({ project: 'My Shop' }))[0]).toMatchObject({
      input: 'project',
      message: expect.stringContaining('slug')
    })
  })

  it('a personal token needs an organization', () => {
    expect(problems(v2({ token: 'ddp_personal-token-0123456789' }))[0]).toMatchObject({
      input: 'token',
      message: expect.stringContaining('organization')
    })
    const settings = parseSettings(
      v2({ token: 'ddp_personal-token-0123456789', organization: 'acme' }),
      ctx
    )
    expect(settings.api).toMatchObject({ organization: 'acme' })
  })

  it('a framework preset needs no entry point; an unknown preset is refused', () => {
    const settings = parseSettings(v2({ entrypoint: '', framework: 'Fresh' }), ctx)
    expect(settings).toMatchObject({ api: { framework: 'fresh' }, entrypoint: '' })
    expect(problems(v2({ framework: 'rails' }))[0].input).toBe('framework')
  })

  it('install and build commands are one line each', () => {
    const settings = parseSettings(
      v2({ 'install-command': 'deno install', 'build-command': 'deno task build' }),
      ctx
    )
    expect(settings.api).toMatchObject({
      installCommand: 'deno install',
      buildCommand: 'deno task build'
    })
    expect(problems(v2({ 'build-command': 'a\nb' }))[0].input).toBe('build-command')
  })
})
