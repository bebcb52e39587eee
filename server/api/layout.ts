// Where a deployment's files live in the data dir, and the server-wide types both APIs share;
// a module of its own so the v1 context and the v2 service can both use it without importing
// each other.
import { rm } from 'node:fs/promises'
import { join } from 'node:path'
import type { LogLevel } from '../runtime/types.js'
import type { AssetPlan } from './assets/assets.js'

export interface ServerOptions {
  dataDir: string
  /** Overrides the persisted token for this run. */
  token?: string
  domainSuffix: string
  /**
   * The origin the API's own URLs (Link headers) use; set from host and port once the server
   * listens when not given. Request headers never name it: they are the client's to forge.
   */
  publicUrl?: string
  idleTimeoutMs: number
  maxProcesses: number
  /** v2 install/build/predeploy commands run (unsandboxed) only when this is set. */
  runBuildCommands?: boolean
  /** v2 domain verification accepts every name, not only those under `domainSuffix`. */
  verifyAllDomains?: boolean
}

export interface StoredBuildLog {
  level: LogLevel
  message: string
}

export interface AppLogEntry {
  time: string
  level: LogLevel
  message: string
  region: string
}

/** Every local log line claims one fixed region; the v1 schema only knows gcp-* regions. */
export const LOCAL_REGION = 'gcp-us-east4'

export const deploymentRecordDir = (dataDir: string, id: string): string =>
  join(dataDir, 'deployments', id)
export const srcDirOf = (dataDir: string, id: string): string =>
  join(deploymentRecordDir(dataDir, id), 'src')
export const manifestOf = (dataDir: string, id: string): string =>
  join(deploymentRecordDir(dataDir, id), 'manifest.json')

/**
 * Runs a create's last check (`check` throws an HttpError to refuse); when it refuses, what the
 * create already wrote under the record's directory (the manifest, assets) goes too.
 */
export async function checkOrDiscardRecord(
  dataDir: string,
  id: string,
  check: () => void
): Promise<void> {
  try {
    check()
  } catch (error) {
    await rm(deploymentRecordDir(dataDir, id), { recursive: true, force: true })
    throw error
  }
}

/** The asset list of a deployment or revision (manifest.json), read back by its build. */
export interface Manifest {
  files: [string, string][]
  symlinks: [string, string][]
}

export const manifestFromPlan = (plan: AssetPlan): Manifest => ({
  files: [...plan.files],
  symlinks: [...plan.symlinks]
})
