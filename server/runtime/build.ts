import { spawn } from 'node:child_process'
import { writeFile } from 'node:fs/promises'
import type { BuildRequest, BuildResult, LogLevel } from './types.js'
import { denoBinary } from './deno-binary.js'
import { writeDenoConfig } from './deno-config.js'
import { forEachLine, stripAnsi } from './log-lines.js'
import { denoEnv, type RuntimeLayout } from './layout.js'
import { presentPaths, toModuleSpecifier } from './source-paths.js'
import { assertNoEscapingSymlinks } from './symlink-guard.js'
import { analyzeGraph, type GraphFacts } from './module-graph.js'

const BUILD_TIMEOUT_MS = 5 * 60_000
const ERROR_START = /^(error\b|TS\d+ |\w*Error\b|.*\[ERROR\])/i

/** Limits concurrent type checks: each one keeps a core busy. */
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
 * Resolves the module graph (downloading into the shared DENO_DIR) and type-checks it with
 * `deno check`, streaming Deno's own output as build logs. Resolution or type errors fail it.
 */
export function buildDeployment(req: BuildRequest, layout: RuntimeLayout): Promise<BuildResult> {
  return gate.run(() => runBuild(req, layout))
}

async function runBuild(req: BuildRequest, layout: RuntimeLayout): Promise<BuildResult> {
  const log = (level: LogLevel, message: string) => req.onLog(level, message)
  let args: string[]
  let deno: string
  try {
    deno = denoBinary()
    const entry = toModuleSpecifier(req.srcDir, req.entryPointUrl, 'entryPointUrl')
    await assertNoEscapingSymlinks(req.srcDir)
    const config = await writeDenoConfig(req, layout.deploymentDir(req.deploymentId))
    for (const note of config.notes) log('info', note)
    args = ['check', `--config=${config.configPath}`]
    if (config.importMap) args.push(`--import-map=${config.importMap}`)
    args.push(entry)
  } catch (error) {
    log('error', `Build failed: ${(error as Error).message}`)
    return { ok: false }
  }

  const env = denoEnv(layout)
  let inError = false
  const onLine = (raw: string) => {
    const line = presentPaths(stripAnsi(raw), req.srcDir)
    if (!line.trim()) return
    if (ERROR_START.test(line)) inError = true
    log(inError ? 'error' : /^warning\b/i.test(line) ? 'warning' : 'info', line)
  }

  // Resolve (and download) the graph first: it must stay inside the assets before anything,
  // the type checker included, reads a file of it.
  const info = await runDeno(
    deno,
    ['info', '--json', ...args.slice(1)],
    req.srcDir,
    env,
    onLine,
    log
  )
  let facts: GraphFacts | undefined
  if (info.code === 0) {
    facts = await analyzeGraph(info.stdout, req.srcDir)
    if (facts.outside.length) {
      for (const entry of facts.outside) {
        log('error', `${presentPaths(entry, req.srcDir)}, which is outside the deployment's assets`)
      }
      log('error', 'Build failed: modules must be among the assets or remote (http, jsr:, npm:).')
      return { ok: false }
    }
  }
  const check = info.code === 0 ? await runDeno(deno, args, req.srcDir, env, onLine, log) : info
  if (check.code === 0) {
    await writeFile(
      layout.factsFile(req.deploymentId),
      JSON.stringify({ nodeHttp: facts?.nodeHttp ?? false })
    )
    log('info', 'Build succeeded')
    return { ok: true }
  }
  log('error', 'Build failed')
  return { ok: false }
}

/** Runs one Deno command, streaming stderr (and stdout unless captured) as log lines. */
async function runDeno(
  deno: string,
  args: string[],
  cwd: string,
  env: Record<string, string>,
  onLine: (line: string) => void,
  log: (level: LogLevel, message: string) => void
): Promise<{ code: number | null; stdout: string }> {
  const captureStdout = args[0] === 'info'
  const child = spawn(deno, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] })
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
