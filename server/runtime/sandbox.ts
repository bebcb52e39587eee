/** What a deployment's process may touch; everything not granted here is denied (--no-prompt). */
export interface SandboxSpec {
  configPath: string
  importMap: string | null
  /** v1 `permissions.net`: null = all, [] = none (besides its own listen address). */
  net: string[] | null
  /** Readable paths: the deployment's own assets. */
  readPaths: string[]
  /** Directory of its KV database (read + write), or null without KV. */
  kvDir: string | null
  /** Module loaded before the entry point (see bootstrap.ts). */
  bootstrapPath: string
  /** The entry point's module specifier; it runs as the main module. */
  entry: string
}

/** The process listens on 127.0.0.1 with an OS-assigned port (see bootstrap.ts). */
const LISTEN_ADDRESS = '127.0.0.1:0'

export function runFlags(spec: SandboxSpec): string[] {
  const flags = [
    'run',
    '--no-prompt',
    // The build already resolved, downloaded and type-checked everything.
    '--cached-only',
    '--no-check',
    '--no-lock',
    `--config=${spec.configPath}`,
    '--unstable-kv',
    '--v8-flags=--max-old-space-size=512'
  ]
  if (spec.importMap) flags.push(`--import-map=${spec.importMap}`)
  if (spec.net === null || spec.net.includes('*')) flags.push('--allow-net')
  else flags.push(`--allow-net=${[LISTEN_ADDRESS, ...spec.net].join(',')}`)
  const readable = spec.kvDir ? [...spec.readPaths, spec.kvDir] : spec.readPaths
  flags.push(`--allow-read=${readable.join(',')}`)
  if (spec.kvDir) flags.push(`--allow-write=${spec.kvDir}`)
  // The child's environment holds only the deployment's variables (see denoEnv).
  flags.push('--allow-env')
  flags.push(`--preload=${spec.bootstrapPath}`, spec.entry)
  return flags
}

/**
 * Drops variables that would change how the process itself runs rather than what the app reads:
 * the dynamic loader's (LD_PRELOAD could load a native library shipped as an asset) and Deno's own
 * (reserved on the hosted service too).
 */
export function sanitizeEnv(envVars: Record<string, string>): {
  env: Record<string, string>
  dropped: string[]
} {
  const env: Record<string, string> = {}
  const dropped: string[] = []
  for (const [name, value] of Object.entries(envVars)) {
    if (/^(LD_|DYLD_|DENO_|RUST_)/i.test(name) || name === 'NODE_OPTIONS') dropped.push(name)
    else env[name] = value
  }
  return { env, dropped }
}
