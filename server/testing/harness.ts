// The one place tests start and stop local servers (see server/README.md): the whole server as a
// child process (startLocalServer), or only its deployment runtime in this process behind a
// small Host-routing front (RuntimeHarness), for tests of the runtime without the control plane.
import { spawn, type ChildProcess } from 'node:child_process'
import { readdirSync, readFileSync } from 'node:fs'
import { cp, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { createServer, request, type IncomingHttpHeaders, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { FaultRule } from '../api/faults/faults.js'
import type { DeploymentRuntime, LogLevel, RunSpec, RuntimeOptions } from '../runtime/types.js'

export type { FaultRule } from '../api/faults/faults.js'

const REPO_ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)))
export const EXAMPLES_DIR = join(REPO_ROOT, 'examples')
const STOP_GRACE_MS = 10_000
const START_TIMEOUT_MS = 60_000

export interface HostResponse {
  status: number
  headers: Record<string, string | string[] | undefined>
  body: Buffer
  text(): string
}

export interface HostRequestInit {
  method?: string
  headers?: Record<string, string>
  body?: string | Buffer
}

/** One request to 127.0.0.1:<port> carrying `hostHeader`, on its own connection. */
function requestWithHost(
  port: number,
  hostHeader: string,
  path: string,
  init: HostRequestInit
): Promise<HostResponse> {
  return new Promise((resolvePromise, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path,
        method: init.method ?? 'GET',
        headers: { ...init.headers, host: hostHeader },
        agent: false
      },
      res => {
        const chunks: Buffer[] = []
        res.on('data', (c: Buffer) => chunks.push(c))
        res.on('error', reject)
        res.on('end', () => {
          const body = Buffer.concat(chunks)
          resolvePromise({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body,
            text: () => body.toString('utf8')
          })
        })
      }
    )
    req.on('error', reject)
    req.end(init.body)
  })
}

// ——— The whole server, as a child process ———

export interface LocalServer {
  apiUrl: string
  organizationId: string
  /** v2: the organization's slug (host names, X-Deno-Org). */
  organizationSlug: string
  token: string
  port: number
  dataDir: string
  /** http://127.0.0.1:<port> */
  origin: string
  /** HTTP request to a deployment by host name (connects to 127.0.0.1:<port>, sets Host). */
  fetchHost(host: string, path?: string, init?: HostRequestInit): Promise<HostResponse>
  injectFaults(rules: FaultRule[]): Promise<void>
  clearFaults(): Promise<void>
  /** POST a project through the API and return it (convenience for tests). */
  createProject(name?: string): Promise<{ id: string; name: string }>
  /** v2: the API's base URL (`<origin>/v2`). */
  v2Url: string
  /** v2: POST an app through the API and return it. */
  createApp(slug?: string): Promise<{ id: string; slug: string }>
  /** SIGTERM, waits for exit; kills the group if needed. */
  stop(): Promise<void>
  /** The launcher's process id (tsx, whose child process runs the server), for memory checks. */
  launcherPid: number
}

export interface StartOptions {
  dataDir?: string
  token?: string
  idleTimeoutMs?: number
  maxProcesses?: number
  /** v2: start with --run-build-commands (install/build/predeploy commands run). */
  runBuildCommands?: boolean
  env?: Record<string, string>
  /** More server flags, e.g. ['--memory-limit', '64'] or ['--type-check']. */
  args?: string[]
}

/** The JSON line the server prints on stdout once it listens. */
interface ReadyLine {
  apiUrl: string
  organizationId: string
  organizationSlug: string
  token: string
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  try {
    process.kill(-child.pid!, signal)
  } catch {
    // The group is already gone.
  }
}

function waitForExit(child: ChildProcess, ms: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true)
  return new Promise(resolvePromise => {
    const timer = setTimeout(() => resolvePromise(false), ms)
    child.once('exit', () => {
      clearTimeout(timer)
      resolvePromise(true)
    })
  })
}

function serverArgs(dataDir: string, opts: StartOptions): string[] {
  const args = ['server/main.ts', '--port', '0', '--data-dir', dataDir]
  if (opts.token) args.push('--token', opts.token)
  if (opts.idleTimeoutMs !== undefined) args.push('--idle-timeout', String(opts.idleTimeoutMs))
  if (opts.maxProcesses !== undefined) args.push('--max-processes', String(opts.maxProcesses))
  if (opts.args) args.push(...opts.args)
  if (opts.runBuildCommands) args.push('--run-build-commands')
  return args
}

/** In its own process group, so stopping it also stops the Deno processes it started. */
function spawnServer(args: string[], env: Record<string, string> | undefined): ChildProcess {
  return spawn(join(REPO_ROOT, 'node_modules/.bin/tsx'), args, {
    cwd: REPO_ROOT,
    env: { ...process.env, ...env },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe']
  })
}

/** The last 20,000 characters of the child's stderr, for the error when it fails to start. */
function keepStderrTail(child: ChildProcess): () => string {
  let stderr = ''
  child.stderr!.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-20_000)
    if (process.env.SUBHOSTING_TEST_LOGS) process.stderr.write(chunk)
  })
  return () => stderr
}

function waitForReadyLine(child: ChildProcess): Promise<ReadyLine> {
  return new Promise((resolvePromise, reject) => {
    let stdout = ''
    const timer = setTimeout(
      () => reject(new Error(`server did not start within ${START_TIMEOUT_MS} ms`)),
      START_TIMEOUT_MS
    )
    child.stdout!.on('data', (chunk: Buffer) => {
      stdout += chunk.toString()
      const newline = stdout.indexOf('\n')
      if (newline === -1) return
      clearTimeout(timer)
      const line = stdout.slice(0, newline)
      try {
        resolvePromise(JSON.parse(line))
      } catch (err) {
        reject(new Error(`server printed a bad ready line ${JSON.stringify(line)}: ${err}`))
      }
    })
    child.once('exit', code => {
      clearTimeout(timer)
      reject(new Error(`server exited with code ${code} before it was ready`))
    })
    child.once('error', err => {
      clearTimeout(timer)
      reject(new Error(`could not start the server: ${err.message}`))
    })
  })
}

/** SIGTERM for a clean shutdown, then whatever is left in the group (a stuck Deno) goes too. */
async function stopChild(child: ChildProcess): Promise<void> {
  try {
    process.kill(child.pid!, 'SIGTERM')
  } catch {
    // Already gone.
  }
  if (!(await waitForExit(child, STOP_GRACE_MS))) killGroup(child, 'SIGKILL')
  killGroup(child, 'SIGKILL')
  await waitForExit(child, STOP_GRACE_MS)
}

async function apiCall(
  ready: ReadyLine,
  url: string,
  method: string,
  body?: unknown
): Promise<Response> {
  return fetch(url, {
    method,
    headers: { authorization: `Bearer ${ready.token}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body)
  })
}

function connectedServer(
  ready: ReadyLine,
  dataDir: string,
  stop: () => Promise<void>,
  launcherPid: number
): LocalServer {
  const port = Number(new URL(ready.apiUrl).port)
  const origin = `http://127.0.0.1:${port}`
  const admin = async (method: string, body?: unknown): Promise<void> => {
    const res = await apiCall(ready, `${origin}/_admin/faults`, method, body)
    if (!res.ok)
      throw new Error(`${method} /_admin/faults answered ${res.status}: ${await res.text()}`)
  }
  return {
    ...ready,
    port,
    dataDir,
    origin,
    fetchHost: (host, path = '/', init = {}) =>
      requestWithHost(port, `${host}:${port}`, path, init),
    injectFaults: rules => admin('POST', { rules }),
    clearFaults: () => admin('DELETE'),
    async createProject(name) {
      const url = `${ready.apiUrl}/organizations/${ready.organizationId}/projects`
      const res = await apiCall(ready, url, 'POST', name === undefined ? {} : { name })
      const body = (await res.json()) as { id: string; name: string; message?: string }
      if (!res.ok)
        throw new Error(
          `creating project ${name ?? '(random)'} failed: ${res.status} ${body.message}`
        )
      return body
    },
    v2Url: `${origin}/v2`,
    async createApp(slug) {
      const res = await apiCall(ready, `${origin}/v2/apps`, 'POST', slug ? { slug } : {})
      const body = (await res.json()) as { id: string; slug: string; message?: string }
      if (!res.ok)
        throw new Error(`creating app ${slug ?? '(random)'} failed: ${res.status} ${body.message}`)
      return body
    },
    stop,
    launcherPid
  }
}

export async function startLocalServer(opts: StartOptions = {}): Promise<LocalServer> {
  const ownsDataDir = !opts.dataDir
  const dataDir = opts.dataDir ?? (await mkdtemp(join(tmpdir(), 'subhosting-test-')))
  const removeDataDir = (): Promise<void> =>
    ownsDataDir ? rm(dataDir, { recursive: true, force: true }) : Promise.resolve()
  const child = spawnServer(serverArgs(dataDir, opts), opts.env)
  const stderr = keepStderrTail(child)
  let ready: ReadyLine
  try {
    ready = await waitForReadyLine(child)
  } catch (err) {
    killGroup(child, 'SIGKILL')
    await removeDataDir()
    throw new Error(`${(err as Error).message}\n--- server stderr ---\n${stderr()}`)
  }
  let stopped: Promise<void> | undefined
  const stop = (): Promise<void> => (stopped ??= stopChild(child).then(removeDataDir))
  return connectedServer(ready, dataDir, stop, child.pid!)
}

/** The Node process that runs the server (tsx's child, or the launcher itself): memory checks. */
export function serverPid(server: Pick<LocalServer, 'launcherPid'>): number {
  const launcher = server.launcherPid
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8')
      // Fields after the parenthesized command: state, ppid, ...
      const [, ppid] = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
      // Not by command name: Node 24 names its main thread "MainThread".
      const args = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0')
      if (Number(ppid) === launcher && args.includes('server/main.ts')) return Number(entry)
    } catch {
      // The process ended while the list was read.
    }
  }
  return launcher
}

/** A process's resident memory now (VmRSS) or at its peak (VmHWM), in KiB, from proc(5). */
export function statusKiB(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(
    readFileSync(`/proc/${pid}/status`, 'utf8')
  )
  if (!match) throw new Error(`/proc/${pid}/status has no ${field}`)
  return Number(match[1])
}

// ——— Only the deployment runtime, in this process ———

export interface CapturedLog {
  level: LogLevel
  message: string
}

export interface TestDeployment {
  id: string
  srcDir: string
  buildOk: boolean
  buildLogs: CapturedLog[]
  appLogs: CapturedLog[]
  metrics: Record<'request' | 'kvRead' | 'kvWrite', number>
}

export interface TestDeployOptions {
  /** Example folder to copy into the assets. */
  example?: string
  /** Extra or replacement files (path → content). */
  files?: Record<string, string>
  entryPointUrl?: string
  importMapUrl?: string | null
  lockFileUrl?: string | null
  compilerOptions?: Record<string, unknown> | null
  envVars?: Record<string, string>
  databaseId?: string | null
  net?: string[] | null
  requestTimeoutMs?: number | null
}

type SourceSpec = Pick<
  RunSpec,
  'deploymentId' | 'srcDir' | 'entryPointUrl' | 'importMapUrl' | 'compilerOptions'
>

let counter = 0

/** Copies the example and the extra files into a fresh deployment's source folder. */
async function writeSources(srcDir: string, options: TestDeployOptions): Promise<void> {
  await mkdir(srcDir, { recursive: true })
  if (options.example) {
    await cp(join(EXAMPLES_DIR, options.example), srcDir, {
      recursive: true,
      verbatimSymlinks: true
    })
  }
  for (const [path, content] of Object.entries(options.files ?? {})) {
    await mkdir(dirname(join(srcDir, path)), { recursive: true })
    await writeFile(join(srcDir, path), content)
  }
}

function runSpecOf(
  deployment: TestDeployment,
  source: SourceSpec,
  options: TestDeployOptions
): RunSpec {
  return {
    ...source,
    envVars: options.envVars ?? {},
    databaseId: options.databaseId ?? null,
    net: options.net === undefined ? null : options.net,
    requestTimeoutMs: options.requestTimeoutMs ?? null,
    onAppLog: (level, message) => deployment.appLogs.push({ level, message }),
    onMetric: (metric, count) => {
      deployment.metrics[metric] += count
    }
  }
}

/** createDeploymentRuntime behind a node:http front that routes by the Host's first label. */
export class RuntimeHarness {
  private constructor(
    readonly dataDir: string,
    private readonly server: Server,
    readonly runtime: DeploymentRuntime
  ) {}

  static async start(options: Partial<RuntimeOptions> = {}): Promise<RuntimeHarness> {
    // Loaded here so the many tests that only start a child server do not load the runtime.
    const { createDeploymentRuntime } = await import('../runtime/index.js')
    const dataDir = await mkdtemp(join(tmpdir(), 'runtime-test-'))
    const runtime = createDeploymentRuntime({
      dataDir,
      idleTimeoutMs: 60_000,
      maxProcesses: 8,
      ...options
    })
    const server = createServer((req, res) => {
      const id = (req.headers.host ?? '').split('.')[0]
      void runtime.handle(id, req, res)
    })
    await new Promise<void>(done => server.listen(0, '127.0.0.1', done))
    return new RuntimeHarness(dataDir, server, runtime)
  }

  get port(): number {
    return (this.server.address() as AddressInfo).port
  }

  /** Writes the sources, builds them and, when the build succeeds, registers the deployment. */
  async deploy(options: TestDeployOptions): Promise<TestDeployment> {
    const id = `dep${++counter}${Math.random().toString(36).slice(2, 8)}`
    const srcDir = join(this.dataDir, 'deployments', id, 'src')
    await writeSources(srcDir, options)
    const deployment: TestDeployment = {
      id,
      srcDir,
      buildOk: false,
      buildLogs: [],
      appLogs: [],
      metrics: { request: 0, kvRead: 0, kvWrite: 0 }
    }
    const source: SourceSpec = {
      deploymentId: id,
      srcDir,
      entryPointUrl: options.entryPointUrl ?? 'main.ts',
      importMapUrl: options.importMapUrl ?? null,
      compilerOptions: options.compilerOptions ?? null
    }
    const result = await this.runtime.build({
      ...source,
      lockFileUrl: options.lockFileUrl ?? null,
      onLog: (level, message) => deployment.buildLogs.push({ level, message })
    })
    deployment.buildOk = result.ok
    if (result.ok) this.runtime.register(runSpecOf(deployment, source, options))
    return deployment
  }

  /** HTTP request to a deployment at `<deploymentId>.test.localhost`. */
  request(deploymentId: string, path = '/', init: HostRequestInit = {}): Promise<HostResponse> {
    return requestWithHost(this.port, `${deploymentId}.test.localhost`, path, init)
  }

  async stop(): Promise<void> {
    await this.runtime.stopAll()
    await new Promise<void>(done => this.server.close(() => done()))
    await rm(this.dataDir, { recursive: true, force: true })
  }
}

/** Polls `condition` every 50 ms until it holds; fails naming `what` after `timeoutMs`. */
export async function waitFor(condition: () => boolean, what: string, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise(resolve => setTimeout(resolve, 50))
  }
}

/** Whether a process (e.g. a Deno the runtime started) is still alive. */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}

/** An answer to `rawRequest`: the status, the headers and the JSON body (`{}` when empty). */
export interface RawAnswer<T = Record<string, unknown>> {
  status: number
  headers: IncomingHttpHeaders
  body: T
}

/**
 * One authorised request whose body goes on the wire exactly as given, over node:http: bytes
 * already gzip'd (fetch would not send a Content-Encoding it did not apply itself) or chunks
 * written as they are produced, with backpressure, so a big body never sits in the test's memory.
 */
export function rawRequest<T = Record<string, unknown>>(
  server: Pick<LocalServer, 'token'>,
  url: string,
  method: string,
  body: Buffer | Iterable<Buffer>,
  headers: Record<string, string> = {}
): Promise<RawAnswer<T>> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method,
        headers: {
          authorization: `Bearer ${server.token}`,
          'content-type': 'application/json',
          ...headers
        }
      },
      res => {
        const parts: Buffer[] = []
        res.on('data', (chunk: Buffer) => parts.push(chunk))
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: JSON.parse(Buffer.concat(parts).toString() || '{}') as T
          })
        )
      }
    )
    req.on('error', reject)
    const chunks = Buffer.isBuffer(body) ? [body] : body
    const write = async (): Promise<void> => {
      for (const chunk of chunks)
        if (!req.write(chunk)) await new Promise(done => req.once('drain', done))
      req.end()
    }
    write().catch(reject)
  })
}
