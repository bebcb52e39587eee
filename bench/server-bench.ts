// Cold start and warm latency of a hello deployment through the local server's router.
// Usage: npm run bench:server [-- --rounds 5 --requests 2000]
import { Agent, request } from 'node:http'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { startLocalServer, type LocalServer } from '../server/testing.js'
import { deployDir } from '../server/__tests__/apps-helpers.js'

const HELLO = fileURLToPath(new URL('../examples/hello', import.meta.url))

function option(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`)
  const value = index === -1 ? fallback : Number(process.argv[index + 1])
  if (!Number.isInteger(value) || value < 1) {
    throw new Error(`--${name} must be a positive integer (got ${process.argv[index + 1]}).`)
  }
  return value
}

function get(server: LocalServer, host: string, agent: Agent): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port: server.port, path: '/', headers: { host }, agent },
      res => {
        res.resume()
        res.on('end', () => resolve(res.statusCode ?? 0))
      }
    )
    req.on('error', reject)
    req.end()
  })
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]
const ms = (value: number) => `${value.toFixed(2)} ms`

async function main(): Promise<void> {
  const rounds = option('rounds', 5)
  const requests = option('requests', 2000)
  const server = await startLocalServer({ maxProcesses: rounds + 1 })
  try {
    const project = await server.createProject('bench')
    const agent = new Agent({ keepAlive: true, maxSockets: 1 })

    const cold: number[] = []
    let host = ''
    for (let round = 0; round < rounds; round++) {
      const deployment = await deployDir(server, project.id, HELLO)
      if (deployment.status !== 'success')
        throw new Error(`hello did not build: ${deployment.status}`)
      host = deployment.domains[0]
      const started = performance.now()
      const status = await get(server, host, agent)
      if (status !== 200) throw new Error(`first request answered ${status}`)
      cold.push(performance.now() - started)
    }

    for (let i = 0; i < 50; i++) await get(server, host, agent)
    const warm: number[] = []
    for (let i = 0; i < requests; i++) {
      const started = performance.now()
      const status = await get(server, host, agent)
      warm.push(performance.now() - started)
      if (status !== 200) throw new Error(`warm request ${i} answered ${status}`)
    }
    warm.sort((a, b) => a - b)
    const coldSorted = [...cold].sort((a, b) => a - b)
    agent.destroy()

    console.log(
      `hello deployment via ${server.origin} (Host routing), ${join('examples', 'hello')}`
    )
    console.log(
      `cold start (first request → 200, ${rounds} fresh deployments): ` +
        `median ${ms(percentile(coldSorted, 50))}, max ${ms(coldSorted.at(-1)!)} ` +
        `[${cold.map(v => v.toFixed(0)).join(', ')}] (target ≤ 1500 ms)`
    )
    console.log(
      `warm (${requests} sequential keep-alive requests): p50 ${ms(percentile(warm, 50))}, ` +
        `p99 ${ms(percentile(warm, 99))}, max ${ms(warm.at(-1)!)} (target p50 ≤ 5 ms)`
    )
  } finally {
    await server.stop()
  }
}

main().catch(error => {
  console.error(error instanceof Error ? error.message : error)
  process.exit(1)
})
