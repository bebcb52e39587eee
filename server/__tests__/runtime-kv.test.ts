import { describe, it, expect, afterAll } from '@jest/globals'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { RuntimeHarness } from '../testing/harness.js'

const DB = '5b484959-cba2-482d-95ab-ba592784af80'
const OTHER_DB = '0f6b1c64-0d3b-4d55-9a53-7f6e4c1f2a10'

describe('KV databases', () => {
  let h: RuntimeHarness
  afterAll(() => h.stop())

  it('shares one database between deployments naming the same database ID', async () => {
    h = await RuntimeHarness.start()
    const a = await h.deploy({ example: 'kv-counter', databaseId: DB })
    const b = await h.deploy({ example: 'kv-counter', databaseId: DB })
    const c = await h.deploy({ example: 'kv-counter', databaseId: OTHER_DB })
    expect((await h.request(a.id)).text()).toBe('count=1\n')
    expect((await h.request(b.id)).text()).toBe('count=2\n')
    expect((await h.request(a.id)).text()).toBe('count=3\n')
    expect((await h.request(c.id)).text()).toBe('count=1\n')
    expect(existsSync(join(h.dataDir, 'runtime', 'kv', DB, 'kv.sqlite3'))).toBe(true)
  })

  it('keeps every increment when two processes write concurrently', async () => {
    const a = await h.deploy({ example: 'kv-counter', databaseId: OTHER_DB })
    const b = await h.deploy({ example: 'kv-counter', databaseId: OTHER_DB })
    const replies = await Promise.all(
      Array.from({ length: 20 }, (_, i) => h.request(i % 2 ? a.id : b.id))
    )
    const counts = replies.map(r => Number(r.text().replace('count=', ''))).sort((x, y) => x - y)
    // The database already holds 1 from the previous test; each increment is seen exactly once.
    expect(counts).toEqual(Array.from({ length: 20 }, (_, i) => i + 2))
  })

  it('counts KV reads and writes as metrics', async () => {
    const app = await h.deploy({ example: 'kv-counter', databaseId: DB })
    await h.request(app.id)
    await h.request(app.id)
    const deadline = Date.now() + 5000
    while (app.metrics.kvWrite < 2 && Date.now() < deadline) {
      await new Promise(resolve => setTimeout(resolve, 20))
    }
    expect(app.metrics).toEqual({ request: 2, kvRead: 2, kvWrite: 2 })
  })

  it('keeps the data when the runtime is restarted on the same data dir', async () => {
    const a = await h.deploy({ example: 'kv-counter', databaseId: DB })
    const before = Number((await h.request(a.id)).text().replace('count=', ''))
    await h.runtime.stopAll()
    const again = await h.deploy({ example: 'kv-counter', databaseId: DB })
    expect((await h.request(again.id)).text()).toBe(`count=${before + 1}\n`)
  })

  it('rejects Deno.openKv() with a clear error when the deployment has no database', async () => {
    const app = await h.deploy({
      files: {
        'main.ts':
          'Deno.serve(async () => {\n' +
          '  try { await Deno.openKv(); return new Response("opened") }\n' +
          '  catch (e) { return new Response((e as Error).message, { status: 500 }) }\n' +
          '})\n'
      }
    })
    const reply = await h.request(app.id)
    expect(reply.status).toBe(500)
    expect(reply.text()).toContain('Deno.openKv(): this deployment has no KV database')
    expect(reply.text()).toContain('"databases": {"default": "<database id>"}')
  })

  it('only opens the default database, not a path of its choosing', async () => {
    const app = await h.deploy({
      databaseId: DB,
      files: {
        'main.ts':
          'Deno.serve(async () => {\n' +
          '  try { await Deno.openKv("/tmp/elsewhere.sqlite"); return new Response("opened") }\n' +
          '  catch (e) { return new Response((e as Error).message, { status: 500 }) }\n' +
          '})\n'
      }
    })
    const reply = await h.request(app.id)
    expect(reply.text()).toContain("only the deployment's default database is available")
  })
})
