/**
 * `npm run demo -- --api v2`: the README's demo against the local server's v2 API, as a user runs
 * it (the committed bundle, the GitHub double), from start to the fetched URL and the comment.
 * (`npm run demo` itself, v1, runs in CI as the README's quick start.)
 */
import { describe, expect, it } from '@jest/globals'
import { execFile } from 'node:child_process'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

const ROOT = fileURLToPath(new URL('..', import.meta.url))

describe('npm run demo -- --api v2', () => {
  it('deploys examples/hello as a v2 preview revision, fetches it and shows the comment', async () => {
    const run = await new Promise<{ code: number; stdout: string; stderr: string }>(resolve => {
      execFile(
        join(ROOT, 'node_modules', '.bin', 'tsx'),
        ['scripts/demo.ts', '--api', 'v2'],
        { cwd: ROOT, env: { ...process.env, NO_COLOR: '1' }, timeout: 240_000 },
        (error, stdout, stderr) =>
          resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr })
      )
    })
    if (run.code !== 0) throw new Error(`demo failed:\n${run.stdout}\n${run.stderr}`)
    expect(run.stdout).toContain('Creating an app (v2)')
    expect(run.stdout).toMatch(/Created revision [a-z0-9]{12}\./)
    expect(run.stdout).toMatch(/http:\/\/hello-[a-z0-9]{12}\.local\.deploy\.localhost:\d+\//)
    expect(run.stdout).toContain('HTTP 200')
    expect(run.stdout).toContain('Hello from Subhosting Deploy!')
    expect(run.stdout).toContain('✅ Ready')
  }, 300_000)
})
