// The create request read as a stream by the real server: gzip'd bodies, the Accept-Encoding
// advertisement clients learn from, and clear answers for bad encodings and bad JSON.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { createHash } from 'node:crypto'
import { gzipSync } from 'node:zlib'
import { gitBlobSha1 } from '../api/assets/assets.js'
import { rawRequest, startLocalServer, type LocalServer } from '../testing/harness.js'

let server: LocalServer
let projectId: string

beforeAll(async () => {
  server = await startLocalServer()
  projectId = (await server.createProject('streamed')).id
})

afterAll(async () => {
  await server?.stop()
})

/** POSTs raw bytes to the create route (gzip'd bodies go as they are). */
function post(body: Buffer, headers: Record<string, string> = {}) {
  return rawRequest<{ code?: string; message?: string; id?: string }>(
    server,
    `${server.apiUrl}/projects/${projectId}/deployments`,
    'POST',
    body,
    headers
  )
}

const MAIN = 'Deno.serve(() => new Response("streamed"))\n'
const data = createHash('sha256').update('seed').digest().toString('hex').repeat(2000)

function createBody(assets: Record<string, unknown>): Buffer {
  return Buffer.from(
    JSON.stringify({
      entryPointUrl: 'main.ts',
      envVars: {},
      assets: { 'main.ts': { kind: 'file', content: MAIN }, ...assets }
    })
  )
}

describe('streamed create requests', () => {
  it('accepts a gzip body, stores its assets, and advertises gzip on its answers', async () => {
    const created = await post(
      gzipSync(createBody({ 'data.txt': { kind: 'file', content: data } })),
      {
        'content-encoding': 'gzip'
      }
    )
    expect(created.status).toBe(200)
    expect(created.headers['accept-encoding']).toBe('gzip')
    // The content went to the blob store: naming it by hash is enough now.
    const byHash = await post(
      createBody({ 'data.txt': { kind: 'file', gitSha1: gitBlobSha1(Buffer.from(data)) } })
    )
    expect(byHash.status).toBe(200)
  })

  it('refuses unknown encodings (415) and broken gzip (400), naming the problem', async () => {
    const br = await post(createBody({}), { 'content-encoding': 'br' })
    expect([br.status, br.body.code]).toEqual([415, 'unsupportedContentEncoding'])
    expect(br.body.message).toContain('"br"')
    const broken = await post(Buffer.from('not gzip at all'), { 'content-encoding': 'gzip' })
    expect([broken.status, broken.body.code]).toEqual([400, 'invalidRequest'])
    expect(broken.body.message).toContain('not valid gzip')
  })

  it('answers a JSON error found early in a large body, after reading the rest', async () => {
    const body = Buffer.concat([
      Buffer.from('{"entryPointUrl": nope, "pad": "'),
      Buffer.alloc(8 * 1024 * 1024, 'a'),
      Buffer.from('"}')
    ])
    const answer = await post(body)
    expect([answer.status, answer.body.code]).toEqual([400, 'invalidRequest'])
    expect(answer.body.message).toContain('not valid JSON')
  })
})
