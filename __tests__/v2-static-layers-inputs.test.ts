/**
 * Issue 16's v2 inputs as the deploy request carries them: `static-dir`/`spa` become a static
 * runtime, `layers` the revision's layers, `preview-domains` the preview timeline's host names
 * with `{pr}` and `{branch}` expanded (`{deno.*}` left to the platform); on v1 each is refused
 * before anything is sent, saying what to do instead.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { InputError } from '../src/core/settings/input-error.js'
import { parseSettings, type RawInputs, type RunContext } from '../src/core/settings/inputs.js'
import {
  branchLabel,
  previewDomainsLeftOut,
  v2DeployFields,
  v2Options
} from '../src/core/platform/v2/request-fields.js'
import type { DeployOrigin } from '../src/core/platform/platform.js'

const ORG_TOKEN = 'ddo_organization-token-0123456789'
const V1_PROJECT = '0f6c2b1e-5a4d-4c3b-8a29-1b2c3d4e5f60'
let ctx: RunContext
let workspace: string

beforeAll(() => {
  workspace = mkdtempSync(path.join(tmpdir(), 'v2-static-inputs-'))
  mkdirSync(path.join(workspace, 'site', 'dist'), { recursive: true })
  writeFileSync(path.join(workspace, 'site', 'dist', 'index.html'), '<h1>hi</h1>\n')
  writeFileSync(path.join(workspace, 'site', 'main.ts'), 'export {}\n')
  ctx = { workspace, sha: 'abcdef1234567890', ref: 'refs/heads/main' }
})
afterAll(() => rmSync(workspace, { recursive: true, force: true }))

const raw = (overrides: RawInputs = {}): RawInputs => ({
  token: ORG_TOKEN,
  project: 'my-site',
  root: 'site',
  ...overrides
})

function problems(inputs: RawInputs): { input: string; message: string }[] {
  try {
    parseSettings(inputs, ctx)
  } catch (error) {
    expect(error).toBeInstanceOf(InputError)
    return (error as InputError).problems
  }
  throw new Error('expected an InputError')
}

const origin = (o: Partial<DeployOrigin> = {}): DeployOrigin => ({
  commit: 'abc',
  ref: 'feature/Add_Login',
  pullRequest: 12,
  ...o
})

describe('static-dir and spa', () => {
  it('deploy a static runtime without an entry point', () => {
    const settings = parseSettings(raw({ 'static-dir': 'dist/', spa: 'true' }), ctx)
    const fields = v2DeployFields(settings, origin(), 'production', 'm')
    expect(fields.config).toEqual({ runtime: { type: 'static', cwd: 'dist', spa: true } })
    const plain = parseSettings(raw({ 'static-dir': 'dist' }), ctx)
    expect(v2DeployFields(plain, origin(), 'preview', 'm').config.runtime).toEqual({
      type: 'static',
      cwd: 'dist',
      spa: false
    })
  })

  it('refuse a directory outside root, a missing one, and an entry point beside it', () => {
    expect(problems(raw({ 'static-dir': '../elsewhere' }))[0].message).toMatch(/not under root/)
    expect(problems(raw({ 'static-dir': 'build' }))[0].message).toMatch(/not a directory/)
    const both = problems(raw({ 'static-dir': 'dist', entrypoint: 'main.ts' }))
    expect(both[0]).toMatchObject({ input: 'static-dir' })
    expect(both[0].message).toMatch(/remove one/)
  })

  it('refuse spa without a static directory (it would do nothing)', () => {
    const found = problems(raw({ entrypoint: 'main.ts', spa: 'true' }))
    expect(found).toEqual([
      expect.objectContaining({ input: 'spa', message: expect.stringMatching(/static site only/) })
    ])
  })

  it('are refused on v1 before anything is sent, naming a file server or v2', () => {
    const found = problems(
      raw({
        'api-url': 'http://127.0.0.1:8420/v1',
        project: V1_PROJECT,
        entrypoint: 'main.ts',
        'static-dir': 'dist',
        layers: 'shared',
        'preview-domains': 'pr-{pr}.example.com'
      })
    )
    const byInput = Object.fromEntries(found.map(p => [p.input, p.message]))
    expect(byInput['static-dir']).toMatch(/v2-only input: .*jsr:@std\/http\/file-server.*target v2/)
    expect(byInput.layers).toMatch(/v2-only input/)
    expect(byInput['preview-domains']).toMatch(/v2-only input: v1 has no preview timeline/)
  })
})

describe('layers', () => {
  it('are sent as given, in order; none sends no field', () => {
    const settings = parseSettings(
      raw({ entrypoint: 'main.ts', layers: 'shared, ab-12\nlast' }),
      ctx
    )
    expect(v2DeployFields(settings, origin(), 'production', 'm').layers).toEqual([
      'shared',
      'ab-12',
      'last'
    ])
    const none = parseSettings(raw({ entrypoint: 'main.ts' }), ctx)
    expect(v2DeployFields(none, origin(), 'production', 'm')).not.toHaveProperty('layers')
    expect(problems(raw({ entrypoint: 'main.ts', layers: 'no spaces' }))[0].input).toBe('layers')
  })
})

describe('preview-domains', () => {
  const domains =
    'pr-{pr}.preview.example.com\n{branch}.br.example.com\n{deno.revision.id}.rev.example.com'

  it('expand {pr} and {branch} for a preview and pass {deno.*} through', () => {
    const settings = parseSettings(raw({ entrypoint: 'main.ts', 'preview-domains': domains }), ctx)
    const fields = v2DeployFields(settings, origin(), 'preview', 'm')
    expect(fields.preview).toEqual({
      domains: [
        'pr-12.preview.example.com',
        'feature-add-login.br.example.com',
        '{deno.revision.id}.rev.example.com'
      ]
    })
    expect(v2DeployFields(settings, origin(), 'production', 'm').preview).toBe(false)
  })

  it('name what they leave out: {pr} with no pull request, {branch} with no branch', () => {
    const settings = parseSettings(raw({ entrypoint: 'main.ts', 'preview-domains': domains }), ctx)
    const api = v2Options(settings)
    expect(previewDomainsLeftOut(api, origin())).toEqual([])
    expect(previewDomainsLeftOut(api, origin({ pullRequest: null }))).toEqual([
      'pr-{pr}.preview.example.com'
    ])
    expect(previewDomainsLeftOut(api, origin({ pullRequest: null, ref: null }))).toEqual([
      'pr-{pr}.preview.example.com',
      '{branch}.br.example.com'
    ])
  })

  it('leave {pr} names out of a branch preview, and cut {branch} to a 63-character label', () => {
    const settings = parseSettings(raw({ entrypoint: 'main.ts', 'preview-domains': domains }), ctx)
    const long = `refs/heads/${'Very_Long/branch-'.repeat(8)}`
    const fields = v2DeployFields(
      settings,
      origin({ pullRequest: null, ref: long }),
      'preview',
      'm'
    )
    const [branch, rev] = (fields.preview as { domains: string[] }).domains
    const label = branch.split('.')[0]
    expect(label.length).toBeLessThanOrEqual(63)
    expect(label).toMatch(/^very-long-branch-[a-z0-9-]*[a-z0-9]$/)
    expect(rev).toBe('{deno.revision.id}.rev.example.com')
    expect(branchLabel('refs/heads/Fix/ÜML--thing')).toBe('fix-ml-thing')
  })

  it('refuse a template outside the first label', () => {
    const found = problems(raw({ entrypoint: 'main.ts', 'preview-domains': 'a.{pr}.example.com' }))
    expect(found[0]).toMatchObject({ input: 'preview-domains' })
  })
})
