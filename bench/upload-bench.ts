/*
 * Upload benchmark (issue 9, P2 and P3): the action deploys to the local server through a
 * counting TCP proxy, as a real step (bundle built from src/, push to a feature branch).
 *
 * 1. A 500 MB tree: peak RSS of the action process (/usr/bin/time) and of the server process
 *    (VmHWM), targets ≤ 350 MB and ≤ 600 MB.
 * 2. A 2,000-file tree deployed to a fresh project, then again with one file changed: the bytes
 *    the action sent on the wire each time (counted by the proxy), target ≤ 1 %.
 *
 * Each run must end with its deployment live (the step's `status` output `success`, its URL
 * answering) and the proxy must have carried at least the tree's size; otherwise it fails.
 *
 *   npm run bench:upload [-- --bundle path/to/index.js] [-- --skip-big]
 */
import { readFileSync, readdirSync, writeFileSync } from 'node:fs'
import net from 'node:net'
import path from 'node:path'
import { parseOutputs } from '../testing/action-runner.js'
import { startLocalServer, type LocalServer } from '../server/testing/harness.js'
import {
  WORK,
  actionBundle,
  generateTree,
  mb,
  ms,
  proveOrFail,
  stepEnv,
  timed,
  type Sample
} from './support.js'

const BIG = path.join(WORK, 'tree-500mb')
const BIG_SPEC = { textFiles: 100, textBytes: 1_000_000, binaryFiles: 400, binaryBytes: 1_000_000 }
const SMALL = path.join(WORK, 'tree-2k')
const SMALL_SPEC = {
  textFiles: 1800,
  textBytes: 4 * 1024,
  binaryFiles: 200,
  binaryBytes: 80 * 1024
}

interface CountingProxy {
  port: number
  /** Bytes from the action to the server, and back, since the last reset. */
  sent: number
  received: number
  reset(): void
  close(): Promise<void>
}

/** A loopback TCP proxy that counts every byte in each direction. */
async function countingProxy(targetPort: number): Promise<CountingProxy> {
  const sockets = new Set<net.Socket>()
  const proxy: CountingProxy = {
    port: 0,
    sent: 0,
    received: 0,
    reset() {
      proxy.sent = 0
      proxy.received = 0
    },
    close: () => {
      for (const socket of sockets) socket.destroy()
      return new Promise(resolve => server.close(() => resolve()))
    }
  }
  const server = net.createServer(client => {
    const upstream = net.connect(targetPort, '127.0.0.1')
    for (const socket of [client, upstream]) {
      sockets.add(socket)
      socket.on('close', () => sockets.delete(socket))
      socket.on('error', () => {
        client.destroy()
        upstream.destroy()
      })
    }
    client.on('data', chunk => (proxy.sent += chunk.length))
    upstream.on('data', chunk => (proxy.received += chunk.length))
    client.pipe(upstream)
    upstream.pipe(client)
  })
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  proxy.port = (server.address() as net.AddressInfo).port
  return proxy
}

/** Peak RSS (VmHWM) of the local server's Node process, found by its data dir. */
function serverPeakRssKb(server: LocalServer): number {
  let peak = 0
  for (const pid of readdirSync('/proc').filter(name => /^\d+$/.test(name))) {
    try {
      const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf-8')
      if (!cmdline.includes('server/main.ts') || !cmdline.includes(server.dataDir)) continue
      const hwm = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf-8'))
      if (hwm) peak = Math.max(peak, Number(hwm[1]))
    } catch {
      // the process ended while we looked
    }
  }
  return peak
}

interface Deploy {
  sample: Sample
  outputs: Record<string, string>
  sent: number
}

async function deploy(
  bundle: string,
  server: LocalServer,
  proxy: CountingProxy,
  projectId: string,
  root: string,
  name: string
): Promise<Deploy> {
  const env = stepEnv(name, {
    token: server.token,
    project: projectId,
    'api-version': 'v1',
    'api-url': `http://127.0.0.1:${proxy.port}/v1`,
    entrypoint: 'main.ts',
    root: path.relative(process.cwd(), root),
    comment: 'false',
    'github-deployments': 'false',
    timeout: '20m'
  })
  proxy.reset()
  const sample = await timed([process.execPath, bundle], { env })
  const outputs = parseOutputs(readFileSync(env.GITHUB_OUTPUT, 'utf-8'))
  proveOrFail(
    outputs.status === 'success',
    `the ${name} deployment is live (status output)`,
    sample.stdout
  )
  proveOrFail(Boolean(outputs.url), `the ${name} deployment has a URL`, sample.stdout)
  return { sample, outputs, sent: proxy.sent }
}

function treeBytes(files: string[]): number {
  return files.reduce((sum, file) => sum + readFileSync(file).length, 0)
}

/** Part 1: deploys the 500 MB tree and reports the peak RSS of the action and of the server. */
async function benchBigTree(bundle: string, server: LocalServer, proxy: CountingProxy) {
  const files = generateTree(BIG, BIG_SPEC)
  const size = treeBytes(files)
  const project = await server.createProject('upload-big')
  const big = await deploy(bundle, server, proxy, project.id, BIG, 'big')
  proveOrFail(
    big.sent >= size,
    `the action sent at least the tree's ${mb(size)}`,
    big.sample.stdout
  )
  console.log(
    `500 MB tree: ${files.length} files, ${mb(size)}; deployed in ${ms(big.sample.seconds)}, ${mb(big.sent)} on the wire`
  )
  console.log(
    `  peak RSS, action process: ${Math.round((big.sample.maxRssKb ?? 0) / 1024)} MB (target ≤ 350 MB)`
  )
  console.log(
    `  peak RSS, server process: ${Math.round(serverPeakRssKb(server) / 1024)} MB (target ≤ 600 MB)`
  )
}

/** Part 2: deploys the 2,000-file tree, changes one file, deploys again and compares the bytes. */
async function benchRedeploy(bundle: string, server: LocalServer, proxy: CountingProxy) {
  const files = generateTree(SMALL, SMALL_SPEC)
  const project = await server.createProject('upload-redeploy')
  const first = await deploy(bundle, server, proxy, project.id, SMALL, 'first')
  const changed = files.find(file => file.endsWith('.ts') && !file.endsWith('main.ts'))!
  const original = readFileSync(changed)
  writeFileSync(changed, `${original}// changed for the redeploy ${Date.now()}\n`)
  let again: Deploy
  try {
    again = await deploy(bundle, server, proxy, project.id, SMALL, 'redeploy')
  } finally {
    // The tree is reused by the next run, which must start from the same content.
    writeFileSync(changed, original)
  }
  proveOrFail(
    again.outputs['deployment-id'] !== first.outputs['deployment-id'],
    'the redeploy created a new deployment',
    again.sample.stdout
  )
  reportRedeploy(files, first, again)
}

/** Prints what part 2 measured: the bytes each deploy sent on the wire, and their ratio. */
function reportRedeploy(files: string[], first: Deploy, again: Deploy): void {
  const size = treeBytes(files)
  console.log(
    `2,000-file tree (${files.length} files, ${mb(size)}), one file changed between two deploys:`
  )
  console.log(`  first deploy: ${(first.sent / 1e3).toFixed(0)} kB sent on the wire`)
  console.log(`  redeploy:     ${(again.sent / 1e3).toFixed(0)} kB sent on the wire`)
  console.log(
    `  redeploy / first: ${((100 * again.sent) / first.sent).toFixed(2)} % (target ≤ 1 %)`
  )
  for (const [name, run] of [
    ['first', first],
    ['redeploy', again]
  ] as const) {
    const reported = /"bytesUploaded":\s*(\d+)/.exec(run.outputs.result ?? '')
    if (reported) console.log(`  ${name}: the action reported bytesUploaded ${reported[1]}`)
  }
}

async function main(): Promise<void> {
  const bundle = actionBundle()
  const server = await startLocalServer({ maxProcesses: 4 })
  const proxy = await countingProxy(server.port)
  try {
    if (!process.argv.includes('--skip-big')) await benchBigTree(bundle, server, proxy)
    await benchRedeploy(bundle, server, proxy)
  } finally {
    await proxy.close()
    await server.stop()
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error)
  process.exit(1)
})
