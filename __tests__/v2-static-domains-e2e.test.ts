/**
 * Issue 16 end to end on the local server's v2 API, through the committed action bundle and the
 * GitHub double: a static site (with spa) needs no entry point; a layer's variable reaches the
 * app; a PR's preview gets its `preview-domains` host (linked first in the comment, unbound and
 * deleted on close); production `domains` with `{deno.*}` placeholders come back as the host
 * names the platform resolved, in the outputs, summary and comment, never as a template; a
 * production run's summary and the CLI's `analytics` show the app's traffic of the last 24 hours.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { execFile } from 'node:child_process'
import { mkdir, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { pullRequestEvent, pushEvent } from '../testing/events.js'
import {
  expectOk,
  sha,
  SHOP,
  startLifecycleFixture,
  type LifecycleFixture
} from '../testing/lifecycle-fixture.js'
import type { LocalServer } from '../server/testing/harness.js'

const WRITE_TOKEN = 'ghs_write_token_for_issue16'
let fixture: LifecycleFixture
let server: LocalServer

async function v2<T>(method: string, urlPath: string, body?: unknown): Promise<[number, T]> {
  const res = await fetch(`${server.v2Url}${urlPath}`, {
    method,
    headers: { authorization: `Bearer ${server.token}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body)
  })
  const text = await res.text()
  return [res.status, (text ? JSON.parse(text) : null) as T]
}

beforeAll(async () => {
  fixture = await startLifecycleFixture(SHOP, WRITE_TOKEN)
  server = fixture.server
  await Promise.all(['site-v2', 'layered', 'pr-domains', 'prod-tpl'].map(a => server.createApp(a)))
}, 120_000)

afterAll(async () => {
  await fixture?.stop()
})

describe('static runtime', () => {
  it('serves static-dir without an entry point; spa answers unknown paths with index.html', async () => {
    const root = path.join(fixture.workspace, 'static-site')
    await mkdir(path.join(root, 'dist'), { recursive: true })
    await writeFile(path.join(root, 'dist', 'index.html'), '<h1>static home</h1>\n')
    await writeFile(path.join(root, 'dist', 'about.txt'), 'about page\n')
    const r = await fixture.step(pushEvent(SHOP, 'refs/heads/main', sha('1')), {
      project: 'site-v2',
      root,
      'api-url': server.v2Url,
      entrypoint: '',
      'static-dir': 'dist',
      spa: 'true'
    })
    expectOk(r)
    const host = new URL(r.outputs.url).hostname
    expect(await (await server.fetchHost(host, '/about.txt')).text()).toBe('about page\n')
    const deep = await server.fetchHost(host, '/some/client/route')
    expect(deep.status).toBe(200)
    expect(await deep.text()).toContain('static home')
  })
})

describe('layers', () => {
  it("the revision references the layer and the app sees the layer's variable", async () => {
    const [status] = await v2('POST', '/layers', {
      slug: 'shared-config',
      env_vars: [{ key: 'GREETING', value: 'hello from the layer' }]
    })
    expect(status).toBe(201)
    const root = await fixture.writeApp(
      'layered',
      'Deno.serve(() => new Response(Deno.env.get("GREETING") ?? "unset"))\n'
    )
    const r = await fixture.step(pushEvent(SHOP, 'refs/heads/main', sha('2')), {
      project: 'layered',
      root,
      'api-url': server.v2Url,
      layers: 'shared-config'
    })
    expectOk(r)
    const host = new URL(r.outputs.url).hostname
    expect(await (await server.fetchHost(host)).text()).toBe('hello from the layer')
  })
})

describe('preview-domains', () => {
  const pr = 61
  let previewId = ''

  it('binds pr-{pr} to the preview, probes it and links it first in the comment', async () => {
    const root = await fixture.app('pr-domains', 'preview with its own host')
    const r = await fixture.step(
      pullRequestEvent('opened', SHOP, { number: pr, headSha: sha('3'), headRef: 'Feature/X' }),
      {
        project: 'pr-domains',
        root,
        'api-url': server.v2Url,
        'preview-domains': 'pr-{pr}.preview.deploy.localhost\n{branch}.br.deploy.localhost'
      }
    )
    expectOk(r)
    previewId = r.outputs['deployment-id']
    expect(new URL(r.outputs.url).hostname).toBe(`pr-${pr}.preview.deploy.localhost`)
    expect(JSON.parse(r.outputs.domains)).toEqual(
      expect.arrayContaining(['feature-x.br.deploy.localhost'])
    )
    const served = await server.fetchHost(`pr-${pr}.preview.deploy.localhost`)
    expect(await served.text()).toBe('preview with its own host')
    const body = fixture.ourComments(pr)[0].body
    expect(body).toContain(`pr-${pr}.preview.deploy.localhost`)
  })

  it('closing the PR unbinds the host and deletes the preview', async () => {
    const root = await fixture.app('pr-domains', 'preview with its own host')
    const r = await fixture.step(
      pullRequestEvent('closed', SHOP, { number: pr, headSha: sha('3'), headRef: 'Feature/X' }),
      {
        project: 'pr-domains',
        root,
        'api-url': server.v2Url,
        'preview-domains': 'pr-{pr}.preview.deploy.localhost\n{branch}.br.deploy.localhost'
      }
    )
    expectOk(r)
    expect((await v2('GET', `/revisions/${previewId}`))[0]).toBe(404)
    expect((await server.fetchHost(`pr-${pr}.preview.deploy.localhost`)).status).toBe(404)
  })
})

describe('production domains with placeholders', () => {
  it('outputs, summary and comment name the resolved host names, never a template', async () => {
    const root = await fixture.app('prod-tpl', 'templated production')
    const r = await fixture.step(pushEvent(SHOP, 'refs/heads/main', sha('4')), {
      project: 'prod-tpl',
      root,
      'api-url': server.v2Url,
      domains:
        '{deno.app.slug}-live.apps.deploy.localhost\nrev-{deno.revision.id}.apps.deploy.localhost'
    })
    expectOk(r)
    const id = r.outputs['deployment-id']
    expect(new URL(r.outputs.url).hostname).toBe('prod-tpl-live.apps.deploy.localhost')
    const domains = JSON.parse(r.outputs.domains) as string[]
    expect(domains).toEqual(
      expect.arrayContaining([
        'prod-tpl-live.apps.deploy.localhost',
        `rev-${id}.apps.deploy.localhost`
      ])
    )
    for (const text of [r.outputs.domains, r.outputs.result, r.summary, r.stdout])
      expect(text).not.toContain('{deno.')
    expect(r.stdout).toContain(`Attached rev-${id}.apps.deploy.localhost`)
    const served = await server.fetchHost('prod-tpl-live.apps.deploy.localhost')
    expect(await served.text()).toBe('templated production')
    expect(r.summary).toContain('Traffic, last 24 hours')
    expect(r.summary).toMatch(/\| Requests \|\n\| --- \|\n\| [1-9]\d* \|/)
  })
})

function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise(resolve => {
    execFile(
      process.execPath,
      ['dist/cli/index.js', ...args],
      { env: { ...process.env, DENO_DEPLOY_TOKEN: server.token } },
      (error, stdout, stderr) =>
        resolve({ code: error ? Number(error.code) || 1 : 0, stdout, stderr })
    )
  })
}

describe('analytics command', () => {
  it('says plainly when an app has no traffic yet, then counts its requests', async () => {
    await server.createApp('quiet-app')
    const target = ['--project', 'quiet-app', '--api-url', server.v2Url]
    const quiet = await cli(['analytics', ...target])
    expect(quiet).toMatchObject({ code: 0 })
    expect(quiet.stdout).toContain('No traffic in the last 24 hours yet.')
    const json = await cli(['analytics', ...target, '--json'])
    expect(JSON.parse(json.stdout)).toMatchObject({ requests: 0, errors: null })
    const busy = JSON.parse(
      (await cli(['analytics', '--project', 'layered', '--api-url', server.v2Url, '--json'])).stdout
    )
    expect(busy.requests).toBeGreaterThan(0)
    const text = await cli(['analytics', '--project', 'layered', '--api-url', server.v2Url])
    expect(text.stdout).toMatch(/Requests\s+\d+/)
  })
})
