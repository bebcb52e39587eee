// v2 install/build/predeploy commands (server started with --run-build-commands), cancel, restart.
import { describe, it, expect, beforeAll, afterAll } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startLocalServer, type LocalServer } from '../testing/harness.js'
import { DYNAMIC, helloAssets, prodHost, v2Client } from '../testing/v2-helpers.js'

interface Progress {
  installing: { status: string; command: string | null }
  building: { status: string; command: string | null }
}

/** Reads the progress stream until `until` holds for a snapshot, then stops reading. */
async function waitForProgress(server: LocalServer, id: string, until: (p: Progress) => boolean) {
  const res = await fetch(`${server.origin}/v2/revisions/${id}/progress`, {
    headers: { authorization: `Bearer ${server.token}` }
  })
  const reader = res.body!.getReader()
  let buffered = ''
  for (;;) {
    const { value, done } = await reader.read()
    if (done) throw new Error('the progress stream ended first')
    buffered += new TextDecoder().decode(value)
    const lines = buffered.split('\n')
    buffered = lines.pop()!
    if (lines.some(line => until(JSON.parse(line) as Progress))) return reader.cancel()
  }
}

const processesRunning = (marker: string): boolean =>
  execFileSync('ps', ['-eo', 'args'], { encoding: 'utf8' })
    .split('\n')
    .some(line => line.includes(marker) && !line.includes('ps -eo'))

describe('v2 build commands', () => {
  let dataDir: string
  let server: LocalServer
  let api: ReturnType<typeof v2Client>

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'subhosting-v2-commands-'))
    server = await startLocalServer({ dataDir, runBuildCommands: true })
    api = v2Client(server)
    await api.createApp('cmds', { config: DYNAMIC })
  })
  afterAll(async () => {
    await server.stop()
    await rm(dataDir, { recursive: true, force: true })
  })

  it('runs install and build in the source directory, before the entry point is checked', async () => {
    const rev = await api.settle(
      (
        await api.deploy('cmds', {
          assets: {
            'main.ts': {
              content:
                "Deno.serve(() => new Response(Deno.readTextFileSync('installed.txt') + Deno.readTextFileSync('gen/out.txt')))\n"
            }
          },
          config: {
            ...DYNAMIC,
            install: 'printf installed- > installed.txt && echo install says hi',
            build: 'mkdir -p gen && printf built > gen/out.txt && echo build warns >&2'
          }
        })
      ).id
    )
    expect(rev.status).toBe('succeeded')
    expect((await server.fetchHost(prodHost(server, 'cmds'))).text()).toBe('installed-built')
    const logs = await api.jsonl<{ step: string; level: string; message: string }>(
      `/revisions/${rev.id}/build_logs`
    )
    expect(logs).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ step: 'installing', level: 'info', message: 'install says hi' }),
        expect.objectContaining({ step: 'building', level: 'warn', message: 'build warns' })
      ])
    )
    const [progress] = await api.jsonl<Progress>(`/revisions/${rev.id}/progress`)
    expect(progress.installing).toMatchObject({
      status: 'succeeded',
      command: expect.stringContaining('printf')
    })
  })

  it('serves a static site the build command produced; a failing command fails the revision', async () => {
    const site = await api.settle(
      (
        await api.deploy('cmds', {
          assets: { 'src.txt': { content: 'made by the build' } },
          config: {
            build: 'mkdir -p dist && cp src.txt dist/index.html',
            runtime: { type: 'static', cwd: 'dist' }
          },
          production: false,
          preview: true
        })
      ).id
    )
    expect(site.status).toBe('succeeded')
    const host = site.timelines[0].hostnames[0]
    expect((await server.fetchHost(host)).text()).toBe('made by the build')

    const broken = await api.settle(
      (
        await api.deploy('cmds', {
          assets: helloAssets('x'),
          config: { ...DYNAMIC, predeploy: 'exit 3' }
        })
      ).id
    )
    expect(broken).toMatchObject({ status: 'failed', failure_reason: 'error' })
    const logs = await api.jsonl<{ step: string; message: string }>(
      `/revisions/${broken.id}/build_logs`
    )
    expect(logs[logs.length - 1]).toMatchObject({
      step: 'deploying',
      message: 'config.predeploy ("exit 3") failed: exited with code 3.'
    })
  })

  it('cancel kills a running install', async () => {
    const rev = await api.deploy('cmds', {
      assets: helloAssets('x'),
      config: { ...DYNAMIC, install: 'sleep 37.25' }
    })
    await waitForProgress(server, rev.id, p => p.installing.status === 'running')
    expect(processesRunning('sleep 37.25')).toBe(true)
    const cancel = await api.call<{ cancellation_requested_at: string | null }>(
      'POST',
      `/revisions/${rev.id}/cancel`
    )
    expect(cancel.status).toBe(200)
    expect(cancel.body.cancellation_requested_at).not.toBeNull()
    const done = await api.settle(rev.id)
    expect(done).toMatchObject({ status: 'failed', failure_reason: 'cancelled' })
    expect(processesRunning('sleep 37.25')).toBe(false)
  })

  it('after a restart: state and served revisions persist, an interrupted build is failed', async () => {
    const building = await api.deploy('cmds', {
      assets: helloAssets('x'),
      config: { ...DYNAMIC, install: 'sleep 38.25' }
    })
    await waitForProgress(server, building.id, p => p.installing.status === 'running')
    await server.stop()
    expect(processesRunning('sleep 38.25')).toBe(false)
    server = await startLocalServer({ dataDir, runBuildCommands: true })
    api = v2Client(server)
    const revision = await api.call('GET', `/revisions/${building.id}`)
    expect(revision.body).toMatchObject({ status: 'failed', failure_reason: 'error' })
    const logs = await api.jsonl<{ message: string }>(`/revisions/${building.id}/build_logs`)
    expect(logs[logs.length - 1].message).toContain('interrupted because the server stopped')
    expect((await server.fetchHost(prodHost(server, 'cmds'))).text()).toBe('installed-built')
  })
})
