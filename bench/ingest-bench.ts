/*
 * Server-side ingest benchmark: creating a v1 deployment and a v2 revision of N files with
 * every content inline (one request each, fresh project/app so nothing is deduplicated), from
 * the first byte sent to the answer, against writing the same bytes as files with
 * fs.writeFile in the same run (the floor any ingest has to pay). 1,000 and 10,000 files
 * (~6.8 KB each, 68 MB at 10,000); each created deployment must then build and serve.
 *
 *   npm run bench:ingest [-- --files 10000 --small 1000]
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { request } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { api } from '../server/testing/deploys.js'
import { startLocalServer, type LocalServer } from '../server/testing/harness.js'
import { intOption, mb, proveOrFail } from './support.js'

const FILE_BYTES = 6_800
const MAIN = 'Deno.serve(() => new Response("ingested"))\n'

/** `files` distinct text files plus main.ts; `seed` keeps runs from sharing contents. */
function tree(files: number, seed: string): Map<string, string> {
  const out = new Map<string, string>([['main.ts', MAIN]])
  const line = `export const value = "${seed}";\n`
  for (let i = 0; i < files; i++) {
    const head = `// ${seed} file ${i}\n`
    const body = line.repeat(Math.ceil(FILE_BYTES / line.length))
    out.set(`pkg${i % 40}/mod${i % 9}/file${i}.ts`, (head + body).slice(0, FILE_BYTES))
  }
  return out
}

const totalBytes = (files: Map<string, string>): number =>
  [...files.values()].reduce((sum, content) => sum + Buffer.byteLength(content), 0)

/** POST of a ready body; resolves with the status, the parsed answer and the elapsed ms. */
function post(
  server: LocalServer,
  path: string,
  body: Buffer
): Promise<{ status: number; answer: Record<string, unknown>; ms: number }> {
  const started = performance.now()
  return new Promise((resolve, reject) => {
    const req = request(
      `${server.origin}${path}`,
      {
        method: 'POST',
        headers: {
          authorization: `Bearer ${server.token}`,
          'content-type': 'application/json',
          'content-length': body.length
        }
      },
      res => {
        const parts: Buffer[] = []
        res.on('data', (chunk: Buffer) => parts.push(chunk))
        res.on('end', () => {
          const ms = performance.now() - started
          const answer = JSON.parse(Buffer.concat(parts).toString() || '{}') as Record<
            string,
            unknown
          >
          resolve({ status: res.statusCode ?? 0, answer, ms })
        })
      }
    )
    req.on('error', reject)
    req.end(body)
  })
}

const assetsOf = (files: Map<string, string>): Record<string, unknown> =>
  Object.fromEntries(
    [...files].map(([path, content]) => [path, { kind: 'file', content, encoding: 'utf-8' }])
  )

/** The reference: the same files written one by one with fs.writeFile. */
async function writeReference(files: Map<string, string>): Promise<number> {
  const dir = await mkdtemp(join(tmpdir(), 'ingest-ref-'))
  try {
    const started = performance.now()
    for (const [path, content] of files) {
      const target = join(dir, path)
      await mkdir(join(target, '..'), { recursive: true })
      await writeFile(target, content)
    }
    return performance.now() - started
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}

async function ingestV1(
  server: LocalServer,
  files: Map<string, string>,
  name: string
): Promise<number> {
  const project = await server.createProject(name)
  const body = Buffer.from(
    JSON.stringify({ entryPointUrl: 'main.ts', envVars: {}, assets: assetsOf(files) })
  )
  const created = await post(server, `/v1/projects/${project.id}/deployments`, body)
  proveOrFail(
    created.status === 200,
    `v1 create of ${files.size} files answered 200`,
    JSON.stringify(created.answer).slice(0, 500)
  )
  const id = String(created.answer.id)
  await api(server, 'GET', `/deployments/${id}/build_logs`)
  const built = await api<{ status: string; domains: string[] }>(
    server,
    'GET',
    `/deployments/${id}`
  )
  proveOrFail(built.body.status === 'success', 'the v1 deployment built', built.body.status)
  const served = await server.fetchHost(built.body.domains[0])
  proveOrFail(served.text() === 'ingested', 'the v1 deployment serves', served.text())
  return created.ms
}

/** A v2 API call (the v2 test helpers need jest, which a bench does not run under). */
async function v2(
  server: LocalServer,
  method: string,
  path: string,
  body?: unknown
): Promise<{ status: number; text: string }> {
  const res = await fetch(`${server.v2Url}${path}`, {
    method,
    headers: { authorization: `Bearer ${server.token}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body)
  })
  return { status: res.status, text: await res.text() }
}

async function ingestV2(
  server: LocalServer,
  files: Map<string, string>,
  slug: string
): Promise<number> {
  const config = { runtime: { type: 'dynamic', entrypoint: 'main.ts' } }
  const app = await v2(server, 'POST', '/apps', { slug, config })
  proveOrFail(app.status === 200, 'the v2 app was created', app.text)
  const assets = Object.fromEntries(
    [...files].map(([path, content]) => [path, { kind: 'file', content }])
  )
  const body = Buffer.from(JSON.stringify({ assets, production: true }))
  const created = await post(server, `/v2/apps/${slug}/deploy`, body)
  proveOrFail(
    created.status === 202,
    `v2 deploy of ${files.size} files answered 202`,
    JSON.stringify(created.answer).slice(0, 500)
  )
  const id = String(created.answer.id)
  // The progress stream ends at the terminal state.
  await v2(server, 'GET', `/revisions/${id}/progress`)
  const rev = JSON.parse((await v2(server, 'GET', `/revisions/${id}`)).text) as { status: string }
  proveOrFail(
    rev.status === 'succeeded',
    'the v2 revision succeeded',
    JSON.stringify(rev).slice(0, 500)
  )
  const served = await server.fetchHost(`${slug}.${server.organizationSlug}.deploy.localhost`)
  proveOrFail(served.text() === 'ingested', 'the v2 revision serves', served.text())
  return created.ms
}

async function main(): Promise<void> {
  const large = intOption('files', 10_000)
  const small = intOption('small', 1_000)
  const server = await startLocalServer()
  const results: string[] = []
  const ratios: Record<string, number[]> = {}
  try {
    for (const count of [small, large]) {
      const rows: [string, number][] = []
      for (const [label, run] of [
        ['v1', (f: Map<string, string>, n: string) => ingestV1(server, f, n)],
        ['v2', (f: Map<string, string>, n: string) => ingestV2(server, f, n)]
      ] as const) {
        const name = `ingest-${label}-${count}`
        const files = tree(count, name)
        const ms = await run(files, name)
        const reference = await writeReference(files)
        rows.push([label, ms])
        ;(ratios[label] ??= []).push(ms)
        results.push(
          `${label}: ${files.size} files, ${mb(totalBytes(files))}: ${(ms / 1000).toFixed(2)} s ` +
            `(fs.writeFile of the same files: ${(reference / 1000).toFixed(2)} s, ratio ${(ms / reference).toFixed(1)}x)`
        )
      }
    }
  } finally {
    await server.stop()
  }
  for (const line of results) console.log(line)
  for (const [label, [smallMs, largeMs]] of Object.entries(ratios))
    console.log(
      `${label}: ${large} / ${small} files time ratio ${(largeMs / smallMs).toFixed(1)}x (target ≤ 12x; ${large} files ≤ 10 s)`
    )
}

main().catch(error => {
  console.error(error instanceof Error ? error.message : error)
  process.exit(1)
})
