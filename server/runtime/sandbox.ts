import { netFlags } from './network-policy.js'
import { reservedEnvName } from './reserved-env.js'

/** What a deployment's process may touch; everything not granted here is denied (--no-prompt). */
export interface SandboxSpec {
  configPath: string
  importMap: string | null
  /** v1 `permissions.net`: null = the internet, [] = nothing (see network-policy.ts). */
  net: string[] | null
  /** Readable paths: the deployment's own assets. */
  readPaths: string[]
  /**
   * Its KV database file (read + write), or null without KV. Only the file itself: SQLite opens
   * its -wal/-shm/-journal siblings natively, so the app can create no other file in the directory.
   * The grant does cover paths below the file, so an app can replace it with a directory tree:
   * the quota counts the whole directory (disk-watch.ts) and each start removes all but the
   * database (kv-dir.ts).
   */
  kvFile: string | null
  /** The server's own TCP ports: never reachable, whatever permissions.net names. */
  serverPorts: number[]
  /** Unix socket it serves HTTP on; the bootstrap binds it and revokes access before app code. */
  httpSocket: string
  /** Unix socket of the control channel; the bootstrap connects once, then revokes access. */
  controlSocket: string
  /** V8 heap limit in MB (the resident-memory limit is enforced from outside, memory-watch.ts). */
  heapLimitMb: number
  /** Module loaded before the entry point (see bootstrap.ts). */
  bootstrapPath: string
  /** The entry point's module specifier; it runs as the main module. */
  entry: string
}

export function runFlags(spec: SandboxSpec): string[] {
  const sockets = [spec.httpSocket, spec.controlSocket]
  const flags = [
    'run',
    '--no-prompt',
    // The build already resolved and downloaded everything.
    '--cached-only',
    '--no-check',
    '--no-lock',
    `--config=${spec.configPath}`,
    '--unstable-kv',
    `--v8-flags=--max-old-space-size=${spec.heapLimitMb}`
  ]
  if (spec.importMap) flags.push(`--import-map=${spec.importMap}`)
  flags.push(...netFlags(spec.net, sockets, spec.serverPorts))
  const kv = spec.kvFile ? [spec.kvFile] : []
  flags.push(`--allow-read=${[...spec.readPaths, ...sockets, ...kv].join(',')}`)
  flags.push(`--allow-write=${[...sockets, ...kv].join(',')}`)
  // The child's environment holds only the deployment's variables (see appEnv).
  flags.push('--allow-env')
  flags.push(`--preload=${spec.bootstrapPath}`, spec.entry)
  return flags
}

/**
 * The whole environment of a deployment's process: its own variables (the API rejected reserved
 * names at create time; ones stored before that rule are dropped here) plus what the server sets.
 * Nothing comes from the server's own environment, so the host's proxy and CA settings, which
 * the build's downloads use, never reach the app.
 */
export function appEnv(
  envVars: Record<string, string>,
  serverSet: Record<string, string>
): { env: Record<string, string>; dropped: string[] } {
  const env: Record<string, string> = {}
  const dropped: string[] = []
  for (const [name, value] of Object.entries(envVars)) {
    if (reservedEnvName(name) !== null || value.includes('\0')) dropped.push(name)
    else env[name] = value
  }
  return { env: { ...env, ...serverSet }, dropped }
}
