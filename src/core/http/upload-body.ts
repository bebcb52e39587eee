/**
 * Streams the JSON body of a create request. Payloads can approach 1 GB, beyond what a V8
 * string holds, so file contents are read from disk lazily, one asset at a time, in chunks,
 * and escaped as they go; memory use stays at one chunk.
 */
import { open } from 'node:fs/promises'
import type { PackEntry, PackedFile } from '../pack/pack.js'

/** A multiple of 3, so base64 chunks concatenate without padding in between. */
const CHUNK_BYTES = 3 * 256 * 1024

export interface UploadPlan {
  /** Produces the body again for every attempt (contents re-read from disk). */
  body: () => AsyncIterable<Uint8Array>
  /** Files sent with their content (the rest go as `gitSha1`). */
  filesInline: number
  bytesInline: number
}

/**
 * `inline(file)` decides, per file, whether its content is sent or only its git SHA-1.
 * Assets are keyed by their root-relative POSIX path; symlinks keep their relative target.
 */
export function planUpload(
  /** The request's other fields (v1 create or v2 deploy), serialised before `assets`. */
  fields: object,
  entries: PackEntry[],
  inline: (file: PackedFile) => boolean
): UploadPlan {
  let filesInline = 0
  let bytesInline = 0
  for (const entry of entries) {
    if (entry.kind === 'file' && inline(entry)) {
      filesInline++
      bytesInline += entry.size
    }
  }
  return {
    filesInline,
    bytesInline,
    body: () => encodeChunks(bodyParts(fields, entries, inline))
  }
}

async function* bodyParts(
  fields: object,
  entries: PackEntry[],
  inline: (file: PackedFile) => boolean
): AsyncGenerator<string> {
  const head = JSON.stringify(fields)
  yield head === '{}' ? '{"assets":{' : `${head.slice(0, -1)},"assets":{`
  let first = true
  for (const entry of entries) {
    yield `${first ? '' : ','}${JSON.stringify(entry.path)}:`
    first = false
    if (entry.kind === 'symlink') {
      yield JSON.stringify({ kind: 'symlink', target: entry.target })
    } else if (!inline(entry)) {
      yield JSON.stringify({ kind: 'file', gitSha1: entry.gitSha1 })
    } else {
      yield `{"kind":"file","encoding":"${entry.encoding}","content":"`
      yield* fileContent(entry)
      yield '"}'
    }
  }
  yield '}}'
}

/** The file's content as JSON string-literal fragments (without the quotes). */
async function* fileContent(file: PackedFile): AsyncGenerator<string> {
  const handle = await open(file.absPath, 'r')
  try {
    const decoder = new TextDecoder('utf-8', { fatal: true })
    const buffer = Buffer.alloc(Math.min(CHUNK_BYTES, Math.max(file.size, 1)))
    let total = 0
    let carry = Buffer.alloc(0)
    for (;;) {
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, null)
      if (bytesRead === 0) break
      total += bytesRead
      if (total > file.size) break
      const chunk = buffer.subarray(0, bytesRead)
      if (file.encoding === 'utf-8') {
        yield escapeJson(decoder.decode(chunk, { stream: true }))
      } else {
        // Short reads are possible: only whole 3-byte groups are encoded, the rest carried.
        const bytes = carry.length ? Buffer.concat([carry, chunk]) : chunk
        const whole = bytes.length - (bytes.length % 3)
        yield bytes.subarray(0, whole).toString('base64')
        carry = Buffer.from(bytes.subarray(whole))
      }
    }
    if (total !== file.size) {
      throw new Error(
        `${file.path} changed while it was being uploaded (${file.size} bytes when packed, ` +
          `${total} bytes now); make sure nothing writes under root during the deploy.`
      )
    }
    if (file.encoding === 'utf-8') yield escapeJson(decoder.decode())
    else if (carry.length) yield carry.toString('base64')
  } finally {
    await handle.close()
  }
}

function escapeJson(text: string): string {
  return text === '' ? '' : JSON.stringify(text).slice(1, -1)
}

async function* encodeChunks(parts: AsyncIterable<string>): AsyncGenerator<Uint8Array> {
  const encoder = new TextEncoder()
  // Many assets are tiny: batch small parts so the socket sees fewer, larger writes.
  let batch = ''
  for await (const part of parts) {
    batch += part
    if (batch.length >= 64 * 1024) {
      yield encoder.encode(batch)
      batch = ''
    }
  }
  if (batch) yield encoder.encode(batch)
}
