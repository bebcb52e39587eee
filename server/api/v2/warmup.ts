// The boot check after a successful build: one real request through the server's own router.
import { request } from 'node:http'

/** Longer than the runtime's start timeout: a process that never listens is reported by then. */
const WARMUP_TIMEOUT_MS = 25_000

export type WarmupResult = { ok: true; note?: string } | { ok: false; message: string }

/**
 * GET / on the revision (by a host only this server knows). The runtime answers 502 with
 * `x-subhosting-error: upstream` when the process exits or never serves; any answer of the app
 * itself, even an error status, means it booted.
 */
export function warmup(port: number, host: string): Promise<WarmupResult> {
  return new Promise(resolve => {
    const req = request(
      { host: '127.0.0.1', port, path: '/', method: 'GET', headers: { host }, agent: false },
      res => {
        const chunks: Buffer[] = []
        res.on('data', (c: Buffer) => chunks.push(c))
        res.on('error', () => resolve({ ok: true }))
        res.on('end', () => {
          if (res.statusCode === 502 && res.headers['x-subhosting-error'] === 'upstream') {
            const body = Buffer.concat(chunks).toString('utf8').trim()
            resolve({ ok: false, message: body.replace(/^Bad Gateway:\s*/, '') })
          } else resolve({ ok: true })
        })
      }
    )
    req.setTimeout(WARMUP_TIMEOUT_MS, () => {
      req.destroy()
      resolve({
        ok: true,
        note: `the app did not answer GET / within ${WARMUP_TIMEOUT_MS / 1000} s`
      })
    })
    req.on('error', err => resolve({ ok: false, message: `the boot check failed: ${err.message}` }))
    req.end()
  })
}
