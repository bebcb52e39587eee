// Drives createDeploymentRuntime directly (no control plane): a node:http front that routes by
// the first label of the Host header, deployments copied from examples/ into a temp data dir.
import { cp, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { createServer, request, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { createDeploymentRuntime } from '../runtime/index.js'
import type { DeploymentRuntime, LogLevel, RunSpec, RuntimeOptions } from '../runtime/types.js'

export const EXAMPLES_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../examples')

export interface LogLine {
  level: LogLevel
  message: string
}

export interface TestDeployment {
  id: string
  srcDir: string
  buildOk: boolean
  buildLogs: LogLine[]
  appLogs: LogLine[]
  metrics: Record<'request' | 'kvRead' | 'kvWrite', number>
}

export interface DeployOptions {
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

export interface Reply {
  status: number
  headers: Record<string, string | string[] | undefined>
  body: Buffer
  text: string
}

let counter = 0

export class RuntimeHarness {
  readonly runtime: DeploymentRuntime
  private constructor(
    readonly dataDir: string,
    private readonly server: Server,
    runtime: DeploymentRuntime
  ) {
    this.runtime = runtime
  }

  static async start(options: Partial<RuntimeOptions> = {}): Promise<RuntimeHarness> {
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

  async deploy(options: DeployOptions): Promise<TestDeployment> {
    const id = `dep${++counter}${Math.random().toString(36).slice(2, 8)}`
    const srcDir = join(this.dataDir, 'deployments', id, 'src')
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
    const deployment: TestDeployment = {
      id,
      srcDir,
      buildOk: false,
      buildLogs: [],
      appLogs: [],
      metrics: { request: 0, kvRead: 0, kvWrite: 0 }
    }
    const common = {
      deploymentId: id,
      srcDir,
      entryPointUrl: options.entryPointUrl ?? 'main.ts',
      importMapUrl: options.importMapUrl ?? null,
      compilerOptions: options.compilerOptions ?? null
    }
    const result = await this.runtime.build({
      ...common,
      lockFileUrl: options.lockFileUrl ?? null,
      onLog: (level, message) => deployment.buildLogs.push({ level, message })
    })
    deployment.buildOk = result.ok
    if (result.ok) this.runtime.register(this.runSpec(deployment, common, options))
    return deployment
  }

  private runSpec(
    deployment: TestDeployment,
    common: Pick<
      RunSpec,
      'deploymentId' | 'srcDir' | 'entryPointUrl' | 'importMapUrl' | 'compilerOptions'
    >,
    options: DeployOptions
  ): RunSpec {
    return {
      ...common,
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

  request(
    deploymentId: string,
    path = '/',
    init: { method?: string; headers?: Record<string, string>; body?: string | Buffer } = {}
  ): Promise<Reply> {
    return new Promise((resolveReply, reject) => {
      const req = request(
        {
          host: '127.0.0.1',
          port: this.port,
          path,
          method: init.method ?? 'GET',
          headers: { ...init.headers, host: `${deploymentId}.test.localhost` },
          agent: false
        },
        res => {
          const chunks: Buffer[] = []
          res.on('data', (chunk: Buffer) => chunks.push(chunk))
          res.on('end', () => {
            const body = Buffer.concat(chunks)
            resolveReply({
              status: res.statusCode ?? 0,
              headers: res.headers,
              body,
              text: body.toString('utf8')
            })
          })
          res.on('error', reject)
        }
      )
      req.on('error', reject)
      req.end(init.body)
    })
  }

  async stop(): Promise<void> {
    await this.runtime.stopAll()
    await new Promise<void>(done => this.server.close(() => done()))
    await rm(this.dataDir, { recursive: true, force: true })
  }
}

/** Deno processes started by the runtime (children of this test process) that are still alive. */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}
