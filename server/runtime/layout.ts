import { join } from 'node:path'

/** IDs become directory names, so they must not be able to name another directory. */
function safeName(id: string, what: string): string {
  if (!/^[A-Za-z0-9][A-Za-z0-9_-]*$/.test(id)) {
    throw new Error(`${what} ${JSON.stringify(id)} must consist of letters, digits, "-" and "_".`)
  }
  return id
}

/** Where the runtime keeps its state inside the server's data dir. */
export class RuntimeLayout {
  readonly root: string
  constructor(dataDir: string) {
    this.root = join(dataDir, 'runtime')
  }
  /** Shared Deno cache, so remote modules and transpiled code survive restarts. */
  get denoDir(): string {
    return join(this.root, 'deno_dir')
  }
  kvDir(databaseId: string): string {
    return join(this.root, 'kv', safeName(databaseId, 'database ID'))
  }
  kvFile(databaseId: string): string {
    return join(this.kvDir(databaseId), 'kv.sqlite3')
  }
  /** Generated config and main module of one deployment (never inside its assets). */
  deploymentDir(deploymentId: string): string {
    return join(this.root, 'deployments', safeName(deploymentId, 'deployment ID'))
  }
  /** One file per live deployment process (see orphans.ts). */
  get pidDir(): string {
    return join(this.root, 'pids')
  }
  /** What the build learned about the app that its runs need (see GraphFacts). */
  factsFile(deploymentId: string): string {
    return join(this.deploymentDir(deploymentId), 'facts.json')
  }
}

/** The environment every Deno child gets: nothing from the server's own environment. */
export function denoEnv(layout: RuntimeLayout, extra: Record<string, string> = {}) {
  return {
    ...extra,
    DENO_DIR: layout.denoDir,
    NO_COLOR: '1',
    DENO_NO_UPDATE_CHECK: '1',
    DENO_NO_PROMPT: '1'
  }
}
