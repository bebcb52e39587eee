/**
 * The deployment state machine (create → follow build → probe) against the real local server
 * with real Deno builds.
 */
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals'
import { randomBytes } from 'node:crypto'
import { mkdtemp, rm, symlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { SubhostingClient } from '../src/core/platform/v1/client.js'
import {
  CancelledError,
  DeployFailedError,
  DeployTimeoutError
} from '../src/core/deploy/outcome-errors.js'
import { annotationFor } from '../src/core/deploy/wait.js'
import {
  createDeployment,
  waitUntilLive,
  withRunMarker,
  type DeploymentContext
} from '../src/core/platform/v1/deployment.js'
import { pack } from '../src/core/pack/pack.js'
import { planUpload } from '../src/core/http/upload-body.js'
import { deploymentUrl, isLoopbackHost } from '../src/core/deploy/url-probe.js'
import type { Reporter } from '../src/core/deploy/reporter.js'
import { recordingReporter } from '../testing/recording-reporter.js'
import { startLocalServer, type LocalServer } from '../server/testing/harness.js'

// Real Deno builds on a shared 2-core machine can be slow; the deploy timeouts stay below this.
jest.setTimeout(300_000)

const REPO = path.resolve('.')
let server: LocalServer
let projectId: string

beforeAll(async () => {
  server = await startLocalServer()
  projectId = (await server.createProject()).id
})

afterAll(async () => {
  await server?.stop()
})

function context(
  reporter: Reporter,
  overrides: Partial<Omit<DeploymentContext, 'client' | 'reporter'>> = {}
): DeploymentContext {
  const timeoutMs = overrides.timeoutMs ?? 240_000
  const deadline = overrides.deadline ?? Date.now() + timeoutMs
  return {
    client: new SubhostingClient({
      apiUrl: server.apiUrl,
      token: server.token,
      deadline,
      signal: overrides.signal,
      log: line => reporter.info(line)
    }),
    reporter,
    apiUrl: server.apiUrl,
    deadline,
    timeoutMs,
    rootInRepo: 'examples/build-fails',
    assetPaths: new Set(['main.ts']),
    ...overrides
  }
}

async function createExample(ctx: DeploymentContext, example: string) {
  const packed = await pack({
    root: path.join(REPO, 'examples', example),
    include: [],
    exclude: []
  })
  const fields = {
    entryPointUrl: 'main.ts',
    envVars: {},
    description: withRunMarker(`test ${example}`)
  }
  return createDeployment(ctx, projectId, fields, packed.entries)
}

describe('create → build → probe', () => {
  it('deploys hello: hashes first, the missing contents inline, then live at its URL', async () => {
    const reporter = recordingReporter()
    const ctx = context(reporter)
    const created = await createExample(ctx, 'hello')
    expect(created.filesUploaded).toBe(1)
    expect(created.deployment.status).toBe('pending')
    expect(reporter.lines).toContain('The server lacks 1 file content(s); sending those inline.')

    const live = await waitUntilLive(ctx, created.deployment)
    expect(live.deployment.status).toBe('success')
    const domain = live.deployment.domains![0]
    expect(live.url).toBe(`http://${domain}:${server.port}/`)
    expect(reporter.lines).toContain(`group: Build logs (deployment ${created.deployment.id})`)
    const res = await server.fetchHost(domain, '/')
    expect(res.text()).toBe('Hello from Subhosting Deploy!\n')

    // The same tree again: every content is known, only the (small) request itself is sent.
    const again = await createExample(context(recordingReporter()), 'hello')
    expect(again.filesUploaded).toBe(0)
    expect(again.bytesUploaded).toBeGreaterThan(0)
    expect(again.bytesUploaded).toBeLessThan(created.bytesUploaded)
  })

  it('creates a 2,001-file tree in two requests: the hashes, then every missing content at once', async () => {
    const root = await mkdtemp(path.join(tmpdir(), 'many-files-'))
    try {
      await writeFile(path.join(root, 'main.ts'), 'Deno.serve(() => new Response("many"))\n')
      for (let i = 0; i < 2000; i++)
        await writeFile(path.join(root, `f${i}.txt`), `${randomBytes(8).toString('hex')} ${i}\n`)
      const packed = await pack({ root, include: [], exclude: [] })
      const reporter = recordingReporter()
      const fields = { entryPointUrl: 'main.ts', envVars: {}, description: withRunMarker('many') }
      const created = await createDeployment(context(reporter), projectId, fields, packed.entries)
      expect(created.filesUploaded).toBe(2001)
      const rounds = reporter.lines.filter(l => l.startsWith('The server lacks'))
      expect(rounds).toEqual(['The server lacks 2001 file content(s); sending those inline.'])
    } finally {
      await rm(root, { recursive: true, force: true })
    }
  })

  it('a failed build throws DeployFailedError with its error lines and a repo annotation', async () => {
    const reporter = recordingReporter()
    const ctx = context(reporter)
    const created = await createExample(ctx, 'build-fails')
    const error = await waitUntilLive(ctx, created.deployment).then(
      () => {
        throw new Error('expected the build to fail')
      },
      (e: unknown) => e as DeployFailedError
    )
    expect(error).toBeInstanceOf(DeployFailedError)
    expect(error.deploymentId).toBe(created.deployment.id)
    expect(error.logLines.length).toBeGreaterThan(0)
    expect(error.message).toContain(`Deployment ${created.deployment.id} failed to build:`)
    expect(error.message).toMatch(/does-not-exist|not a number|TS\d+/)
    expect(error.annotation?.file).toBe('examples/build-fails/main.ts')
    expect(error.annotation?.startLine).toBeGreaterThan(0)
    // The lines were echoed into the log group as they came.
    for (const line of error.logLines) expect(reporter.lines.join('\n')).toContain(line)
  })

  it('falls back to polling when the build log stream breaks', async () => {
    await server.injectFaults([
      { method: 'GET', path: '/v1/deployments/*/build_logs', times: 10, fault: 'reset' }
    ])
    try {
      const reporter = recordingReporter()
      const ctx = context(reporter)
      const created = await createExample(ctx, 'hello')
      const live = await waitUntilLive(ctx, created.deployment)
      expect(live.deployment.status).toBe('success')
      expect(reporter.lines.some(l => l.includes('polling the deployment status instead'))).toBe(
        true
      )
    } finally {
      await server.clearFaults()
    }
  })

  it('a failed build after a broken stream still shows the log lines (fetched afterwards)', async () => {
    await server.injectFaults([
      { method: 'GET', path: '/v1/deployments/*/build_logs', times: 3, fault: 'reset' }
    ])
    try {
      const ctx = context(recordingReporter())
      const created = await createExample(ctx, 'build-fails')
      const error = (await waitUntilLive(ctx, created.deployment).catch(
        e => e
      )) as DeployFailedError
      expect(error).toBeInstanceOf(DeployFailedError)
      expect(error.logLines.length).toBeGreaterThan(0)
    } finally {
      await server.clearFaults()
    }
  })

  it('times out naming the deployment and its last state', async () => {
    const reporter = recordingReporter()
    const created = await createExample(context(reporter), 'hello')
    await server.injectFaults([
      { method: 'GET', path: '/v1/deployments/**', times: 100, fault: 'delay', delayMs: 10_000 }
    ])
    try {
      const ctx = context(reporter, { timeoutMs: 1500 })
      const error = (await waitUntilLive(ctx, created.deployment).catch(
        e => e
      )) as DeployTimeoutError
      expect(error).toBeInstanceOf(DeployTimeoutError)
      expect(error.deploymentId).toBe(created.deployment.id)
      expect(error.message).toMatch(
        new RegExp(
          `^Timed out after 1.5 s waiting for deployment ${created.deployment.id}; last state: pending`
        )
      )
      expect(error.message).toContain('`timeout` input')
    } finally {
      await server.clearFaults()
    }
  })

  it('cancels on abort, naming the deployment and its last state', async () => {
    const controller = new AbortController()
    const reporter = recordingReporter(line => {
      if (line.startsWith('group: Build logs')) controller.abort()
    })
    const created = await createExample(context(recordingReporter()), 'hello')
    await server.injectFaults([
      { method: 'GET', path: '/v1/deployments/**', times: 100, fault: 'delay', delayMs: 10_000 }
    ])
    try {
      const ctx = context(reporter, { signal: controller.signal })
      const error = (await waitUntilLive(ctx, created.deployment).catch(e => e)) as CancelledError
      expect(error).toBeInstanceOf(CancelledError)
      expect(error.deploymentId).toBe(created.deployment.id)
      expect(error.message).toContain(
        `Cancelled while waiting for deployment ${created.deployment.id}`
      )
      expect(error.lastState).toMatch(/^pending/)
    } finally {
      await server.clearFaults()
    }
  })
})

describe('cancel during the create request', () => {
  it('names the deployment the server made before the answer came back', async () => {
    // Once the project holds hello's content, the hashes-only POST creates the deployment; it is
    // handled at once but answered 2 s late, and the run is cancelled while the answer is due.
    await createExample(context(recordingReporter()), 'hello')
    const controller = new AbortController()
    await server.injectFaults([
      {
        method: 'POST',
        path: '/v1/projects/*/deployments',
        times: 1,
        fault: 'delay',
        delayMs: 2_000,
        when: 'after'
      }
    ])
    const reporter = recordingReporter(line => {
      if (line.startsWith('Sending')) setTimeout(() => controller.abort(), 500)
    })
    try {
      const ctx = context(reporter, { signal: controller.signal })
      const error = (await createExample(ctx, 'hello').catch(e => e)) as CancelledError
      expect(error).toBeInstanceOf(CancelledError)
      const made = (
        await context(recordingReporter()).client.listDeployments(projectId, { limit: 100 })
      ).filter(d => d.description?.startsWith('test hello [deploy'))
      const newest = made.sort((a, b) => b.createdAt.localeCompare(a.createdAt))[0]
      expect(error.deploymentId).toBe(newest.id)
      expect(error.message).toContain(`Cancelled while waiting for deployment ${newest.id}`)
      expect(error.lastState).toMatch(/created just before the cancel/)
    } finally {
      await server.clearFaults()
    }
  })
})

describe('annotationFor', () => {
  const assets = new Set(['main.ts', 'lib/a b.ts', 'src/app.ts'])

  it('maps file:///src/<path>:L:C to the repository path under root', () => {
    expect(
      annotationFor(
        ['error: Uncaught SyntaxError', '    at file:///src/lib/a%20b.ts:3:7'],
        'apps/web',
        assets
      )
    ).toEqual({
      title: 'Deployment build failed',
      file: 'apps/web/lib/a b.ts',
      startLine: 3,
      startColumn: 7
    })
    expect(annotationFor(['TS2322 at file:///src/main.ts:2:7.'], '', assets)).toMatchObject({
      file: 'main.ts',
      startLine: 2
    })
  })

  it('finds the asset after a longer file:///…/src/ prefix and inside stack frames', () => {
    expect(
      annotationFor(['    at handler (file:///var/deploy/src/src/app.ts:10:2)'], '', assets)
    ).toMatchObject({ file: 'src/app.ts', startLine: 10, startColumn: 2 })
  })

  it('ignores remote modules, files that were not packed, and roots outside the repository', () => {
    const title = { title: 'Deployment build failed' }
    expect(annotationFor(['at https://deno.land/x/lib/src/main.ts:1:1'], '', assets)).toEqual(title)
    expect(annotationFor(['at file:///src/other.ts:1:1'], '', assets)).toEqual(title)
    expect(annotationFor(['at file:///src/main.ts:1:1'], null, assets)).toEqual(title)
    expect(annotationFor(['error: boom'], '', assets)).toEqual(title)
  })
})

describe('planUpload (the streamed create body)', () => {
  let dir: string
  const text = 'añ✓😀\n'.repeat(200_000) // > 2 MB: many chunks, characters cut at chunk edges
  const binary = randomBytes(3 * 256 * 1024 * 2 + 1) // chunks plus a 1-byte tail

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'upload-body-'))
    await writeFile(path.join(dir, 'text.txt'), text)
    await writeFile(path.join(dir, 'blob.bin'), binary)
    await writeFile(path.join(dir, 'empty.txt'), '')
    await writeFile(path.join(dir, 'quote "me".ts'), 'const s = "\\n\t"\n')
    await symlink('text.txt', path.join(dir, 'link.txt'))
  })

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true })
  })

  async function bodyText(body: () => AsyncIterable<Uint8Array>): Promise<string> {
    const parts: Buffer[] = []
    for await (const chunk of body()) parts.push(Buffer.from(chunk))
    return Buffer.concat(parts).toString('utf8')
  }

  it('streams every file inline as valid JSON, contents intact', async () => {
    const packed = await pack({ root: dir, include: [], exclude: [] })
    const plan = planUpload(
      { entryPointUrl: 'text.txt', envVars: { A: '1' } },
      packed.entries,
      () => true
    )
    expect(plan.filesInline).toBe(4)
    expect(plan.bytesInline).toBe(packed.totalBytes)
    const request = JSON.parse(await bodyText(plan.body))
    expect(request.entryPointUrl).toBe('text.txt')
    expect(request.envVars).toEqual({ A: '1' })
    expect(request.assets['text.txt']).toEqual({ kind: 'file', encoding: 'utf-8', content: text })
    expect(Buffer.from(request.assets['blob.bin'].content, 'base64').equals(binary)).toBe(true)
    expect(request.assets['blob.bin'].encoding).toBe('base64')
    expect(request.assets['empty.txt']).toEqual({ kind: 'file', encoding: 'utf-8', content: '' })
    expect(request.assets['quote "me".ts'].content).toBe('const s = "\\n\t"\n')
    expect(request.assets['link.txt']).toEqual({ kind: 'symlink', target: 'text.txt' })
    // A second attempt produces the same body again.
    expect(JSON.parse(await bodyText(plan.body))).toEqual(request)
  })

  it('sends files the server has by their git SHA-1 only', async () => {
    const packed = await pack({ root: dir, include: ['empty.txt'], exclude: [] })
    const plan = planUpload(
      { entryPointUrl: 'empty.txt', envVars: {} },
      packed.entries,
      () => false
    )
    expect(plan.filesInline).toBe(0)
    expect(JSON.parse(await bodyText(plan.body)).assets).toEqual({
      'empty.txt': { kind: 'file', gitSha1: 'e69de29bb2d1d6434b8b29ae775ad8c2e48c5391' }
    })
  })

  it('fails naming a file that changed after packing', async () => {
    const sub = await mkdtemp(path.join(dir, 'changing-'))
    await writeFile(path.join(sub, 'a.txt'), 'before\n')
    const packed = await pack({ root: sub, include: [], exclude: [] })
    await writeFile(path.join(sub, 'a.txt'), 'after, and longer\n')
    const plan = planUpload({ entryPointUrl: 'a.txt', envVars: {} }, packed.entries, () => true)
    await expect(bodyText(plan.body)).rejects.toThrow('a.txt changed while it was being uploaded')
  })
})

describe('deploymentUrl (the shared URL rule)', () => {
  it('serves loopback APIs over http on the API port, others over https', () => {
    expect(deploymentUrl('http://127.0.0.1:8420/v1', 'p-abc.deploy.localhost')).toBe(
      'http://p-abc.deploy.localhost:8420/'
    )
    expect(deploymentUrl('http://localhost/v1', 'p.localhost')).toBe('http://p.localhost:80/')
    expect(deploymentUrl('http://[::1]:9000/v1', 'p.localhost')).toBe('http://p.localhost:9000/')
    expect(deploymentUrl('https://api.deno.com/v1', 'p-abc.deno.dev')).toBe(
      'https://p-abc.deno.dev/'
    )
  })

  it('knows loopback hosts', () => {
    for (const host of ['localhost', 'api.localhost', '127.0.0.1', '127.8.9.10', '[::1]']) {
      expect(isLoopbackHost(host)).toBe(true)
    }
    for (const host of ['api.deno.com', '10.0.0.1', 'localhost.example.com', '128.0.0.1']) {
      expect(isLoopbackHost(host)).toBe(false)
    }
  })
})
