/*
 * Local server benchmark (issues 9 and 17): cold start and warm latency of a hello deployment
 * through the server's Host routing, against raw Deno (`Deno.serve` in a fresh process) measured
 * in the same run, alternating. Two more warm references sit in front of the same raw Deno: a
 * bare byte relay (a Node process piping TCP, no HTTP parsing, no routing), the cost of the one
 * extra process hop every proxy has on this machine; and the smallest HTTP-aware proxy on Deno's
 * own server and client (Deno.serve → fetch, no routing), what that hop costs once requests are
 * parsed. Every request must answer 200 with the app's text.
 *
 *   npm run bench:server [-- --rounds 5 --requests 2000 --warmup 1000]
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
/** One process, no HTTP: every client connection piped to raw Deno's port, both ways. */
const RELAY = `const net = require('node:net')
const upstream = Number(process.argv[1])
const relay = net.createServer(client => {
  const up = net.connect(upstream, '127.0.0.1')
  client.pipe(up).on('error', () => client.destroy())
  up.pipe(client).on('error', () => up.destroy())
})
relay.listen(0, '127.0.0.1', () => console.log('port ' + relay.address().port))`
/** Deno.serve handing every request to fetch() against raw Deno's port: an HTTP proxy, nothing else. */
const DENO_PROXY = `const upstream = 'http://127.0.0.1:' + Deno.args[0]
Deno.serve({ hostname: '127.0.0.1', port: 0, onListen: a => console.log('port ' + a.port) }, req => {
  const url = new URL(req.url)
  return fetch(upstream + url.pathname + url.search, {
    method: req.method, headers: req.headers, body: req.body, redirect: 'manual'
  })
})`
const WARM_TARGET = 2
const COLD_TARGET = 1.2
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

/** The port a child prints as `port N` once it listens. */
function announcedPort(child: ChildProcess, what: string): Promise<number> {
  return new Promise<number>((resolve, reject) => {
    let out = ''
    child.stdout!.on('data', chunk => {
      out += chunk
      const match = /port (\d+)/.exec(out)
      if (match) resolve(Number(match[1]))
    })
    child.on('exit', code => reject(new Error(`${what} exited ${code} before listening`)))
  })
}

/** The byte relay in front of raw Deno (see RELAY), as a child process. */
async function startRelay(rawTarget: Target, children: ChildProcess[]): Promise<Target> {
  const child = spawn(process.execPath, ['-e', RELAY, String(rawTarget.port)], {
    stdio: ['ignore', 'pipe', 'inherit']
  })
  children.push(child)
  const port = await announcedPort(child, 'the byte relay')
  return { port, host: rawTarget.host }
}

/** The Deno proxy in front of raw Deno (see DENO_PROXY), as a child process. */
async function startDenoProxy(rawTarget: Target, children: ChildProcess[]): Promise<Target> {
  const child = spawn(denoBinary(), ['run', '--allow-net=127.0.0.1', '-', String(rawTarget.port)], {
    stdio: ['pipe', 'pipe', 'inherit']
  })
  children.push(child)
  child.stdin!.end(DENO_PROXY)
  const port = await announcedPort(child, 'the Deno proxy')
  return { port, host: rawTarget.host }
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
  const port = await announcedPort(child, 'raw Deno')
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
  const ratio = coldStats.median / rawColdStats.median
  console.log(
    `cold ratio server / raw Deno (medians): ${ratio.toFixed(2)}x (${verdict(ratio, COLD_TARGET)})`
  )
}

type WarmRun = Awaited<ReturnType<typeof warm>>

interface WarmSubject {
  name: string
  target: Target
  agent: Agent
  runs: WarmRun[]
}

const verdict = (ratio: number, target: number): string =>
  `target ≤ ${target}x: ${ratio <= target ? 'met' : 'NOT MET'}`

/** Warm-up for all, then the measured halves alternate between the subjects. */
async function warmRounds(subjects: WarmSubject[], requests: number, warmup: number) {
  for (const s of subjects)
    for (let i = 0; i < warmup; i++) await expectHello(s.target, s.agent, s.name)
  const half = Math.ceil(requests / 2)
  for (let round = 0; round < 2; round++) {
    for (const s of subjects) s.runs.push(await warm(s.target, s.agent, half, s.name))
  }
  return half
}

function reportWarm(half: number, warmup: number, subjects: WarmSubject[]): void {
  const [server, raw, relay, denoProxy] = subjects
  for (const s of subjects) {
    const { runs } = s
    console.log(
      `warm p50, ${s.name.padEnd(10)} (${half} requests x2 after ${warmup}): ${runs.map(r => msText(r.median)).join(', ')}; ` +
        `p99 ${runs.map(r => msText(r.p99)).join(', ')}; min ${msText(Math.min(...runs.map(r => r.min)))}, ` +
        `max ${msText(Math.max(...runs.map(r => r.max)))}`
    )
  }
  const p50 = (s: WarmSubject): number => (s.runs[0].median + s.runs[1].median) / 2
  const ratio = p50(server) / p50(raw)
  console.log(
    `warm p50 ratio server / raw Deno: ${ratio.toFixed(2)}x (${verdict(ratio, WARM_TARGET)})`
  )
  console.log(
    `warm p50 ratio byte relay / raw Deno: ${(p50(relay) / p50(raw)).toFixed(2)}x ` +
      `(the extra process hop alone); server / byte relay: ${(p50(server) / p50(relay)).toFixed(2)}x`
  )
  console.log(
    `warm p50 ratio Deno proxy / raw Deno: ${(p50(denoProxy) / p50(raw)).toFixed(2)}x ` +
      `(an HTTP proxy with no routing); server / Deno proxy: ${(p50(server) / p50(denoProxy)).toFixed(2)}x`
  )
}

async function main(): Promise<void> {
  const rounds = intOption('rounds', 5)
  const requests = intOption('requests', 2000)
  const warmup = intOption('warmup', 1000)
  const server = await startLocalServer({ maxProcesses: rounds + 1 })
  const agents = [0, 1, 2, 3].map(() => new Agent({ keepAlive: true, maxSockets: 1 }))
  const children: ChildProcess[] = []
  try {
    const measured = await coldRounds(
      server,
      rounds,
      { agent: agents[0], rawAgent: agents[1] },
      children
    )
    const subjects: WarmSubject[] = [
      { name: 'the deployment', target: measured.target, agent: agents[0], runs: [] },
      { name: 'raw Deno', target: measured.rawTarget, agent: agents[1], runs: [] },
      {
        name: 'byte relay',
        target: await startRelay(measured.rawTarget, children),
        agent: agents[2],
        runs: []
      },
      {
        name: 'Deno proxy',
        target: await startDenoProxy(measured.rawTarget, children),
        agent: agents[3],
        runs: []
      }
    ]
    const half = await warmRounds(subjects, requests, warmup)
    reportCold(server, rounds, measured)
    reportWarm(half, warmup, subjects)
  } finally {
    for (const agent of agents) agent.destroy()
    for (const child of children) child.kill('SIGTERM')
    await server.stop()
  }
}

main().catch(error => {
  console.error(error instanceof Error ? error.message : error)
  process.exit(1)
})
