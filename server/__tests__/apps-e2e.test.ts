import { describe, it, expect, beforeAll, afterAll } from '@jest/globals'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { startLocalServer, type LocalServer } from '../testing/harness.js'
import { EXAMPLES_DIR } from '../testing/harness.js'
import {
  assetsFromDir,
  createDatabase,
  deployDir,
  deployAssets,
  type Deployed
} from '../testing/deploys.js'

const example = (name: string) => join(EXAMPLES_DIR, name)

describe('example apps deployed through the API', () => {
  let server: LocalServer
  let projectId: string

  beforeAll(async () => {
    server = await startLocalServer()
    projectId = (await server.createProject('examples')).id
  })
  afterAll(() => server.stop())

  const get = (d: Deployed, path = '/') => {
    expect(d.status).toBe('success')
    return server.fetchHost(d.domains[0], path)
  }

  it('hello: Deno.serve, with its env vars', async () => {
    const d = await deployDir(server, projectId, example('hello'), {
      envVars: { GREETING: 'Hi from an env var' }
    })
    expect(d.domains).toEqual([`examples-${d.id}.deploy.localhost`])
    const reply = await get(d)
    expect(reply.status).toBe(200)
    expect(reply.text()).toBe('Hello from Subhosting Deploy!\n')
    expect((await get(d, '/env')).text()).toBe('Hi from an env var')
    expect((await get(d, '/env?name=HOME')).text()).toBe('(unset)')
  })

  it('fetch-export: export default { fetch }', async () => {
    const d = await deployDir(server, projectId, example('fetch-export'))
    const reply = await get(d, '/some/path')
    expect(JSON.parse(reply.text())).toEqual({
      served: 'export default { fetch }',
      path: '/some/path'
    })
  })

  it('kv-counter: two deployments share one database ID', async () => {
    const databaseId = await createDatabase(server)
    const fields = { databases: { default: databaseId } }
    const a = await deployDir(server, projectId, example('kv-counter'), fields)
    const b = await deployDir(server, projectId, example('kv-counter'), fields)
    const other = await deployDir(server, projectId, example('kv-counter'), {
      databases: { default: await createDatabase(server) }
    })
    expect((await get(a)).text()).toBe('count=1\n')
    expect((await get(b)).text()).toBe('count=2\n')
    expect((await get(a)).text()).toBe('count=3\n')
    expect((await get(other)).text()).toBe('count=1\n')
  })

  it('jsx: TSX rendered with compilerOptions and the deno.json import map', async () => {
    const d = await deployDir(server, projectId, example('jsx'), {
      entryPointUrl: 'main.tsx',
      compilerOptions: { jsx: 'react-jsx', jsxImportSource: '@local/jsx' }
    })
    const reply = await get(d)
    expect(reply.headers['content-type']).toBe('text/html; charset=utf-8')
    expect(reply.text()).toBe(
      '<!doctype html><html><body><h1>Rendered with JSX</h1><ul><li>compilerOptions</li>' +
        '<li>import map</li></ul></body></html>'
    )
  })

  it('import-map: bare specifiers resolved through importMapUrl', async () => {
    const d = await deployDir(server, projectId, example('import-map'), {
      importMapUrl: 'import_map.json'
    })
    expect((await get(d)).text()).toBe('Hello, Subhosting, via the import map!\n')
  })

  it('binary: the PNG comes back byte-identical', async () => {
    const d = await deployDir(server, projectId, example('binary'))
    const reply = await get(d)
    expect(reply.headers['content-type']).toBe('image/png')
    expect(reply.body.equals(await readFile(join(example('binary'), 'image.png')))).toBe(true)
  })

  it('symlink: an asset reached through a symlink in the tree', async () => {
    const assets = await assetsFromDir(example('symlink'))
    expect(assets['public/latest.txt']).toEqual({ kind: 'symlink', target: '../data/message.txt' })
    const d = await deployAssets(server, projectId, assets)
    expect((await get(d)).text()).toBe('Served through a symlink.\n')
  })

  it('build-fails: status failed with the resolution error in the build logs', async () => {
    // Like the platform, the build does not type-check: the missing module fails it.
    const d = await deployDir(server, projectId, example('build-fails'))
    expect(d.status).toBe('failed')
    const errors = d.buildLogs.filter(l => l.level === 'error').map(l => l.message)
    expect(errors).toContain('error: Module not found "does-not-exist.ts".')
    expect(errors).toContain('    at main.ts:1:25')
    expect(d.domains).toEqual([])
  })
})
