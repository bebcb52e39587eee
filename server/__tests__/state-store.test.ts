// The state database: an older server's state.json is taken over on first start (kept as a
// backup), and every change the API acknowledged survives a SIGKILL of the server.
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { existsSync } from 'node:fs'
import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startLocalServer, type LocalServer } from '../testing/harness.js'

let dataDir: string
let server: LocalServer | undefined

beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'subhosting-store-'))
})

afterEach(async () => {
  await server?.stop()
  server = undefined
  await rm(dataDir, { recursive: true, force: true })
})

async function get(path: string): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(server!.origin + path, {
    headers: { authorization: `Bearer ${server!.token}` }
  })
  return { status: res.status, body: (await res.json()) as Record<string, unknown> }
}

const T = '2024-01-02T03:04:05.000Z'
const ORG = '11111111-2222-4333-8444-555555555555'
const PROJECT = '66666666-7777-4888-8999-aaaaaaaaaaaa'

/** What a server before the database wrote: one JSON file with v1 and v2 records. */
const OLD_STATE = {
  version: 1,
  organization: { id: ORG, name: 'local', createdAt: T, updatedAt: T },
  token: 'old-token-0123456789',
  projects: {
    [PROJECT]: { id: PROJECT, name: 'kept', description: 'd', createdAt: T, updatedAt: T }
  },
  deployments: {},
  domains: {},
  databases: {},
  bindings: {},
  v2: {
    seq: 1,
    apps: {
      app1: {
        id: 'app1',
        slug: 'kept-app',
        labels: {},
        envVars: [],
        config: null,
        createdAt: T,
        updatedAt: T,
        seq: 1
      }
    },
    revisions: {}
  }
}

describe('state database', () => {
  it('takes over an existing state.json on first start and keeps it as a backup', async () => {
    await writeFile(join(dataDir, 'state.json'), JSON.stringify(OLD_STATE))
    server = await startLocalServer({ dataDir })
    expect(server.token).toBe(OLD_STATE.token)
    expect(server.organizationId).toBe(ORG)
    expect((await get(`/v1/projects/${PROJECT}`)).body.name).toBe('kept')
    expect((await get('/v2/apps/kept-app')).body.id).toBe('app1')
    expect(existsSync(join(dataDir, 'state.json'))).toBe(false)
    expect(existsSync(join(dataDir, 'state.json.bak'))).toBe(true)
    // The database holds the token: owner-only, like the file it replaces.
    expect((await stat(join(dataDir, 'state.db'))).mode & 0o777).toBe(0o600)
  })

  it('keeps every acknowledged change when the server is killed during a stream of writes', async () => {
    server = await startLocalServer({ dataDir })
    const acknowledged: string[] = []
    let killed = false
    const writer = async (n: number): Promise<void> => {
      for (let i = 0; !killed; i++) {
        try {
          // Resolves only on a 2xx answer: the change was acknowledged.
          acknowledged.push((await server!.createProject(`crash-${n}-${i}`)).id)
        } catch {
          return // The connection died with the server.
        }
      }
    }
    const writers = [0, 1, 2, 3].map(writer)
    // Kill once enough writes landed that the kill surely falls into the stream.
    while (acknowledged.length < 40) await new Promise(resolve => setTimeout(resolve, 5))
    process.kill(-server.launcherPid, 'SIGKILL')
    killed = true
    await Promise.all(writers)
    await server.stop()

    server = await startLocalServer({ dataDir })
    const lost: string[] = []
    for (const id of acknowledged)
      if ((await get(`/v1/projects/${id}`)).status !== 200) lost.push(id)
    expect(lost).toEqual([])
  })
})
