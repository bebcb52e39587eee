// The contract between the control plane (server/api: REST API, store, persistence)
// and the data plane (server/runtime: building with Deno, running processes, routing by Host).
// The control plane owns every record; the data plane owns every Deno process.

import type { IncomingMessage, ServerResponse } from 'node:http'
import type { Duplex } from 'node:stream'

export type LogLevel = 'debug' | 'info' | 'warning' | 'error'

export interface BuildRequest {
  deploymentId: string
  /** Directory where the control plane has already materialized the assets (symlinks as symlinks). */
  srcDir: string
  /** As sent by the client: a path relative to the asset root, or a URL (file:///src/..., https://...). */
  entryPointUrl: string
  /** null = auto-discover from deno.json/deno.jsonc, '' = none, otherwise a path/URL like entryPointUrl. */
  importMapUrl: string | null
  lockFileUrl: string | null
  /** null = auto-discover from the deno config, {} = defaults. Keys as in the v1 API. */
  compilerOptions: Record<string, unknown> | null
  /** Called for every real log line of the build, in order. */
  onLog(level: LogLevel, message: string): void
}

export interface BuildResult {
  ok: boolean
}

export interface RunSpec {
  deploymentId: string
  srcDir: string
  entryPointUrl: string
  importMapUrl: string | null
  compilerOptions: Record<string, unknown> | null
  envVars: Record<string, string>
  /** KV database UUID from `databases.default`, or null for no KV. */
  databaseId: string | null
  /** v1 `permissions.net`: null = all allowed, [] = all denied, otherwise the allow list. */
  net: string[] | null
  /** Per-request wall-clock limit in ms, enforced by the router (null = server default). */
  requestTimeoutMs: number | null
  onAppLog(level: LogLevel, message: string): void
  /** Counts requests (and KV reads/writes where measurable) for analytics. */
  onMetric(metric: 'request' | 'kvRead' | 'kvWrite', count: number): void
}

export interface RuntimeOptions {
  /** Root of the server's data dir; the runtime keeps its own state under `<dataDir>/runtime`. */
  dataDir: string
  /** Stop a deployment's process after this many ms without requests. */
  idleTimeoutMs: number
  /** At most this many deployment processes live at once; only idle ones are ever stopped for room. */
  maxProcesses: number
  /** At most this many of them for one tenant (v1 project or v2 app; default maxProcesses). */
  maxProcessesPerApp?: number
  /** How long a request waits for a slot when every slot is busy before a 503 (default 10 s). */
  queueTimeoutMs?: number
  /** Size of one KV database on disk (file and SQLite siblings) in MB (default 1024). */
  kvQuotaMb?: number
  /** Resident memory per process in MB before it is stopped (default 512, as on the platform). */
  memoryLimitMb?: number
  /** Type-check builds with `deno check` (the platform does not; default false). */
  typeCheck?: boolean
}

export interface DeploymentRuntime {
  build(req: BuildRequest): Promise<BuildResult>
  /**
   * Makes a successful deployment servable; its process starts lazily on the first request.
   * `prepare`: a first request is expected soon (a fresh build), so its start files are readied now.
   */
  register(spec: RunSpec, options?: { prepare?: boolean }): void
  /** Stops its process (if any) and forgets it. */
  unregister(deploymentId: string): Promise<void>
  /**
   * Serves one HTTP request for the deployment (proxying to its process, starting it if needed,
   * enforcing requestTimeout). The control plane calls this after resolving the Host header.
   */
  handle(deploymentId: string, req: IncomingMessage, res: ServerResponse): Promise<void>
  /**
   * Serves one HTTP upgrade request (a WebSocket handshake) for the deployment: the control plane
   * hands over the raw client socket from node:http's 'upgrade' event, because an upgraded
   * connection never gets a ServerResponse. Like `handle` it starts the process if needed and
   * counts one request; the process stays busy (safe from the idle timeout) until the connection
   * closes, and bytes are piped both ways unchanged. Resolves once both sides are closed.
   */
  handleUpgrade(
    deploymentId: string,
    req: IncomingMessage,
    socket: Duplex,
    head: Buffer
  ): Promise<void>
  /**
   * What the runtime learns once the control plane runs: its listening ports (never reachable
   * from a deployment) and the tenant (v1 project, v2 app) of a deployment, for per-app limits.
   */
  attach?(facts: { serverPorts: number[]; tenantOf(deploymentId: string): string }): void
  /** Stops every process it started. */
  stopAll(): Promise<void>
}
