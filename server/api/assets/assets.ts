import { createHash } from 'node:crypto'
import { statSync } from 'node:fs'
import { copyFile, mkdir, symlink } from 'node:fs/promises'
import { dirname, join, posix } from 'node:path'
import { resolveStored, StoredContent, type ContentEncoding } from './asset-upload.js'
import { HttpError, invalidRequest } from '../http/errors.js'
import { expectMap, expectObject } from '../http/validate.js'

/**
 * Sent on every API answer: a create may name file contents by `gitSha1` alone, and a create
 * naming contents the project lacks answers 400 `missingAssets` whose `missingAssets` field lists
 * every one of them (the message quotes them too, for people). Clients try hashes first only
 * where a server says so.
 */
export const HASHES_FIRST_HEADER = 'x-subhosting-hashes-first'

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

function checkEncoding(encoding: unknown, where: string): ContentEncoding {
  if (encoding !== undefined && encoding !== null && encoding !== 'utf-8' && encoding !== 'base64')
    throw invalidRequest(
      `${where}.encoding must be "utf-8" or "base64", got ${JSON.stringify(encoding)}.`
    )
  return encoding === 'base64' ? 'base64' : 'utf-8'
}

function claimedSha(value: unknown, where: string): string | undefined {
  if (value !== undefined && (typeof value !== 'string' || !/^[0-9a-f]{40}$/.test(value)))
    throw invalidRequest(
      `${where}.gitSha1 must be 40 lowercase hex digits, got ${JSON.stringify(value)}.`
    )
  return value
}

function symlinkTarget(asset: unknown, where: string): string {
  const obj = expectObject(asset, where, ['kind', 'target'])
  if (typeof obj.target !== 'string' || obj.target === '')
    throw invalidRequest(`${where}.target must be a non-empty string.`)
  return obj.target
}

/** Gathers a plan asset by asset; `finish` checks what needs the whole set. */
class AssetPlanner {
  private readonly files = new Map<string, string>()
  private readonly symlinks = new Map<string, string>()
  private readonly missing = new Set<string>()
  private totalBytes = 0

  constructor(
    private readonly blobs: BlobStore,
    private readonly projectId: string
  ) {}

  async add(rawPath: string, asset: unknown): Promise<void> {
    const where = `assets[${JSON.stringify(rawPath)}]`
    const path = normalizeAssetPath(rawPath, 'Asset path')
    if (this.files.has(path) || this.symlinks.has(path))
      throw invalidRequest(`Asset path ${JSON.stringify(rawPath)} appears twice.`)
    const kind = (asset as { kind?: unknown } | null)?.kind
    if (kind === 'symlink') this.symlinks.set(path, symlinkTarget(asset, where))
    else if (kind === 'file') this.files.set(path, await this.fileSha(asset, where))
    else
      throw invalidRequest(
        `${where}.kind must be "file" or "symlink", got ${JSON.stringify(kind)}.`
      )
  }

  finish(): AssetPlan {
    this.checkAllPresent()
    if (this.totalBytes > MAX_DEPLOYMENT_BYTES)
      throw invalidRequest(
        `The assets total ${this.totalBytes} bytes; a deployment may hold at most ${MAX_DEPLOYMENT_BYTES} bytes (1 GB).`
      )
    this.checkParentsAreDirectories()
    for (const [path, target] of this.symlinks) checkSymlink(path, target, this.symlinks)
    return { files: this.files, symlinks: this.symlinks, totalBytes: this.totalBytes }
  }

  /** A file's blob: its content as stored while the body streamed, or a blob named by gitSha1. */
  private async fileSha(asset: unknown, where: string): Promise<string> {
    const obj = expectObject(asset, where, ['kind', 'content', 'encoding', 'gitSha1'])
    const claimed = claimedSha(obj.gitSha1, where)
    if (obj.content !== undefined && obj.content !== null) {
      const { sha, size } = await this.storedContent(obj.content, obj.encoding, where)
      if (claimed !== undefined && claimed !== sha)
        throw invalidRequest(`${where}.gitSha1 is ${claimed} but its content hashes to ${sha}.`)
      this.totalBytes += size
      return sha
    }
    if (claimed === undefined) throw invalidRequest(`${where} needs either content or gitSha1.`)
    const size = this.blobs.size(this.projectId, claimed)
    if (size === undefined) this.missing.add(claimed)
    else this.totalBytes += size
    return claimed
  }

  private storedContent(
    content: unknown,
    encoding: unknown,
    where: string
  ): Promise<{ sha: string; size: number }> {
    const decodeAs = checkEncoding(encoding, where)
    // Every string content became a StoredContent while the body streamed (asset-upload.ts).
    if (!(content instanceof StoredContent))
      throw invalidRequest(`${where}.content must be a string.`)
    return resolveStored(content, decodeAs, where, this.blobs, this.projectId)
  }

  private checkAllPresent(): void {
    if (this.missing.size === 0) return
    const missing = [...this.missing]
    throw new HttpError(
      400,
      'missingAssets',
      `This project has never received the content of ${missing.length} asset(s); send them with content instead of gitSha1: ${missing.join(', ')}`,
      {},
      { missingAssets: missing }
    )
  }

  /** No asset may lie under a file or symlink. */
  private checkParentsAreDirectories(): void {
    const kindOf = (path: string): string | undefined =>
      this.files.has(path) ? 'file' : this.symlinks.has(path) ? 'symlink' : undefined
    for (const path of [...this.files.keys(), ...this.symlinks.keys()]) {
      const parts = path.split('/')
      for (let i = 1; i < parts.length; i++) {
        const parent = parts.slice(0, i).join('/')
        const kind = kindOf(parent)
        if (kind !== undefined)
          throw invalidRequest(
            `Asset path ${JSON.stringify(path)} lies under ${JSON.stringify(parent)}, which is a ${kind}, not a directory.`
          )
      }
    }
  }
}

/**
 * Validates the `assets` of a deployment request parsed by parseDeploymentBody (contents already
 * in the project's blob store) and returns what to materialize. Unknown `gitSha1` hashes → 400
 * missingAssets listing all of them.
 */
export async function planAssets(
  value: unknown,
  blobs: BlobStore,
  projectId: string
): Promise<AssetPlan> {
  if (value === undefined) throw invalidRequest('assets is required (an object of path → asset).')
  const planner = new AssetPlanner(blobs, projectId)
  for (const [rawPath, asset] of Object.entries(expectMap(value, 'assets')))
    await planner.add(rawPath, asset)
  return planner.finish()
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
