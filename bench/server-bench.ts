/*
 * Local server benchmark (issue 9): cold start and warm latency of a hello deployment through
 * the server's Host routing, against raw Deno (`Deno.serve` in a fresh process) measured in
 * the same run, alternating. Every request must answer 200 with the app's text.
 *
 *   npm run bench:server [-- --rounds 5 --requests 2000]
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { Agent, request } from 'node:http'
import { fileURLToPath } from 'node:url'
import { denoBinary } from '../server/runtime/deno-binary.js'
import { startLocalServer, type LocalServer } from '../server/testing/harness.js'
import { deployDir } from '../server/testing/deploys.js'
import { formatStats, intOption, proveOrFail, stats, type Stats } from './support.js'

const HELLO = fileURLToPath(new URL('../examples/hello', import.meta.url))
const HELLO_TEXT = 'Hello from Subhosting Deploy!\n'
const RAW_APP = `Deno.serve({ hostname: '127.0.0.1', port: 0, onListen: a => console.log('port ' + a.port) },
  () => new Response(${JSON.stringify(HELLO_TEXT)}))`

interface Target {
  port: number
  host: string
}

function get(target: Target, agent: Agent): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port: target.port, path: '/', headers: { host: target.host }, agent },
      res => {
        let text = ''
        res.setEncoding('utf-8')
        res.on('data', chunk => (text += chunk))
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text }))
      }
    )
    req.on('error', reject)
    req.end()
  })
}

async function expectHello(target: Target, agent: Agent, what: string): Promise<void> {
  const { status, text } = await get(target, agent)
  proveOrFail(
    status === 200 && text === HELLO_TEXT,
    `${what} answered 200 "${HELLO_TEXT.trim()}"`,
    `${status} ${text}`
  )
}

/** Raw Deno: spawn → first 200, in ms; the process is left running for the warm phase. */
async function rawDenoCold(
  agent: Agent
): Promise<{ ms: number; child: ChildProcess; target: Target }> {
  const started = performance.now()
  const child = spawn(denoBinary(), ['run', '--allow-net=127.0.0.1', '-'], {
    stdio: ['pipe', 'pipe', 'inherit']
  })
  child.stdin!.end(RAW_APP)
  const port = await new Promise<number>((resolve, reject) => {
    let out = ''
    child.stdout!.on('data', chunk => {
      out += chunk
      const match = /port (\d+)/.exec(out)
      if (match) resolve(Number(match[1]))
    })
    child.on('exit', code => reject(new Error(`raw Deno exited ${code} before listening`)))
  })
  const target = { port, host: `127.0.0.1:${port}` }
  await expectHello(target, agent, 'raw Deno')
  return { ms: performance.now() - started, child, target }
}

async function warm(
  target: Target,
  agent: Agent,
  requests: number,
  what: string
): Promise<Stats & { p99: number }> {
  for (let i = 0; i < 50; i++) await expectHello(target, agent, what)
  const times: number[] = []
  for (let i = 0; i < requests; i++) {
    const started = performance.now()
    const { status } = await get(target, agent)
    times.push(performance.now() - started)
    proveOrFail(status === 200, `${what}: warm request ${i} answered 200`, String(status))
  }
  times.sort((a, b) => a - b)
  return { ...stats(times), p99: times[Math.ceil(0.99 * times.length) - 1] }
}

const msText = (value: number): string => `${value.toFixed(2)} ms`

interface ColdRounds {
  cold: number[]
  rawCold: number[]
  target: Target
  rawTarget: Target
}

/** Each round deploys hello afresh and times its first request, then a raw Deno's, alternating. */
async function coldRounds(
  server: LocalServer,
  rounds: number,
  agents: { agent: Agent; rawAgent: Agent },
  children: ChildProcess[]
): Promise<ColdRounds> {
  const project = await server.createProject('bench')
  const result: ColdRounds = {
    cold: [],
    rawCold: [],
    target: { port: server.port, host: '' },
    rawTarget: { port: 0, host: '' }
  }
  for (let round = 0; round < rounds; round++) {
    const deployment = await deployDir(server, project.id, HELLO)
    proveOrFail(deployment.status === 'success', 'hello built', deployment.status)
    result.target = { port: server.port, host: deployment.domains[0] }
    const started = performance.now()
    await expectHello(result.target, agents.agent, 'the deployment')
    result.cold.push(performance.now() - started)

    const raw = await rawDenoCold(agents.rawAgent)
    result.rawCold.push(raw.ms)
    children.push(raw.child)
    result.rawTarget = raw.target
  }
  return result
}

function reportCold(server: LocalServer, rounds: number, { cold, rawCold }: ColdRounds): void {
  const coldStats = stats(cold)
  const rawColdStats = stats(rawCold)
  console.log(
    `hello deployment via ${server.origin} (Host routing) vs raw Deno.serve, ${rounds} rounds`
  )
  console.log(
    `cold start, local server (first request after the build → 200): ${formatStats(coldStats, msText)}`
  )
  console.log(
    `cold start, raw Deno (spawn → first 200):                      ${formatStats(rawColdStats, msText)}`
  )
  console.log(
    `cold ratio server / raw Deno (medians): ${(coldStats.median / rawColdStats.median).toFixed(2)}x (target ≤ 1500 ms absolute)`
  )
}

type WarmRun = Awaited<ReturnType<typeof warm>>

function reportWarm(half: number, subjectWarm: WarmRun[], rawWarm: WarmRun[]): void {
  for (const [name, runs] of [
    ['local server', subjectWarm],
    ['raw Deno    ', rawWarm]
  ] as const) {
    console.log(
      `warm p50, ${name} (${half} requests x2): ${runs.map(r => msText(r.median)).join(', ')}; ` +
        `p99 ${runs.map(r => msText(r.p99)).join(', ')}; min ${msText(Math.min(...runs.map(r => r.min)))}, ` +
        `max ${msText(Math.max(...runs.map(r => r.max)))}`
    )
  }
  const ratio =
    (subjectWarm[0].median + subjectWarm[1].median) / (rawWarm[0].median + rawWarm[1].median)
  console.log(`warm p50 ratio server / raw Deno: ${ratio.toFixed(2)}x (target p50 ≤ 5 ms absolute)`)
}

async function main(): Promise<void> {
  const rounds = intOption('rounds', 5)
  const requests = intOption('requests', 2000)
  const server = await startLocalServer({ maxProcesses: rounds + 1 })
  const agent = new Agent({ keepAlive: true, maxSockets: 1 })
  const rawAgent = new Agent({ keepAlive: true, maxSockets: 1 })
  const children: ChildProcess[] = []
  try {
    const measured = await coldRounds(server, rounds, { agent, rawAgent }, children)
    const { target, rawTarget } = measured
    // Alternate the warm phases too, in halves.
    const half = Math.ceil(requests / 2)
    const subjectWarm = [await warm(target, agent, half, 'the deployment')]
    const rawWarm = [await warm(rawTarget, rawAgent, half, 'raw Deno')]
    subjectWarm.push(await warm(target, agent, half, 'the deployment'))
    rawWarm.push(await warm(rawTarget, rawAgent, half, 'raw Deno'))
    reportCold(server, rounds, measured)
    reportWarm(half, subjectWarm, rawWarm)
  } finally {
    agent.destroy()
    rawAgent.destroy()
    for (const child of children) child.kill('SIGTERM')
    await server.stop()
  }
}

main().catch(error => {
  console.error(error instanceof Error ? error.message : error)
  process.exit(1)
})
