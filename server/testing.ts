// Starts the local Subhosting server as a child process for tests (see server/README.md).
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { request } from 'node:http'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { FaultRule } from './api/faults.js'

export type { FaultRule } from './api/faults.js'

export interface HostResponse {
  status: number
  headers: Record<string, string | string[] | undefined>
  body: Buffer
  text(): string
}

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
  fetchHost(
    host: string,
    path?: string,
    init?: { method?: string; headers?: Record<string, string>; body?: string }
  ): Promise<HostResponse>
  injectFaults(rules: FaultRule[]): Promise<void>
  clearFaults(): Promise<void>
  /** POST a project through the API and return it (convenience for tests). */
  createProject(name?: string): Promise<{ id: string; name: string }>
  /** SIGTERM, waits for exit; kills the group if needed. */
  stop(): Promise<void>
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

const REPO_ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)))
const STOP_GRACE_MS = 10_000
const START_TIMEOUT_MS = 60_000

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

export async function startLocalServer(opts: StartOptions = {}): Promise<LocalServer> {
  const ownsDataDir = !opts.dataDir
  const dataDir = opts.dataDir ?? (await mkdtemp(join(tmpdir(), 'subhosting-test-')))
  const args = ['server/main.ts', '--port', '0', '--data-dir', dataDir]
  if (opts.token) args.push('--token', opts.token)
  if (opts.idleTimeoutMs !== undefined) args.push('--idle-timeout', String(opts.idleTimeoutMs))
  if (opts.maxProcesses !== undefined) args.push('--max-processes', String(opts.maxProcesses))
  if (opts.args) args.push(...opts.args)
  if (opts.runBuildCommands) args.push('--run-build-commands')
  const child = spawn(join(REPO_ROOT, 'node_modules/.bin/tsx'), args, {
    cwd: REPO_ROOT,
    env: { ...process.env, ...opts.env },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe']
  })
  let stderr = ''
  child.stderr!.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-20_000)
    if (process.env.SUBHOSTING_TEST_LOGS) process.stderr.write(chunk)
  })

  let ready: { apiUrl: string; organizationId: string; organizationSlug: string; token: string }
  try {
    ready = await new Promise((resolvePromise, reject) => {
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
        try {
          resolvePromise(JSON.parse(stdout.slice(0, newline)))
        } catch (err) {
          reject(
            new Error(
              `server printed a bad ready line ${JSON.stringify(stdout.slice(0, newline))}: ${err}`
            )
          )
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
  } catch (err) {
    killGroup(child, 'SIGKILL')
    if (ownsDataDir) await rm(dataDir, { recursive: true, force: true })
    throw new Error(`${(err as Error).message}\n--- server stderr ---\n${stderr}`)
  }

  const port = Number(new URL(ready.apiUrl).port)
  const origin = `http://127.0.0.1:${port}`

  const fetchHost: LocalServer['fetchHost'] = (host, path = '/', init = {}) =>
    new Promise((resolvePromise, reject) => {
      const req = request(
        {
          host: '127.0.0.1',
          port,
          path,
          method: init.method ?? 'GET',
          headers: { ...init.headers, host: `${host}:${port}` },
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

  const admin = async (method: string, body?: unknown): Promise<void> => {
    const res = await fetch(`${origin}/_admin/faults`, {
      method,
      headers: { authorization: `Bearer ${ready.token}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body)
    })
    if (!res.ok)
      throw new Error(`${method} /_admin/faults answered ${res.status}: ${await res.text()}`)
  }

  let stopped: Promise<void> | undefined
  return {
    ...ready,
    port,
    dataDir,
    origin,
    fetchHost,
    injectFaults: rules => admin('POST', { rules }),
    clearFaults: () => admin('DELETE'),
    async createProject(name) {
      const res = await fetch(`${ready.apiUrl}/organizations/${ready.organizationId}/projects`, {
        method: 'POST',
        headers: { authorization: `Bearer ${ready.token}`, 'content-type': 'application/json' },
        body: JSON.stringify(name === undefined ? {} : { name })
      })
      const body = (await res.json()) as { id: string; name: string; message?: string }
      if (!res.ok)
        throw new Error(
          `creating project ${name ?? '(random)'} failed: ${res.status} ${body.message}`
        )
      return body
    },
    stop() {
      stopped ??= (async () => {
        try {
          process.kill(child.pid!, 'SIGTERM')
        } catch {
          // Already gone.
        }
        if (!(await waitForExit(child, STOP_GRACE_MS))) killGroup(child, 'SIGKILL')
        // Whatever is left in the group (a stuck Deno) goes too.
        killGroup(child, 'SIGKILL')
        await waitForExit(child, STOP_GRACE_MS)
        if (ownsDataDir) await rm(dataDir, { recursive: true, force: true })
      })()
      return stopped
    }
  }
}
