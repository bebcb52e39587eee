/*
 * Log flood benchmark: one deployment prints 100,000 lines of 1 KB, then one long line without
 * a newline. Measures the server's resident memory before, at the peak and after, the API's
 * latency (GET organization, polled every 20 ms) during the flood, and how long the long line
 * takes to reach the log. Limits: RSS moves ≤ ~50 MB, API p95 ≤ 50 ms, long line linear.
 *
 *   npm run bench:logs [-- --lines 100000 --long-mb 40]
 */
import { readFileSync } from 'node:fs'
import { residentBytes } from '../server/runtime/memory-watch.js'
import { startLocalServer, type LocalServer } from '../server/testing/harness.js'
import { api, deployAssets } from '../server/testing/deploys.js'
import { intOption, mb, proveOrFail, stats } from './support.js'

const FLOODER = `
Deno.serve(async request => {
  const url = new URL(request.url)
  const n = Number(url.searchParams.get('n'))
  const longMb = Number(url.searchParams.get('long'))
  const line = 'x'.repeat(1000)
  for (let i = 0; i < n; i++) console.log(i + ' ' + line)
  if (longMb) await Deno.stdout.write(new TextEncoder().encode('L'.repeat(longMb << 20)))
  console.log('\\nflood done ' + url.search)
  return new Response('ok')
})`

/** The server process: the launcher's (tsx's) only child. */
function serverPid(server: LocalServer): number {
  const path = `/proc/${server.launcherPid}/task/${server.launcherPid}/children`
  return Number(readFileSync(path, 'utf8').trim().split(/\s+/)[0])
}

async function waitForLog(server: LocalServer, id: string, marker: string): Promise<void> {
  for (;;) {
    const logs = await api<{ message: string }[]>(server, 'GET', `/deployments/${id}/app_logs`)
    if (JSON.stringify(logs.body).includes(marker)) return
    await new Promise(resolve => setTimeout(resolve, 50))
  }
}

/** Polls the API while `work` runs; returns each answer's latency in ms and the peak RSS. */
async function underLoad(server: LocalServer, pid: number, work: Promise<void>) {
  const latencies: number[] = []
  let peak = 0
  let done = false
  void work.finally(() => (done = true))
  while (!done) {
    const started = performance.now()
    await api(server, 'GET', `/organizations/${server.organizationId}`)
    latencies.push(performance.now() - started)
    peak = Math.max(peak, (await residentBytes(pid)) ?? 0)
    await new Promise(resolve => setTimeout(resolve, 20))
  }
  return { latencies, peak }
}

async function main(): Promise<void> {
  const lines = intOption('lines', 100_000)
  const longMb = intOption('long-mb', 40)
  const server = await startLocalServer()
  try {
    const projectId = (await server.createProject('flood')).id
    const d = await deployAssets(server, projectId, {
      'main.ts': { kind: 'file', content: FLOODER, encoding: 'utf-8' }
    })
    const pid = serverPid(server)
    await server.fetchHost(d.domains[0], '/?n=1')
    await waitForLog(server, d.id, 'flood done ?n=1')
    const before = (await residentBytes(pid)) ?? 0
    const flood = server
      .fetchHost(d.domains[0], `/?n=${lines}`)
      .then(() => waitForLog(server, d.id, `flood done ?n=${lines}`))
    const { latencies, peak } = await underLoad(server, pid, flood)
    const after = (await residentBytes(pid)) ?? 0
    const started = performance.now()
    await server.fetchHost(d.domains[0], `/?n=0&long=${longMb}`)
    await waitForLog(server, d.id, `flood done ?n=0&long=${longMb}`)
    const longMs = performance.now() - started
    const s = stats(latencies)
    const p95 = [...latencies].sort((a, b) => a - b)[Math.floor(latencies.length * 0.95)] ?? 0
    console.log(`server RSS: before ${mb(before)}, peak ${mb(peak)}, after ${mb(after)}`)
    console.log(
      `API latency during the flood (${latencies.length} requests): median ${s.median.toFixed(1)} ms, p95 ${p95.toFixed(1)} ms`
    )
    console.log(`one ${longMb} MB line without newline reached the log in ${Math.round(longMs)} ms`)
    proveOrFail(peak - before <= 50e6, 'server RSS moved by at most 50 MB', mb(peak - before))
    proveOrFail(p95 <= 50, 'API p95 within 50 ms during the flood', `${p95.toFixed(1)} ms`)
  } finally {
    await server.stop()
  }
}

await main()
