import * as crypto from 'node:crypto'

const { createHash } = crypto

/** `blob <size>\0`: git hashes this header, then the content. */
export function gitBlobHeader(byteLength: number): string {
  return `blob ${byteLength}\0`
}

/**
 * A SHA-1 hasher primed with git's blob header, so that feeding it the content yields the git
 * blob ID (`git hash-object -t blob`), which is what v1 `gitSha1` assets name.
 */
export function gitBlobHasher(byteLength: number): crypto.Hash {
  return createHash('sha1').update(gitBlobHeader(byteLength))
}

/**
 * SHA-1 of bytes already laid out as header + content. One-shot `crypto.hash` (Node ≥ 20.12)
 * skips creating a Hash object per file, which shows up when hashing thousands of small files.
 */
export const sha1Hex: (data: Uint8Array) => string =
  typeof crypto.hash === 'function'
    ? data => crypto.hash('sha1', data, 'hex')
    : data => createHash('sha1').update(data).digest('hex')

/** Git blob SHA-1 of `content`: `"a\n"` → 78981922613b2afb6025042ff6bd878ac1994e85. */
export function gitBlobSha1(content: Uint8Array | string): string {
  const bytes = typeof content === 'string' ? Buffer.from(content, 'utf-8') : content
  return gitBlobHasher(bytes.byteLength).update(bytes).digest('hex')
}
