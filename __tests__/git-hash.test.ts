import { describe, it, expect, beforeAll, afterAll } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { gitBlobHasher, gitBlobSha1 } from '../src/core/pack/git-hash.js'

describe('gitBlobSha1', () => {
  let dir: string
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'git-hash-'))
  })
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it('matches the documented vector for "a\\n"', () => {
    expect(gitBlobSha1('a\n')).toBe('78981922613b2afb6025042ff6bd878ac1994e85')
    expect(gitBlobSha1(Buffer.from('a\n'))).toBe('78981922613b2afb6025042ff6bd878ac1994e85')
  })

  it('hashes the empty blob like git', () => {
    expect(gitBlobSha1('')).toBe('e69de29bb2d1d6434b8b29ae775ad8c2e48c5391')
  })

  it('agrees with git hash-object on text, unicode and binary content', () => {
    const samples: [string, Buffer][] = [
      ['text.txt', Buffer.from('hello\nworld\n')],
      ['unicode.txt', Buffer.from('héllo wörld 🦕\n')],
      ['binary.bin', Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256))]
    ]
    for (const [name, content] of samples) {
      const file = path.join(dir, name)
      writeFileSync(file, content)
      const expected = execFileSync('git', ['hash-object', '--no-filters', file]).toString().trim()
      expect(gitBlobSha1(content)).toBe(expected)
    }
  })

  it('gives the same result when content is fed in chunks', () => {
    const content = Buffer.from('chunked content\n'.repeat(100))
    const hasher = gitBlobHasher(content.length)
    hasher.update(content.subarray(0, 77))
    hasher.update(content.subarray(77))
    expect(hasher.digest('hex')).toBe(gitBlobSha1(content))
  })
})
