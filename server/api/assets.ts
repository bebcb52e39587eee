import { createHash } from 'node:crypto'
import { existsSync, statSync } from 'node:fs'
import { copyFile, mkdir, symlink } from 'node:fs/promises'
import { dirname, join, posix } from 'node:path'
import { resolveStored, StoredContent, type ContentEncoding } from './asset-upload.js'
import { HttpError, invalidRequest } from './errors.js'
import { writeFileAtomic } from './json-file.js'
import { expectMap, expectObject } from './validate.js'

/** The hosted service limits a deployment to 1 GB in total. */
export const MAX_DEPLOYMENT_BYTES = 1024 ** 3

export interface AssetPlan {
  /** path → git blob SHA-1 of its content (already in the blob store once the plan exists) */
  files: Map<string, string>
  /** path → symlink target, written verbatim */
  symlinks: Map<string, string>
  totalBytes: number
}

/** `sha1("blob " + length + "\0" + bytes)`, the hash `git hash-object` prints. */
export function gitBlobSha1(bytes: Buffer): string {
  return createHash('sha1').update(`blob ${bytes.length}\0`).update(bytes).digest('hex')
}

/** Content-addressed blobs, one store per project (dedupe is per project, like the hosted API). */
export class BlobStore {
  constructor(private readonly root: string) {}

  path(projectId: string, sha: string): string {
    return join(this.root, projectId, sha.slice(0, 2), sha)
  }

  size(projectId: string, sha: string): number | undefined {
    try {
      return statSync(this.path(projectId, sha)).size
    } catch {
      return undefined
    }
  }

  async put(projectId: string, sha: string, bytes: Buffer): Promise<void> {
    const path = this.path(projectId, sha)
    if (!existsSync(path)) await writeFileAtomic(path, bytes)
  }

  projectDir(projectId: string): string {
    return join(this.root, projectId)
  }
}

/** File systems' limits (NAME_MAX), with room left under PATH_MAX for the server's data dir. */
export const MAX_ASSET_SEGMENT_BYTES = 255
export const MAX_ASSET_PATH_BYTES = 1024

function lengthProblem(path: string): string | null {
  const bytes = Buffer.byteLength(path)
  if (bytes > MAX_ASSET_PATH_BYTES)
    return `is ${bytes} bytes long; at most ${MAX_ASSET_PATH_BYTES} are allowed`
  const long = path.split('/').find(s => Buffer.byteLength(s) > MAX_ASSET_SEGMENT_BYTES)
  return long === undefined
    ? null
    : `has a ${Buffer.byteLength(long)}-byte segment; at most ${MAX_ASSET_SEGMENT_BYTES} bytes are allowed per name`
}

/** Normalizes `./a/b` to `a/b`; rejects anything that could leave the asset tree. */
export function normalizeAssetPath(raw: string, where: string): string {
  let path = raw
  while (path.startsWith('./')) path = path.slice(2)
  const problem =
    path === ''
      ? 'is empty'
      : path.includes('\\')
        ? 'contains a backslash; use forward slashes'
        : path.startsWith('/') || /^[a-zA-Z]:/.test(path)
          ? 'is absolute; use a path relative to the asset root'
          : path.split('/').some(s => s === '..')
            ? "has a '..' segment"
            : path.split('/').some(s => s === '' || s === '.')
              ? "has an empty or '.' segment"
              : path.includes('\0')
                ? 'contains a NUL byte'
                : lengthProblem(path)
  if (problem) throw invalidRequest(`${where} ${JSON.stringify(raw)} ${problem}.`)
  return path
}

interface Decoded {
  path: string
  sha: string
  /** Content not yet in the blob store (bodies parsed in memory). */
  bytes?: Buffer
}

function inMemory(bytes: Buffer): { sha: string; size: number; bytes: Buffer } {
  return { sha: gitBlobSha1(bytes), size: bytes.length, bytes }
}

const BASE64_RE = /^[A-Za-z0-9+/]*={0,2}$/
/** Multiple of 4 so every chunk decodes on its own. */
const BASE64_CHUNK = 16 * 1024 * 1024

const WHITESPACE = [0x0a, 0x0d, 0x20, 0x09]

function withoutWhitespace(text: Buffer): Buffer {
  if (!WHITESPACE.some(c => text.includes(c))) return text
  const out = Buffer.allocUnsafe(text.length)
  let n = 0
  for (const c of text) if (!WHITESPACE.includes(c)) out[n++] = c
  return out.subarray(0, n)
}

/** Decodes base64 held in a Buffer chunk by chunk: the text may exceed V8's string limit. */
function decodeBase64Bytes(text: Buffer, where: string): Buffer {
  const compact = withoutWhitespace(text)
  const parts: Buffer[] = []
  for (let at = 0; at < compact.length; at += BASE64_CHUNK) {
    const chunk = compact.toString('latin1', at, Math.min(at + BASE64_CHUNK, compact.length))
    const isLast = at + BASE64_CHUNK >= compact.length
    if (!BASE64_RE.test(chunk) || (!isLast && chunk.includes('=')))
      throw invalidRequest(`${where}.content is not valid base64.`)
    parts.push(Buffer.from(chunk, 'base64'))
  }
  return Buffer.concat(parts)
}

function checkEncoding(encoding: unknown, where: string): ContentEncoding {
  if (encoding !== undefined && encoding !== null && encoding !== 'utf-8' && encoding !== 'base64')
    throw invalidRequest(
      `${where}.encoding must be "utf-8" or "base64", got ${JSON.stringify(encoding)}.`
    )
  return encoding === 'base64' ? 'base64' : 'utf-8'
}

function decodeContent(content: unknown, encoding: ContentEncoding, where: string): Buffer {
  const isBase64 = encoding === 'base64'
  if (Buffer.isBuffer(content)) return isBase64 ? decodeBase64Bytes(content, where) : content
  if (typeof content !== 'string') throw invalidRequest(`${where}.content must be a string.`)
  if (!isBase64) return Buffer.from(content, 'utf8')
  if (!/^[A-Za-z0-9+/\s]*={0,2}\s*$/.test(content))
    throw invalidRequest(`${where}.content is not valid base64.`)
  return Buffer.from(content, 'base64')
}

/**
 * Validates the `assets` of a create request (contents as strings, Buffers, or StoredContent
 * from parseDeploymentBody), stores new content in the project's blob store and
 * returns what to materialize. Unknown `gitSha1` hashes → 400 missingAssets listing all of them.
 */
export async function planAssets(
  value: unknown,
  blobs: BlobStore,
  projectId: string
): Promise<AssetPlan> {
  if (value === undefined) throw invalidRequest('assets is required (an object of path → asset).')
  const assets = expectMap(value, 'assets')
  const files: Decoded[] = []
  const symlinks = new Map<string, string>()
  const seen = new Set<string>()
  const missing: string[] = []
  let totalBytes = 0

  for (const [rawPath, asset] of Object.entries(assets)) {
    const where = `assets[${JSON.stringify(rawPath)}]`
    const path = normalizeAssetPath(rawPath, 'Asset path')
    if (seen.has(path)) throw invalidRequest(`Asset path ${JSON.stringify(rawPath)} appears twice.`)
    seen.add(path)
    const kind = (asset as { kind?: unknown } | null)?.kind
    if (kind === 'symlink') {
      const obj = expectObject(asset, where, ['kind', 'target'])
      if (typeof obj.target !== 'string' || obj.target === '')
        throw invalidRequest(`${where}.target must be a non-empty string.`)
      symlinks.set(path, obj.target)
    } else if (kind === 'file') {
      const obj = expectObject(asset, where, ['kind', 'content', 'encoding', 'gitSha1'])
      const claimed = obj.gitSha1
      if (claimed !== undefined && (typeof claimed !== 'string' || !/^[0-9a-f]{40}$/.test(claimed)))
        throw invalidRequest(
          `${where}.gitSha1 must be 40 lowercase hex digits, got ${JSON.stringify(claimed)}.`
        )
      if (obj.content !== undefined && obj.content !== null) {
        const encoding = checkEncoding(obj.encoding, where)
        const decoded =
          obj.content instanceof StoredContent
            ? await resolveStored(obj.content, encoding, where, blobs, projectId)
            : inMemory(decodeContent(obj.content, encoding, where))
        const { sha } = decoded
        if (claimed !== undefined && claimed !== sha)
          throw invalidRequest(`${where}.gitSha1 is ${claimed} but its content hashes to ${sha}.`)
        totalBytes += decoded.size
        files.push({ path, ...decoded })
      } else if (typeof claimed === 'string') {
        const size = blobs.size(projectId, claimed)
        if (size === undefined) missing.push(claimed)
        else totalBytes += size
        files.push({ path, sha: claimed })
      } else {
        throw invalidRequest(`${where} needs either content or gitSha1.`)
      }
    } else {
      throw invalidRequest(
        `${where}.kind must be "file" or "symlink", got ${JSON.stringify(kind)}.`
      )
    }
  }

  if (missing.length > 0) {
    const unique = [...new Set(missing)]
    throw new HttpError(
      400,
      'missingAssets',
      `This project has never received the content of ${unique.length} asset(s); send them with content instead of gitSha1: ${unique.join(', ')}`
    )
  }
  if (totalBytes > MAX_DEPLOYMENT_BYTES)
    throw invalidRequest(
      `The assets total ${totalBytes} bytes; a deployment may hold at most ${MAX_DEPLOYMENT_BYTES} bytes (1 GB).`
    )

  const kinds = new Map<string, 'file' | 'symlink'>()
  for (const f of files) kinds.set(f.path, 'file')
  for (const p of symlinks.keys()) kinds.set(p, 'symlink')
  for (const path of kinds.keys()) {
    const parts = path.split('/')
    for (let i = 1; i < parts.length; i++) {
      const parent = parts.slice(0, i).join('/')
      if (kinds.has(parent))
        throw invalidRequest(
          `Asset path ${JSON.stringify(path)} lies under ${JSON.stringify(parent)}, which is a ${kinds.get(parent)}, not a directory.`
        )
    }
  }
  for (const [path, target] of symlinks) checkSymlink(path, target, symlinks)

  for (const f of files) if (f.bytes) await blobs.put(projectId, f.sha, f.bytes)
  return { files: new Map(files.map(f => [f.path, f.sha])), symlinks, totalBytes }
}

/** Follows a symlink target through the asset tree (including other links); it must never leave. */
function checkSymlink(path: string, target: string, symlinks: Map<string, string>): void {
  const reject = (why: string): never => {
    throw invalidRequest(
      `Symlink ${JSON.stringify(path)} → ${JSON.stringify(target)} ${why}; symlink targets must stay inside the asset tree.`
    )
  }
  if (target.startsWith('/') || target.includes('\\') || target.includes('\0'))
    reject('is absolute or malformed')
  let hops = 0
  const resolve = (dir: string[], link: string): string[] => {
    if (++hops > 40) reject('forms a loop')
    const stack = [...dir]
    const segments = link.split('/')
    for (let i = 0; i < segments.length; i++) {
      const seg = segments[i]
      if (seg === '' || seg === '.') continue
      if (seg === '..') {
        if (stack.length === 0) reject('points outside')
        stack.pop()
        continue
      }
      stack.push(seg)
      const inner = symlinks.get(stack.join('/'))
      if (inner !== undefined) {
        if (inner.startsWith('/')) reject('goes through an absolute symlink')
        const resolved = resolve(stack.slice(0, -1), inner)
        stack.splice(0, stack.length, ...resolved)
      }
    }
    return stack
  }
  resolve(posix.dirname(path) === '.' ? [] : posix.dirname(path).split('/'), target)
}

/** Writes the plan into `srcDir`: files copied from the blob store, symlinks as symlinks. */
export async function materialize(
  plan: AssetPlan,
  blobs: BlobStore,
  projectId: string,
  srcDir: string
): Promise<void> {
  await mkdir(srcDir, { recursive: true })
  for (const [path, sha] of plan.files) {
    const dest = join(srcDir, path)
    await mkdir(dirname(dest), { recursive: true })
    await copyFile(blobs.path(projectId, sha), dest)
  }
  for (const [path, target] of plan.symlinks) {
    const dest = join(srcDir, path)
    await mkdir(dirname(dest), { recursive: true })
    await symlink(target, dest)
  }
}

const FILE_URL_PREFIX = 'file:///src/'

/**
 * Validates a module reference (entry point, import map, lock file): an http(s) URL, or a path of
 * an asset given as `x`, `./x` or `file:///src/x`. Returns the URL or the normalized asset path.
 */
export function resolveModuleRef(raw: string, field: string, assetPaths: Set<string>): string {
  if (/^https?:\/\//i.test(raw)) {
    try {
      new URL(raw)
    } catch {
      throw invalidRequest(`${field} ${JSON.stringify(raw)} is not a valid URL.`)
    }
    return raw
  }
  let path = raw
  if (path.startsWith(FILE_URL_PREFIX)) path = path.slice(FILE_URL_PREFIX.length)
  else if (/^[a-z][a-z0-9+.-]*:/i.test(path))
    throw invalidRequest(
      `${field} ${JSON.stringify(raw)} must be the path of an asset (like "main.ts" or "file:///src/main.ts") or an http(s) URL.`
    )
  const normalized = normalizeAssetPath(path, field)
  if (!assetPaths.has(normalized))
    throw invalidRequest(
      `${field} ${JSON.stringify(raw)} does not name any asset of this deployment; add the file to assets or fix the path.`
    )
  return normalized
}
