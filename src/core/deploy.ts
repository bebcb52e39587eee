/**
 * One deploy, start to finish: pack → check the entry point → (dry run: print and stop) →
 * check project and token → create → wait until live → result. No @actions/* here; the action
 * and the command line both call `deploy` with their own Reporter.
 */
import path from 'node:path'
import { SubhostingClient } from './api-client.js'
import type { CompilerOptions, CreateDeploymentFields, DeploymentStatus } from './api-types.js'
import {
  createDeployment,
  guard,
  waitUntilLive,
  withRunMarker,
  type DeploymentContext
} from './deployment.js'
import { deploymentOptions, renderManifest, requestPreview } from './manifest.js'
import { checkEntrypoint, pack } from './pack.js'
import type { Reporter } from './reporter.js'
import type { DeploySettings } from './settings.js'

export interface DeployOptions {
  /** Aborting stops every wait (the action wires SIGINT/SIGTERM to it). */
  signal?: AbortSignal
  /** The commit being deployed, for the result. */
  commit?: string
  /** Repository root, to pin build errors to repository paths (default: the working directory). */
  workspace?: string
  /**
   * Called once the platform accepted the deployment, before waiting for its build, so callers
   * can record its ID early (a GitHub deployment, a comment). The deploy awaits it; an error it
   * throws is reported as a warning and never fails the deploy: the deployment exists either way.
   */
  onCreated?: (deployment: CreatedDeployment) => void | Promise<void>
}

export interface CreatedDeployment {
  id: string
  projectId: string
}

export interface DeployResult {
  projectId: string
  /** null for a dry run. */
  deploymentId: string | null
  /** `pending` when not waiting; a failed build throws DeployFailedError instead. */
  status: DeploymentStatus | 'dry-run'
  /** Where the deployment serves; null for a dry run, when not waiting, or without domains. */
  url: string | null
  domains: string[]
  /** As sent: the `description` input plus this run's marker (none for a dry run). */
  description: string
  commit: string | null
  /** Identifies the exact tree that was packed. */
  digest: string
  fileCount: number
  totalBytes: number
  /** Files whose content was sent (the rest went by hash). */
  filesUploaded: number
  bytesUploaded: number
  /** From the create answer to the terminal build state; null when not waited for. */
  buildMs: number | null
  totalMs: number
  dryRun: boolean
}

export async function deploy(
  settings: DeploySettings,
  reporter: Reporter,
  options: DeployOptions = {}
): Promise<DeployResult> {
  const started = Date.now()
  reporter.mask(settings.token)
  const packed = await pack({
    root: settings.root,
    include: settings.include,
    exclude: settings.exclude
  })
  checkEntrypoint(settings, packed)
  const base = {
    projectId: settings.projectId,
    commit: options.commit ?? null,
    digest: packed.digest,
    fileCount: packed.fileCount,
    totalBytes: packed.totalBytes
  }

  if (settings.dryRun) {
    reporter.info(renderManifest(packed, settings))
    reporter.info(
      `Request it would send (POST ${settings.apiUrl}/projects/${settings.projectId}/deployments):\n` +
        JSON.stringify(requestPreview(packed, settings), null, 2)
    )
    return {
      ...base,
      deploymentId: null,
      status: 'dry-run',
      url: null,
      domains: [],
      description: settings.description,
      filesUploaded: 0,
      bytesUploaded: 0,
      buildMs: null,
      totalMs: Date.now() - started,
      dryRun: true
    }
  }

  const deadline = Date.now() + settings.timeoutMs
  const client = new SubhostingClient({
    apiUrl: settings.apiUrl,
    token: settings.token,
    deadline,
    signal: options.signal,
    log: message => reporter.info(message)
  })
  const ctx: DeploymentContext = {
    client,
    reporter,
    apiUrl: settings.apiUrl,
    deadline,
    timeoutMs: settings.timeoutMs,
    signal: options.signal,
    rootInRepo: rootInRepository(settings.root, options.workspace ?? process.cwd()),
    assetPaths: new Set(packed.entries.map(entry => entry.path))
  }

  // Fails fast on a bad token or project before anything is uploaded.
  const project = await guard(ctx, null, 'checking the project', () =>
    client.getProject(settings.projectId)
  )
  reporter.info(
    `Deploying ${packed.fileCount} file(s) (${packed.totalBytes} bytes) to project ` +
      `${project.name} (${project.id}).`
  )
  const fields = { ...requestFields(settings), description: withRunMarker(settings.description) }
  const created = await createDeployment(ctx, settings.projectId, fields, packed.entries)
  const id = created.deployment.id
  reporter.info(`Created deployment ${id}.`)
  await notifyCreated(options.onCreated, { id, projectId: settings.projectId }, reporter)
  const uploaded = {
    description: fields.description,
    filesUploaded: created.filesUploaded,
    bytesUploaded: created.bytesUploaded
  }

  if (!settings.wait) {
    return {
      ...base,
      ...uploaded,
      deploymentId: id,
      status: created.deployment.status,
      url: null,
      domains: created.deployment.domains ?? [],
      buildMs: null,
      totalMs: Date.now() - started,
      dryRun: false
    }
  }

  const live = await waitUntilLive(ctx, created.deployment)
  reporter.info(live.url ? `Deployment ${id} is live at ${live.url}` : `Deployment ${id} is live.`)
  return {
    ...base,
    ...uploaded,
    deploymentId: id,
    status: live.deployment.status,
    url: live.url,
    domains: live.deployment.domains ?? [],
    buildMs: live.buildMs,
    totalMs: Date.now() - started,
    dryRun: false
  }
}

/** The create request's fields but the assets: the same as the dry run's preview shows. */
export function requestFields(settings: DeploySettings): CreateDeploymentFields {
  const { compilerOptions, ...options } = deploymentOptions(settings)
  const fields: CreateDeploymentFields = { ...options, envVars: settings.envVars }
  // Key names were checked against the API's by parseSettings.
  if (compilerOptions) fields.compilerOptions = compilerOptions as CompilerOptions
  return fields
}

async function notifyCreated(
  onCreated: DeployOptions['onCreated'],
  deployment: CreatedDeployment,
  reporter: Reporter
): Promise<void> {
  if (!onCreated) return
  try {
    await onCreated(deployment)
  } catch (error) {
    reporter.warning(
      `Recording deployment ${deployment.id} failed (the deploy goes on): ${(error as Error).message}`
    )
  }
}

/** Root relative to the repository, POSIX; null when root lies outside it. */
function rootInRepository(root: string, workspace: string): string | null {
  const relative = path.relative(path.resolve(workspace), path.resolve(root))
  if (relative.startsWith('..') || path.isAbsolute(relative)) return null
  return relative.split(path.sep).join('/')
}
