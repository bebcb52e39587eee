// Builds v2 revisions on the shared runtime: prepare (assets, policy checks), install, build
// (the command, then the runtime's own build), deploy (predeploy, boot check, routing).
import { readFile, realpath, rm, stat, writeFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { denoBinary } from '../../runtime/deno-binary.js'
import { RuntimeLayout } from '../../runtime/layout.js'
import { presentPaths } from '../../runtime/source-paths.js'
import { materialize, type AssetPlan } from '../assets/assets.js'
import { deploymentRecordDir, manifestOf, srcDirOf, type Manifest } from '../layout.js'
import { runCommand } from './commands.js'
import type { FailureReason, RevisionRec } from './model.js'
import type { BuildStep, Outcome, PipelineHost } from './build-types.js'
import { STATIC_ENTRY, staticServerSource } from './static-site.js'
import { warmup } from './warmup.js'

/** Two builds at a time keep a 2-core machine responsive (as for v1). */
const MAX_PARALLEL_BUILDS = 2
const COMMAND_TIMEOUT_MS = 10 * 60_000
export const RUN_COMMANDS_FLAG = '--run-build-commands'

const COMMANDS = [
  ['install', 'installing'],
  ['build', 'building'],
  ['predeploy', 'deploying']
] as const

/** Why the local server cannot build this config, or null. Checked before anything runs. */
export function unsupportedConfig(rev: RevisionRec, runCommands: boolean): string | null {
  const c = rev.config
  if (c.framework)
    return `config.framework is ${JSON.stringify(c.framework)}: the local server does not run framework presets; deploy with config.runtime ({"type":"dynamic","entrypoint":"main.ts"} or {"type":"static","cwd":"dist"}) and framework "".`
  const commands = COMMANDS.filter(([key]) => c[key]).map(([key]) => `config.${key}`)
  if (commands.length && !runCommands)
    return `This revision has ${commands.join(', ')}; the local server runs install, build and predeploy commands only when it is started with ${RUN_COMMANDS_FLAG} (they then run unsandboxed, with the server user's privileges). Restart the server with that flag, or deploy without the command.`
  const runtime = c.runtime
  if (!runtime)
    return 'config.runtime is missing (and the app has no config to inherit): set config.runtime to {"type":"dynamic","entrypoint":"main.ts"} or {"type":"static","cwd":"."}.'
  if (runtime.type === 'dynamic' && !runtime.entrypoint)
    return 'config.runtime.entrypoint is required for a dynamic runtime: name the main module relative to the assets root, e.g. "main.ts".'
  if (runtime.type === 'dynamic' && runtime.args?.length)
    return 'config.runtime.args are not passed to apps by the local server; deploy without them.'
  if (runtime.type === 'static' && !runtime.cwd)
    return 'config.runtime.cwd is required for a static runtime: name the directory to serve relative to the assets root, e.g. "." or "dist".'
  return null
}

export class Pipeline {
  private readonly queue: RevisionRec[] = []
  private readonly running = new Map<string, AbortController>()
  private stopped = false

  constructor(private readonly svc: PipelineHost) {}

  get isStopped(): boolean {
    return this.stopped
  }

  /** Starts on the next turn, so the 202 still shows the revision `queued`. */
  enqueue(rev: RevisionRec): void {
    this.queue.push(rev)
    setImmediate(() => this.pump())
  }

  /** Queued: fails at once; building: stops what runs (a command is killed) and fails. */
  cancel(rev: RevisionRec): void {
    const queued = this.queue.indexOf(rev)
    if (queued !== -1) {
      this.queue.splice(queued, 1)
      void this.svc.finish(rev, {
        ok: false,
        reason: 'cancelled',
        step: 'preparing',
        message: 'The revision was cancelled before its build started.'
      })
    }
    this.running.get(rev.id)?.abort()
  }

  /** Shutdown: commands are killed; results are not recorded (recovery marks them failed). */
  stop(): void {
    this.stopped = true
    this.queue.length = 0
    for (const controller of this.running.values()) controller.abort()
  }

  private pump(): void {
    while (!this.stopped && this.running.size < MAX_PARALLEL_BUILDS && this.queue.length > 0) {
      const rev = this.queue.shift()!
      const controller = new AbortController()
      this.running.set(rev.id, controller)
      void new RevisionBuild(this.svc, rev, controller.signal).run().finally(() => {
        this.running.delete(rev.id)
        this.pump()
      })
    }
  }
}

class RevisionBuild {
  private readonly srcDir: string

  constructor(
    private readonly svc: PipelineHost,
    private readonly rev: RevisionRec,
    private readonly signal: AbortSignal
  ) {
    this.srcDir = srcDirOf(svc.deps.options.dataDir, rev.id)
  }

  async run(): Promise<void> {
    const { svc, rev } = this
    let outcome: Outcome
    try {
      outcome = await this.steps()
    } catch (err) {
      outcome = this.fail('preparing', `Internal error while building: ${(err as Error).message}`)
    }
    if (svc.pipeline.isStopped) return
    if (!svc.state.revisions[rev.id]) {
      // Deleted with its app while building: materializing may have recreated its directory.
      await rm(deploymentRecordDir(svc.deps.options.dataDir, rev.id), {
        recursive: true,
        force: true
      })
      return
    }
    if (!outcome.ok) await svc.deps.runtime.unregister(rev.id)
    await svc.finish(rev, outcome)
  }

  private log(
    step: BuildStep,
    message: string,
    level: 'info' | 'error' | 'warning' = 'info'
  ): void {
    this.svc.log(this.rev.id, step, level, presentPaths(message, this.srcDir))
  }

  private fail(step: BuildStep, message: string, reason: FailureReason = 'error'): Outcome {
    return { ok: false, reason, step, message }
  }

  private cancelled(step: BuildStep): Outcome | null {
    return this.signal.aborted ? this.fail(step, 'The build was cancelled.', 'cancelled') : null
  }

  private async steps(): Promise<Outcome> {
    const { svc, rev } = this
    rev.status = 'building'
    svc.setStage(rev, 'queued', 'succeeded')
    svc.setStage(rev, 'preparing', 'running')
    await svc.changed(rev)
    const prepared = await this.prepare()
    if (prepared) return prepared
    svc.setStage(rev, 'preparing', 'succeeded')

    svc.setStage(rev, 'installing', rev.config.install ? 'running' : 'skipped')
    const installed = await this.command('install', 'installing')
    if (installed) return installed
    if (rev.config.install) svc.setStage(rev, 'installing', 'succeeded')

    svc.setStage(rev, 'building', 'running')
    const built = (await this.command('build', 'building')) ?? (await this.runtimeBuild())
    if (built) return built
    svc.setStage(rev, 'building', 'succeeded')

    svc.setStage(rev, 'deploying', 'running')
    svc.setStage(rev, 'predeploy', rev.config.predeploy ? 'running' : 'skipped')
    const predeployed = await this.command('predeploy', 'deploying')
    if (predeployed) return predeployed
    if (rev.config.predeploy) svc.setStage(rev, 'predeploy', 'succeeded')
    const booted = await this.boot()
    if (booted) return booted
    svc.setStage(rev, 'routing', 'running')
    return { ok: true }
  }

  /** Policy checks, then the assets (and a static server) into the source directory. */
  private async prepare(): Promise<Outcome | null> {
    const { svc, rev } = this
    const problem = unsupportedConfig(rev, svc.deps.options.runBuildCommands === true)
    if (problem) return this.fail('preparing', problem)
    this.log('preparing', 'Preparing the assets.')
    const manifest = JSON.parse(
      await readFile(manifestOf(svc.deps.options.dataDir, rev.id), 'utf8')
    ) as Manifest
    const plan: AssetPlan = {
      files: new Map(manifest.files),
      symlinks: new Map(manifest.symlinks),
      totalBytes: 0
    }
    const runtime = rev.config.runtime!
    if (
      runtime.type === 'static' &&
      (plan.files.has(STATIC_ENTRY) || plan.symlinks.has(STATIC_ENTRY))
    )
      return this.fail(
        'preparing',
        `The asset path ${STATIC_ENTRY} is reserved for the static runtime's server; rename that file.`
      )
    await rm(this.srcDir, { recursive: true, force: true })
    await materialize(plan, svc.deps.blobs, rev.appId, this.srcDir)
    this.log(
      'preparing',
      `Prepared ${plan.files.size} file(s) and ${plan.symlinks.size} symlink(s).`
    )
    return this.cancelled('preparing')
  }

  /** Runs config[key] if set; null when it succeeded (or there is none). */
  private async command(
    key: 'install' | 'build' | 'predeploy',
    step: BuildStep
  ): Promise<Outcome | null> {
    const command = this.rev.config[key]
    if (!command) return this.cancelled(step)
    this.log(step, `$ ${command}`)
    const layout = new RuntimeLayout(this.svc.deps.options.dataDir)
    const result = await runCommand({
      command,
      cwd: this.srcDir,
      env: {
        PATH: `${dirname(denoBinary())}:${process.env.PATH ?? '/usr/bin:/bin'}`,
        HOME: process.env.HOME ?? this.srcDir,
        DENO_DIR: layout.denoDir,
        NO_COLOR: '1',
        CI: 'true',
        ...this.svc.envOf(this.svc.state.apps[this.rev.appId], this.rev, 'build')
      },
      timeoutMs: COMMAND_TIMEOUT_MS,
      signal: this.signal,
      onLine: (stream, line) => this.log(step, line, stream === 'stderr' ? 'warning' : 'info')
    })
    if (result.outcome === 'succeeded') return null
    if (result.outcome === 'errored')
      return this.fail(
        step,
        `config.${key} (${JSON.stringify(command)}) failed: ${result.message}.`
      )
    if (result.outcome === 'cancelled')
      return this.fail(step, 'The build was cancelled.', 'cancelled')
    return this.fail(
      step,
      `config.${key} did not finish within ${COMMAND_TIMEOUT_MS / 60000} minutes and was stopped.`,
      'timed_out'
    )
  }

  /** The entry point must exist once the commands ran; then the runtime builds it as for v1. */
  private async runtimeBuild(): Promise<Outcome | null> {
    const { svc, rev } = this
    const runtime = rev.config.runtime!
    if (runtime.type === 'static') {
      const root = join(this.srcDir, runtime.cwd!)
      if (!(await stat(root).catch(() => null))?.isDirectory())
        return this.fail(
          'building',
          `config.runtime.cwd ${JSON.stringify(runtime.cwd)} is not a directory of the assets (after the build command); deploy it or fix the path.`
        )
      await writeFile(
        join(this.srcDir, STATIC_ENTRY),
        staticServerSource(runtime.cwd!, runtime.spa === true)
      )
      rev.entryPoint = STATIC_ENTRY
    } else {
      if (!(await stat(join(this.srcDir, runtime.entrypoint!)).catch(() => null))?.isFile())
        return this.fail(
          'building',
          `config.runtime.entrypoint ${JSON.stringify(runtime.entrypoint)} is not a file of the assets (after the build command); add it or fix the path.`
        )
      rev.entryPoint = runtime.entrypoint!
    }
    const result = await svc.deps.runtime.build({
      deploymentId: rev.id,
      srcDir: this.srcDir,
      entryPointUrl: rev.entryPoint,
      importMapUrl: null,
      lockFileUrl: null,
      compilerOptions: null,
      onLog: (level, message) => this.log('building', message, level === 'debug' ? 'info' : level)
    })
    return (
      this.cancelled('building') ??
      (result.ok ? null : this.fail('building', 'The build failed; see the lines above.'))
    )
  }

  /** Starts the revision once through the router; a process that never serves fails it. */
  private async boot(): Promise<Outcome | null> {
    const { svc, rev } = this
    svc.setStage(rev, 'warmup', 'running')
    this.log('deploying', 'Starting the app (boot check).')
    svc.deps.runtime.register(svc.runSpec(rev))
    svc.beginWarmup(rev.id)
    const result = await warmup(svc.port, svc.warmupHost(rev.id))
    const startError = svc.endWarmup(rev.id)
    if (result.ok) {
      if (result.note) this.log('deploying', `Boot check: ${result.note}; continuing.`, 'warning')
      svc.setStage(rev, 'warmup', 'succeeded')
      return this.cancelled('deploying')
    }
    const real = await realpath(this.srcDir).catch(() => this.srcDir)
    const message = presentPaths(presentPaths(startError ?? result.message, real), this.srcDir)
    return {
      ok: false,
      reason: 'error',
      step: 'deploying',
      message: `The app failed to start: ${message}`,
      detail: { stage: 'warmup', code: 'boot_failed', message }
    }
  }
}
