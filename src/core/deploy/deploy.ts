/**
 * One deploy, start to finish: pack → check the entry point → (dry run: print and stop) →
 * check the project or app and the token → create → wait until live → result. No @actions/*
 * here; the action and the command line both call `deploy` with their own Reporter, and the
 * platform (v1 or v2) is whatever `createPlatform` picks from the settings.
 */
import path from 'node:path'
import { CancelledError, DeployTimeoutError } from './outcome-errors.js'
import { stoppable, type WaitContext } from './wait.js'
import { reportDryRun } from './dry-run-report.js'
import { pack, type PackResult } from '../pack/pack.js'
import { checkEntrypoint } from '../pack/references.js'
import { createPlatform, profileOf } from '../platform/factory.js'
import type { CreateRequest, Platform, PlatformDeployment, Timeline } from '../platform/platform.js'
import type { Reporter } from './reporter.js'
import type { DeploySettings, PlatformVersion } from '../settings/settings.js'

export interface DeployOptions {
  /** Aborting stops every wait (the action wires SIGINT/SIGTERM to it). */
  signal?: AbortSignal
  /** The commit being deployed, for the result and the revision's labels. */
  commit?: string
  /** The branch or tag, and the pull request, for the revision's labels (v2). */
  ref?: string | null
  pullRequest?: number | null
  /** Repository root, to pin build errors to repository paths (default: the working directory). */
  workspace?: string
  /** v2: the timeline the revision joins (default production); v1 has only one. */
  timeline?: Timeline
  /** The tree, when the caller packed it already: a run packs once (promotion needs its digest). */
  packed?: PackResult
  /** The run's deadline when a caller already started the clock (default: now + `timeout`). */
  deadline?: number
  /** The project or app check a caller already started (one check per run, not two). */
  checkedTarget?: Promise<string>
  /** The directory a dry run writes the full manifest to (Actions: RUNNER_TEMP). */
  manifestDir?: string
  /** The file a dry run writes the full manifest to (the CLI's --manifest-file); else none. */
  manifestFile?: string
  /** Receives a dry run's plan as Markdown, for the job summary. */
  onDryRunSummary?: (markdown: string) => void
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
  /** v1: the project's UUID; v2: the app's slug or ID, as given. */
  projectId: string
  platform: PlatformVersion
  /** null for a dry run. */
  deploymentId: string | null
  /** `pending` when not waiting; a failed build throws DeployFailedError instead. */
  status: PlatformDeployment['status'] | 'dry-run'
  /** Where the deployment serves; null for a dry run, when not waiting, or without domains. */
  url: string | null
  domains: string[]
  /** As sent: v1 adds this run's marker (none for a dry run). */
  description: string
  commit: string | null
  /** Identifies the exact tree that was packed. */
  digest: string
  fileCount: number
  totalBytes: number
  /** Files whose content was sent (the rest went by hash). */
  filesUploaded: number
  /** Bytes of request bodies on the wire (compressed, every attempt, the asset list included). */
  bytesUploaded: number
  /** A dry run's full manifest (every file, size and encoding); null otherwise. */
  manifestPath: string | null
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
  const packed = options.packed ?? (await packTree(settings))
  const profile = profileOf(settings)
  checkEntrypoint(settings, packed, profile.fileReferences(settings))
  const wait = waitContext(settings, reporter, options, packed)
  const platform = createPlatform(settings, wait)
  const timeline = options.timeline ?? 'production'
  const request: CreateRequest = {
    packed,
    timeline,
    origin: {
      commit: options.commit ?? null,
      ref: options.ref ?? null,
      pullRequest: options.pullRequest ?? null
    }
  }
  const result = deployResultBuilder(settings, options, packed, started)

  if (settings.dryRun) {
    const preview = platform.requestPreview(request)
    const report = reportDryRun(reporter, packed, settings, preview, {
      dir: options.manifestDir,
      file: options.manifestFile
    })
    options.onDryRunSummary?.(report.summaryMarkdown)
    return result({ dryRun: true, manifestPath: report.manifestPath ?? undefined })
  }

  for (const warning of packed.warnings) reporter.warning(warning)
  // Fails fast on a bad token, project or app before anything is uploaded.
  const target = await stoppable(
    wait,
    null,
    `checking the ${targetNoun(settings)}`,
    () => options.checkedTarget ?? platform.checkTarget()
  )
  reporter.info(
    `Deploying ${packed.fileCount} file(s) (${packed.totalBytes} bytes) to ` +
      `${targetNoun(settings)} ${target}` +
      (target === settings.projectId ? '' : ` (${settings.projectId})`) +
      (profile.hasTimelines ? `, ${timeline} timeline.` : '.')
  )
  const created = await platform.create(request)
  const id = created.deployment.id
  reporter.info(`Created ${profile.deploymentNoun} ${id}.`)
  await notifyCreated(options.onCreated, { id, projectId: settings.projectId }, reporter)
  if (!settings.wait) return result({ created, deployment: created.deployment })

  const live = await stopOnFailure(platform, id, () => platform.waitUntilLive(created, timeline))
  reporter.info(live.url ? `${id} is live at ${live.url}` : `${id} is live.`)
  return result({ created, deployment: live.deployment, url: live.url, buildMs: live.buildMs })
}

/** The `project` input's meaning on this API. */
export function targetNoun(settings: DeploySettings): string {
  return profileOf(settings).targetNoun
}

export function packTree(settings: DeploySettings): Promise<PackResult> {
  return pack({ root: settings.root, include: settings.include, exclude: settings.exclude })
}

function waitContext(
  settings: DeploySettings,
  reporter: Reporter,
  options: DeployOptions,
  packed: PackResult
): WaitContext {
  return {
    reporter,
    deadline: options.deadline ?? Date.now() + settings.timeoutMs,
    timeoutMs: settings.timeoutMs,
    signal: options.signal,
    rootInRepo: rootInRepository(settings.root, options.workspace ?? process.cwd()),
    assetPaths: new Set(packed.entries.map(entry => entry.path)),
    probePath: settings.probePath
  }
}

/**
 * A run stopped by its timeout or a cancel while the build still runs cancels it on the
 * platform (where the platform can), so nothing keeps building for a run that gave up.
 */
async function stopOnFailure<T>(platform: Platform, id: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn()
  } catch (error) {
    const stopped = error instanceof CancelledError || error instanceof DeployTimeoutError
    if (
      !stopped ||
      error.deploymentId !== id ||
      !/^(pending|queued|building)/.test(error.lastState)
    )
      throw error
    if (!(await platform.cancel(id))) throw error
    throw error instanceof CancelledError
      ? new CancelledError(id, error.lastState, true)
      : new DeployTimeoutError(error.timeoutMs, id, error.lastState, true)
  }
}

export interface ResultParts {
  dryRun?: boolean
  manifestPath?: string
  created?: { description: string; filesUploaded: number; bytesUploaded: number }
  deployment?: PlatformDeployment
  url?: string | null
  buildMs?: number
}

/**
 * Every DeployResult of a run shares its tree and settings; the parts say how far it got (the
 * lifecycle builds a promotion's result with it too).
 */
export function deployResultBuilder(
  settings: DeploySettings,
  options: Pick<DeployOptions, 'commit'>,
  packed: PackResult,
  started: number
): (parts: ResultParts) => DeployResult {
  return ({ dryRun = false, manifestPath, created, deployment, url = null, buildMs }) => ({
    projectId: settings.projectId,
    platform: settings.api.version,
    deploymentId: deployment?.id ?? null,
    status: deployment?.status ?? 'dry-run',
    url,
    domains: deployment?.domains ?? [],
    description: created?.description ?? settings.description,
    commit: options.commit ?? null,
    digest: packed.digest,
    fileCount: packed.fileCount,
    totalBytes: packed.totalBytes,
    filesUploaded: created?.filesUploaded ?? 0,
    bytesUploaded: created?.bytesUploaded ?? 0,
    buildMs: buildMs ?? null,
    totalMs: Date.now() - started,
    dryRun,
    manifestPath: manifestPath ?? null
  })
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
