import { spawn } from 'node:child_process'
import { mkdir, writeFile } from 'node:fs/promises'
import type { BuildRequest, BuildResult, LogLevel } from './types.js'
import { denoBinary } from './deno-binary.js'
import { writeDenoConfig } from './deno-config.js'
import { forEachLine, stripAnsi } from './log-lines.js'
import { denoEnv, type RuntimeLayout } from './layout.js'
import { presentPaths, toModuleSpecifier } from './source-paths.js'
import { assertNoEscapingSymlinks } from './symlink-guard.js'
import { analyzeGraph, type GraphFacts } from './module-graph.js'
import {
  confinedDeno,
  downloadFailureHint,
  hostNetworkEnv,
  isDownloadFailure,
  type Confinement
} from './build-confinement.js'

const BUILD_TIMEOUT_MS = 5 * 60_000
const ERROR_START = /^(error\b|TS\d+ |\w*Error\b|.*\[ERROR\])/i
// Deno's own native backtrace (after an internal error): noise for the user.
const NATIVE_FRAME = /^(Stack backtrace:|\s+\d+: |\s+at <unknown>|\s*<unknown>$)/

export interface BuildOptions {
  /** Run `deno check` after resolving (the platform transpiles without type-checking). */
  typeCheck: boolean
}

/** Limits concurrent builds: a type check keeps a core busy. */
class Gate {
  private active = 0
  private readonly waiting: (() => void)[] = []
  constructor(private readonly limit: number) {}
  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.active >= this.limit) await new Promise<void>(resolve => this.waiting.push(resolve))
    this.active++
    try {
      return await task()
    } finally {
      this.active--
      this.waiting.shift()?.()
    }
  }
}

const gate = new Gate(2)

/**
 * Like the platform: resolves the module graph (downloading into the shared DENO_DIR, parsing
 * every module, so syntax errors and unresolvable imports fail) without a type-check gate;
 * `deno check` runs only with options.typeCheck. Every step is confined to the assets and the
 * module cache (build-confinement.ts); Deno's output streams as build logs with asset paths.
 */
export function buildDeployment(
  req: BuildRequest,
  layout: RuntimeLayout,
  options: BuildOptions
): Promise<BuildResult> {
  return gate.run(() => runBuild(req, layout, options))
}

type Log = (level: LogLevel, message: string) => void

/** The `deno check` arguments for this deployment, or null (logged) when its setup is unusable. */
async function checkArgs(
  req: BuildRequest,
  layout: RuntimeLayout,
  log: Log
): Promise<{ deno: string; args: string[] } | null> {
  try {
    const deno = denoBinary()
    const entry = toModuleSpecifier(req.srcDir, req.entryPointUrl, 'entryPointUrl')
    await assertNoEscapingSymlinks(req.srcDir)
    // Confinement grants only paths that exist when it starts.
    await mkdir(layout.denoDir, { recursive: true })
    const config = await writeDenoConfig(req, layout.deploymentDir(req.deploymentId))
    for (const note of config.notes) log('info', note)
    const args = ['check', `--config=${config.configPath}`]
    if (config.importMap) args.push(`--import-map=${config.importMap}`)
    args.push(entry)
    return { deno, args }
  } catch (error) {
    log('error', `Build failed: ${(error as Error).message}`)
    return null
  }
}

/** Turns Deno's output into log lines: paths relative to the assets, errors and what follows them as errors. */
function denoLineLogger(srcDir: string, log: Log): (raw: string) => void {
  let inError = false
  return raw => {
    const line = presentPaths(stripAnsi(raw), srcDir)
    if (!line.trim() || NATIVE_FRAME.test(line)) return
    if (ERROR_START.test(line)) inError = true
    log(inError ? 'error' : /^warning\b/i.test(line) ? 'warning' : 'info', line)
  }
}

/**
 * Logs why the module graph cannot be deployed and returns the build's closing line, or null
 * when it can be deployed.
 */
function reportGraphProblems(
  facts: GraphFacts,
  srcDir: string,
  log: Log,
  onLine: (raw: string) => void
): string | null {
  if (facts.outside.length) {
    for (const entry of facts.outside) {
      log('error', `${presentPaths(entry, srcDir)}, which is outside the deployment's assets`)
    }
    return 'Build failed: modules must be among the assets or remote (http, jsr:, npm:).'
  }
  if (facts.errors.length) {
    for (const error of facts.errors) for (const line of error) onLine(line)
    return 'Build failed'
  }
  return null
}

async function runBuild(
  req: BuildRequest,
  layout: RuntimeLayout,
  options: BuildOptions
): Promise<BuildResult> {
  let downloadFailed = false
  const log: Log = (level, message) => {
    if (level === 'error' && isDownloadFailure(message)) downloadFailed = true
    req.onLog(level, message)
  }
  /** Closes a failed build; when a download failed, with why downloads may fail on this host. */
  const failed = (closing = 'Build failed'): BuildResult => {
    log('error', downloadFailed ? downloadFailureHint() : closing)
    return { ok: false }
  }
  const prepared = await checkArgs(req, layout, log)
  if (!prepared) return { ok: false }
  const { deno, args } = prepared
  const env = denoEnv(layout, hostNetworkEnv())
  const confinement: Confinement = {
    srcDir: req.srcDir,
    writable: [layout.denoDir, layout.deploymentDir(req.deploymentId)]
  }
  const onLine = denoLineLogger(req.srcDir, log)

  // Resolve (and download) the graph first: it must stay inside the assets before anything,
  // the type checker included, reads a file of it.
  const run = (denoArgs: string[]) =>
    runDeno(
      confinedDeno(deno, denoArgs, req.srcDir, confinement),
      { cwd: req.srcDir, env, captureStdout: denoArgs.includes('--json') },
      onLine,
      log
    )
  const info = await run(['info', '--json', ...args.slice(1)])
  let facts: GraphFacts | undefined
  if (info.code === 0) {
    facts = await analyzeGraph(info.stdout, req.srcDir)
    const closing = reportGraphProblems(facts, req.srcDir, log, onLine)
    if (closing) return failed(closing)
  }
  const check = info.code === 0 && options.typeCheck ? await run(args) : info
  if (check.code === 0) {
    await writeFile(
      layout.factsFile(req.deploymentId),
      JSON.stringify({ nodeHttp: facts?.nodeHttp ?? false })
    )
    log('info', 'Build succeeded')
    return { ok: true }
  }
  return failed()
}

/** Runs one Deno command, streaming stderr (and stdout unless captured) as log lines. */
async function runDeno(
  { command, args }: { command: string; args: string[] },
  { cwd, env, captureStdout }: { cwd: string; env: Record<string, string>; captureStdout: boolean },
  onLine: (line: string) => void,
  log: (level: LogLevel, message: string) => void
): Promise<{ code: number | null; stdout: string }> {
  const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] })
  let stdout = ''
  const timer = setTimeout(() => {
    log('error', `Build timed out after ${BUILD_TIMEOUT_MS / 1000} s`)
    child.kill('SIGKILL')
  }, BUILD_TIMEOUT_MS)
  const exit = new Promise<number | null>(resolve => {
    child.once('error', error => {
      log('error', `Could not run Deno: ${error.message}`)
      resolve(null)
    })
    child.once('close', code => resolve(code))
  })
  const readStdout = captureStdout
    ? new Promise<void>(resolve => {
        child.stdout.setEncoding('utf8')
        child.stdout.on('data', (chunk: string) => (stdout += chunk))
        child.stdout.on('end', resolve)
      })
    : forEachLine(child.stdout, onLine)
  await Promise.all([readStdout, forEachLine(child.stderr, onLine)])
  const code = await exit
  clearTimeout(timer)
  return { code, stdout }
}
