/*
 * State store benchmark: latency of a deploy POST (create deployment, answer 200) on a server
 * holding 1 project against one holding N projects (with a deployment, a host binding and a
 * v2 app each), measured in the same run, alternating. Both data directories are seeded as
 * an older server's state.json, which the server takes over on start. Every POST must
 * answer 200 and its deployment must build.
 *
 *   npm run bench:store [-- --apps 1000 --rounds 30]
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { randomUUID } from 'node:crypto'
import { api } from '../server/testing/deploys.js'
import { startLocalServer, type LocalServer } from '../server/testing/harness.js'
import { formatStats, intOption, proveOrFail, stats } from './support.js'

const T = '2024-01-02T03:04:05.000Z'

/** A state.json of the pre-database layout with `apps` projects; returns the first project id. */
async function seed(dataDir: string, apps: number): Promise<string> {
  const projects: Record<string, unknown> = {}
  const deployments: Record<string, unknown> = {}
  const bindings: Record<string, string> = {}
  const v2Apps: Record<string, unknown> = {}
  const ids: string[] = []
  for (let i = 0; i < apps; i++) {
    const id = randomUUID()
    const name = `seeded-${i}`
    const deploymentId = `d${String(i).padStart(11, '0')}`
    ids.push(id)
    projects[id] = { id, name, description: '', createdAt: T, updatedAt: T }
    deployments[deploymentId] = {
      ...{ id: deploymentId, projectId: id, status: 'failed', description: '' },
      ...{ createdAt: T, updatedAt: T, entryPointUrl: 'main.ts', importMapUrl: null },
      ...{ lockFileUrl: null, compilerOptions: null, envVars: { A: 'b' }, databases: {} },
      ...{ requestTimeout: null, permissions: null, requestedDomains: null, enableCron: null }
    }
    bindings[`${name}-${deploymentId}.deno.localhost`] = deploymentId
    const appId = randomUUID()
    v2Apps[appId] = {
      ...{ id: appId, slug: `seeded-app-${i}`, labels: {}, envVars: [], config: null },
      ...{ createdAt: T, updatedAt: T, seq: i + 1 }
    }
  }
  const organization = { id: randomUUID(), name: 'local', createdAt: T, updatedAt: T }
  const state = {
    ...{ version: 1, organization, token: `bench-${randomUUID()}`, projects, deployments },
    ...{ domains: {}, databases: {}, bindings, v2: { seq: apps, apps: v2Apps, revisions: {} } }
  }
  await writeFile(join(dataDir, 'state.json'), JSON.stringify(state))
  return ids[0]
}

const ASSETS = {
  'main.ts': { kind: 'file', content: 'Deno.serve(() => new Response("ok"))\n', encoding: 'utf-8' }
}

/** One timed deploy POST (until its 200), then an untimed wait for the build to end. */
async function deployOnce(server: LocalServer, projectId: string): Promise<number> {
  const started = performance.now()
  const created = await api<{ id: string }>(server, 'POST', `/projects/${projectId}/deployments`, {
    entryPointUrl: 'main.ts',
    envVars: {},
    assets: ASSETS
  })
  const elapsed = performance.now() - started
  proveOrFail(created.status === 200, 'the deploy POST answered 200', JSON.stringify(created))
  await api(server, 'GET', `/deployments/${created.body.id}/build_logs`)
  const built = await api<{ status: string }>(server, 'GET', `/deployments/${created.body.id}`)
  proveOrFail(built.body.status === 'success', 'the deployment built', built.body.status)
  return elapsed
}

async function main(): Promise<void> {
  const apps = intOption('apps', 1000)
  const rounds = intOption('rounds', 30)
  const dirs = [
    await mkdtemp(join(tmpdir(), 'store-bench-')),
    await mkdtemp(join(tmpdir(), 'store-bench-'))
  ]
  const servers: LocalServer[] = []
  try {
    const firstProjects = [await seed(dirs[0], 1), await seed(dirs[1], apps)]
    for (const dataDir of dirs) servers.push(await startLocalServer({ dataDir }))
    const times: number[][] = [[], []]
    // Warm both (module loading, first build), then alternate.
    for (const i of [0, 1]) await deployOnce(servers[i], firstProjects[i])
    for (let round = 0; round < rounds; round++)
      for (const i of [0, 1]) times[i].push(await deployOnce(servers[i], firstProjects[i]))
    const [one, many] = times.map(stats)
    const msText = (v: number): string => `${v.toFixed(1)} ms`
    console.log(`deploy POST (1 small file, until 200), ${rounds} rounds, alternating`)
    console.log(`1 app:        ${formatStats(one, msText)}`)
    console.log(`${apps} apps: ${formatStats(many, msText)}`)
    const ratio = many.median / one.median
    console.log(`ratio ${apps} apps / 1 app (medians): ${ratio.toFixed(2)}x (target ≤ 1.5x)`)
    if (ratio > 1.5) process.exitCode = 1
  } finally {
    for (const server of servers) await server.stop()
    for (const dir of dirs) await rm(dir, { recursive: true, force: true })
  }
}

main().catch(error => {
  console.error(error instanceof Error ? error.message : error)
  process.exit(1)
})
