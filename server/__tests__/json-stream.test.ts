// The streaming body parser: the same values as JSON.parse wherever the body is cut into
// chunks, and asset contents written to the blob store instead of held.
import { describe, expect, it } from '@jest/globals'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { StoredContent } from '../api/assets/asset-upload.js'
import { parseDeploymentBody, resolveStored } from '../api/assets/asset-upload.js'
import { BlobStore, gitBlobSha1 } from '../api/assets/assets.js'
import { parseJsonStream } from '../api/http/json-stream.js'

async function* cut(text: string | Buffer, at: number[]): AsyncGenerator<Buffer> {
  const bytes = Buffer.from(text)
  let from = 0
  for (const to of [...at, bytes.length]) {
    yield bytes.subarray(from, to)
    from = to
  }
}

describe('parseJsonStream', () => {
  const samples = [
    '{"a":[1,-2.5e3,true,false,null],"b":{"c":"d\\n\\"q\\"\\u00e9\\ud83d\\ude00"},"__proto__":1}',
    '  [ "x" , {} , [] , 0 ]  ',
    '"\\/\\b\\f\\r\\t\\\\"'
  ]
  it('equals JSON.parse for every place a chunk can end', async () => {
    for (const text of samples)
      for (let at = 0; at <= Buffer.byteLength(text); at++)
        expect(await parseJsonStream(cut(text, [at]))).toEqual(JSON.parse(text))
  })

  it('rejects what JSON.parse rejects, with the byte position', async () => {
    for (const text of ['{"a":}', '{"a" 1}', '[1,]', '"open', '{"a":"x\ny"}', 'tru', '1 2'])
      await expect(parseJsonStream(cut(text, [2]))).rejects.toThrow(SyntaxError)
    await expect(parseJsonStream(cut('[1,]', []))).rejects.toThrow('at byte 3')
    expect(await parseJsonStream(cut('', []))).toBeUndefined()
  })
})

describe('parseDeploymentBody', () => {
  it('stores contents as they stream, decoding base64 given before or after the content', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'json-stream-'))
    try {
      const blobs = new BlobStore(dir)
      const bytes = Buffer.from([0, 1, 2, 250, 251, 252, 10])
      const text = 'line one\nline "two" é\n'
      const body = JSON.stringify({
        entryPointUrl: 'main.ts',
        assets: {
          'a.bin': { kind: 'file', encoding: 'base64', content: bytes.toString('base64') },
          'b.bin': { kind: 'file', content: bytes.toString('base64'), encoding: 'base64' },
          'c.txt': { kind: 'file', content: text },
          'd.bin': { kind: 'file', encoding: 'base64', content: 'not*base64' },
          'e.bin': { kind: 'file', encoding: 'base64', content: '***' }
        }
      })
      const parsed = (await parseDeploymentBody(cut(body, [40, 41, 90]), blobs, 'p')) as {
        assets: Record<string, { content: StoredContent }>
      }
      const { assets } = parsed
      const a = await resolveStored(assets['a.bin'].content, 'base64', 'a', blobs, 'p')
      const b = await resolveStored(assets['b.bin'].content, 'base64', 'b', blobs, 'p')
      const c = await resolveStored(assets['c.txt'].content, 'utf-8', 'c', blobs, 'p')
      expect([a.sha, b.sha, c.sha]).toEqual([
        gitBlobSha1(bytes),
        gitBlobSha1(bytes),
        gitBlobSha1(Buffer.from(text))
      ])
      expect(await readFile(blobs.path('p', a.sha))).toEqual(bytes)
      await expect(
        resolveStored(assets['d.bin'].content, 'base64', 'd', blobs, 'p')
      ).rejects.toThrow('assets["d.bin"].content is not valid base64')
      await expect(
        resolveStored(assets['e.bin'].content, 'base64', 'e', blobs, 'p')
      ).rejects.toThrow('assets["e.bin"].content is not valid base64')
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  })
})
