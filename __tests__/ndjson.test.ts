import { describe, expect, it } from '@jest/globals'
import { MAX_LINE_CHARS, readLines, readNdjson } from '../src/core/http/ndjson.js'

async function* chunks(...parts: (string | Uint8Array)[]): AsyncGenerator<Uint8Array> {
  const encoder = new TextEncoder()
  for (const part of parts) yield typeof part === 'string' ? encoder.encode(part) : part
}

async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = []
  for await (const item of iterable) out.push(item)
  return out
}

describe('readLines', () => {
  it('joins lines split across chunks and keeps a trailing line without newline', async () => {
    expect(await collect(readLines(chunks('{"a":', '1}\n{"b"', ':2}\n{"c":3}')))).toEqual([
      '{"a":1}',
      '{"b":2}',
      '{"c":3}'
    ])
  })

  it('handles several lines in one chunk, CRLF and empty lines', async () => {
    expect(await collect(readLines(chunks('one\r\ntwo\n\nthree\n')))).toEqual([
      'one',
      'two',
      '',
      'three'
    ])
  })

  it('keeps a multi-byte character split between chunks intact', async () => {
    const bytes = new TextEncoder().encode('héllo ✓\n')
    const cut = 2 // inside the two bytes of "é"
    expect(await collect(readLines(chunks(bytes.subarray(0, cut), bytes.subarray(cut))))).toEqual([
      'héllo ✓'
    ])
  })

  it('reads a web ReadableStream (a fetch body)', async () => {
    const body = new Response('x\ny').body!
    expect(await collect(readLines(body))).toEqual(['x', 'y'])
  })
})

describe('readNdjson', () => {
  it('parses each non-blank line', async () => {
    const lines = chunks('{"level":"info","message":"a"}\n\n', '{"level":"error","message":"b"}\n')
    expect(await collect(readNdjson(lines))).toEqual([
      { level: 'info', message: 'a' },
      { level: 'error', message: 'b' }
    ])
  })

  it('names a malformed line', async () => {
    await expect(collect(readNdjson(chunks('{"ok":1}\nnot json\n')))).rejects.toThrow(
      'Malformed NDJSON line: not json'
    )
  })
})

describe('a broken stream', () => {
  it('a line longer than any real one ends the stream with an error, not unbounded memory', async () => {
    async function* endless(): AsyncGenerator<Uint8Array> {
      const chunk = new TextEncoder().encode('x'.repeat(64 * 1024))
      for (let i = 0; i < 64; i++) yield chunk
    }
    const lines: string[] = []
    const error = await (async () => {
      for await (const line of readLines(endless())) lines.push(line)
    })().catch((e: unknown) => e)
    expect((error as Error).message).toContain(`longer than ${MAX_LINE_CHARS}`)
    expect(lines).toEqual([])
  })
})
