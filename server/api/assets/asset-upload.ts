// Asset contents written to the blob store while the request body is still arriving: a create
// request of 1 GB never sits in memory. Each `content` string goes, decoded (JSON escapes, then
// base64 when the asset says so before its content), into a temporary file; once the string
// ends the file is hashed and moved to its content address. Validation happens afterwards on
// the parsed document, where each content is a StoredContent instead of a string.
import { createHash, randomUUID } from 'node:crypto'
import { createReadStream } from 'node:fs'
import { mkdir, open, rename, rm, stat, writeFile, type FileHandle } from 'node:fs/promises'
import type { IncomingMessage } from 'node:http'
import { dirname, join } from 'node:path'
import { HttpError, invalidRequest } from '../http/errors.js'
import { discardRest, requestBytes } from '../http/http-util.js'
import { parseJsonStream, type StringSink } from '../http/json-stream.js'

/** Where blobs live (assets.ts's BlobStore), named here so the two modules do not import each other. */
export interface BlobPaths {
  projectDir(projectId: string): string
  path(projectId: string, sha: string): string
}

export type ContentEncoding = 'utf-8' | 'base64'

/** Bytes gathered before each write to disk (and each base64 decode). A multiple of 4. */
const STAGING_BYTES = 1024 * 1024

/** An asset content already in the blob store, decoded as `encoding` said when it arrived. */
export class StoredContent {
  constructor(
    readonly encoding: ContentEncoding,
    readonly sha: string,
    readonly size: number,
    /** The path of the blob; empty when `problem` is set. */
    readonly file: string,
    /** Why the content could not be decoded (e.g. not base64), reported during validation. */
    readonly problem: string | null
  ) {}
}

/**
 * Parses a create-deployment body from `source`, storing every `assets[path].content` in the
 * project's blob store as it streams by (see StoredContent). Reuse it for any route whose body
 * carries `{assets: {path: {content, encoding}}}`.
 */
export async function parseDeploymentBody(
  source: AsyncIterable<Uint8Array>,
  blobs: BlobPaths,
  projectId: string
): Promise<unknown> {
  const writes = new WriteQueue()
  try {
    const doc = await parseJsonStream(source, (path, parent) => {
      if (path.length !== 3 || path[0] !== 'assets' || path[2] !== 'content') return null
      if (Array.isArray(parent)) return null
      const declared = (parent as { encoding?: unknown }).encoding
      const where = `assets[${JSON.stringify(path[1])}]`
      const encoding = declared === 'base64' ? 'base64' : 'utf-8'
      return new BlobSink(blobs, projectId, encoding, where, writes)
    })
    await writes.drain()
    return doc
  } catch (err) {
    await writes.drain().catch(() => {})
    if (err instanceof SyntaxError)
      throw invalidRequest(`The request body is not valid JSON: ${err.message}`)
    throw err
  }
}

/**
 * Parses `req`'s body with parseDeploymentBody and hands the document to `accept`. On any
 * failure the rest of the body is read and dropped, so a client that is still sending gets the
 * answer, unless the body is too large (reading on would take as long as the upload).
 */
export async function acceptDeploymentBody<T>(
  req: IncomingMessage,
  blobs: BlobPaths,
  projectId: string,
  accept: (body: unknown) => Promise<T>
): Promise<T> {
  try {
    return await accept(await parseDeploymentBody(requestBytes(req), blobs, projectId))
  } catch (err) {
    if (!(err instanceof HttpError && err.status === 413)) await discardRest(req)
    throw err
  }
}

/**
 * The asset's content as stored, decoded per the asset's final `encoding`. A content that
 * arrived before its `encoding` was stored as UTF-8 text and is decoded from base64 here.
 */
export async function resolveStored(
  stored: StoredContent,
  encoding: ContentEncoding,
  where: string,
  blobs: BlobPaths,
  projectId: string
): Promise<{ sha: string; size: number }> {
  if (stored.problem !== null) throw invalidRequest(stored.problem)
  if (stored.encoding === encoding) return { sha: stored.sha, size: stored.size }
  if (stored.encoding === 'base64')
    throw invalidRequest(`${where}.encoding is given twice with different values; give it once.`)
  const writes = new WriteQueue()
  const sink = new BlobSink(blobs, projectId, 'base64', where, writes)
  try {
    for await (const chunk of createReadStream(stored.file, { highWaterMark: STAGING_BYTES }))
      await sink.write(chunk as Buffer)
  } catch (err) {
    await sink.abort()
    throw err
  }
  const decoded = (await sink.end()) as StoredContent
  await writes.drain()
  return resolveStored(decoded, 'base64', where, blobs, projectId)
}

/**
 * Directories known to exist. Creating them once per upload instead of once per file matters
 * at 10,000 files; one removed since (a deleted project) is recreated on ENOENT.
 */
const madeDirs = new Set<string>()

async function writeInDir(file: string, write: () => Promise<void>): Promise<void> {
  const dir = dirname(file)
  if (!madeDirs.has(dir)) {
    await mkdir(dir, { recursive: true })
    madeDirs.add(dir)
  }
  try {
    await write()
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err
    await mkdir(dir, { recursive: true })
    await write()
  }
}

/** Blob writes in flight while the body is still parsed: disk time overlaps parsing. */
const WRITES_IN_FLIGHT = 16

/**
 * Small contents' blob writes, run in the background up to WRITES_IN_FLIGHT at once; drain()
 * waits for all and fails with the first failure, so no answer comes before its blobs exist.
 */
class WriteQueue {
  private readonly running = new Set<Promise<void>>()
  private failure: unknown = null

  async add(write: () => Promise<void>): Promise<void> {
    while (this.running.size >= WRITES_IN_FLIGHT) await Promise.race(this.running)
    const done: Promise<void> = write()
      .catch(err => {
        this.failure ??= err
      })
      .finally(() => this.running.delete(done))
    this.running.add(done)
  }

  async drain(): Promise<void> {
    await Promise.all(this.running)
    if (this.failure !== null) throw this.failure
  }
}

/**
 * One content on its way to the blob store. It stays in memory until it passes STAGING_BYTES
 * (most files never do: they are hashed there and written once, straight to their address);
 * bigger ones go through a temporary file, hashed when complete.
 */
class BlobSink implements StringSink {
  /** Grows up to STAGING_BYTES, so a small content costs a small buffer. */
  private staging = Buffer.alloc(0)
  private staged = 0
  /** Set at the end for a content that never reached disk: decoded bytes gather here. */
  private memory: Buffer[] | null = null
  /** Base64 characters not yet decoded (fewer than 4). */
  private carry = ''
  private padded = false
  private problem: string | null = null
  private readonly tmp: string
  private handle: Promise<FileHandle> | null = null

  constructor(
    private readonly blobs: BlobPaths,
    private readonly projectId: string,
    private readonly encoding: ContentEncoding,
    private readonly where: string,
    private readonly writes: WriteQueue
  ) {
    this.tmp = join(blobs.projectDir(projectId), '.incoming', randomUUID())
  }

  write(bytes: Buffer): void | Promise<void> {
    let at = 0
    while (at < bytes.length) {
      if (this.staged === this.staging.length) this.grow(bytes.length - at)
      const n = bytes.copy(this.staging, this.staged, at)
      this.staged += n
      at += n
      if (this.staged === STAGING_BYTES) {
        const rest = bytes.subarray(at)
        return this.flush().then(() => this.write(rest))
      }
    }
  }

  async end(): Promise<unknown> {
    if (this.handle === null) this.memory = []
    try {
      await this.flush()
      if (this.encoding === 'base64' && this.carry !== '' && this.problem === null) {
        // Fewer than 4 characters are left: check them as the decoder would skip bad ones.
        if (/^[A-Za-z0-9+/]*$/.test(this.carry))
          await this.append(Buffer.from(this.carry, 'base64'))
        else this.problem = `${this.where}.content is not valid base64.`
      }
      if (this.memory) return await this.storeFromMemory(this.memory)
      await (await this.file()).close()
      if (this.problem !== null) {
        await rm(this.tmp, { force: true })
        return new StoredContent(this.encoding, '', 0, '', this.problem)
      }
      const { sha, size } = await gitBlobOfFile(this.tmp)
      const target = this.blobs.path(this.projectId, sha)
      await mkdir(dirname(target), { recursive: true })
      // Same name, same content: replacing an existing blob is harmless and atomic.
      await rename(this.tmp, target)
      return new StoredContent(this.encoding, sha, size, target, null)
    } catch (err) {
      await this.abort()
      throw err
    }
  }

  async abort(): Promise<void> {
    if (this.handle) await (await this.handle).close().catch(() => {})
    await rm(this.tmp, { force: true })
  }

  private grow(wanted: number): void {
    const size = Math.min(STAGING_BYTES, Math.max(this.staging.length * 2, this.staged + wanted))
    const bigger = Buffer.allocUnsafe(size)
    this.staging.copy(bigger, 0, 0, this.staged)
    this.staging = bigger
  }

  /**
   * Hashes the decoded bytes and writes them once, via a temporary name, to their address (in
   * the background: the request's WriteQueue is drained before the document is used).
   */
  private async storeFromMemory(parts: Buffer[]): Promise<StoredContent> {
    if (this.problem !== null) return new StoredContent(this.encoding, '', 0, '', this.problem)
    const bytes = parts.length === 1 ? parts[0] : Buffer.concat(parts)
    const sha = createHash('sha1').update(`blob ${bytes.length}\0`).update(bytes).digest('hex')
    const target = this.blobs.path(this.projectId, sha)
    const tmp = this.tmp
    await this.writes.add(async () => {
      await writeInDir(tmp, () => writeFile(tmp, bytes))
      // Same name, same content: replacing an existing blob is harmless and atomic.
      await writeInDir(target, () => rename(tmp, target))
    })
    return new StoredContent(this.encoding, sha, bytes.length, target, null)
  }

  private file(): Promise<FileHandle> {
    this.handle ??= mkdir(dirname(this.tmp), { recursive: true }).then(() => open(this.tmp, 'w'))
    return this.handle
  }

  private async append(bytes: Buffer): Promise<void> {
    if (bytes.length === 0) return
    // In memory mode the staging buffer is not refilled any more: its views stay valid.
    if (this.memory) this.memory.push(bytes)
    else await (await this.file()).write(bytes)
  }

  private async flush(): Promise<void> {
    const text = this.staging.subarray(0, this.staged)
    this.staged = 0
    if (this.problem !== null) return
    // Written from the staging buffer itself: it is refilled only once this flush is done.
    if (this.encoding === 'utf-8') return this.append(text)
    const chars = this.carry + compactBase64(text)
    if (chars === '') return
    if (this.padded) {
      this.problem = `${this.where}.content is not valid base64 (text after the padding).`
      return
    }
    const pad = chars.indexOf('=')
    this.padded = pad !== -1
    const whole = this.padded ? chars.length : chars.length - (chars.length % 4)
    // Decoded into the staging buffer (now held as `chars`): 3 bytes per 4 characters fit.
    const decoded = this.staging.write(chars.slice(0, whole), 0, 'base64')
    if (!isExactBase64(chars, whole, pad, decoded)) {
      this.problem = `${this.where}.content is not valid base64.`
      return
    }
    this.carry = chars.slice(whole)
    await this.append(this.staging.subarray(0, decoded))
  }
}

const WHITESPACE = [0x0a, 0x0d, 0x20, 0x09]

/** Base64 text without whitespace (which the old decoder ignored too), as a latin1 string. */
function compactBase64(text: Buffer): string {
  const plain = text.toString('latin1')
  return WHITESPACE.some(c => text.includes(c)) ? plain.replace(/[\n\r\t ]/g, '') : plain
}

/**
 * Node's decoder skips characters outside the alphabet and takes base64url's `-` and `_`;
 * here those make the text invalid, as does padding anywhere but at the very end. A skipped
 * character shows as fewer decoded bytes than the text's length promises.
 */
function isExactBase64(chars: string, whole: number, pad: number, decodedBytes: number): boolean {
  if (chars.includes('-') || chars.includes('_')) return false
  if (pad !== -1 && (pad < chars.length - 2 || !/^=+$/.test(chars.slice(pad)))) return false
  const dataChars = pad === -1 ? whole : pad
  return decodedBytes === Math.floor((dataChars * 6) / 8)
}

/** Git's blob SHA-1 of a file: the header needs the size, so the file is read once more. */
async function gitBlobOfFile(file: string): Promise<{ sha: string; size: number }> {
  const { size } = await stat(file)
  const hash = createHash('sha1').update(`blob ${size}\0`)
  for await (const chunk of createReadStream(file, { highWaterMark: STAGING_BYTES }))
    hash.update(chunk as Buffer)
  return { sha: hash.digest('hex'), size }
}
