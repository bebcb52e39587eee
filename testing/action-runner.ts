/**
 * The Actions runner, simulated: runs the action the way the runner does (`node dist/index.js`
 * as a child process with INPUT_* variables, action.yml defaults filled in and hyphens kept, the
 * GITHUB_* and RUNNER_* variables, an event payload file and the file commands GITHUB_OUTPUT,
 * GITHUB_STEP_SUMMARY, ...), and reads the file commands back into the result.
 *
 * testing/ is the one test-support home: the jest suites (__tests__), the demo (scripts/demo.ts)
 * and the benches (bench/) all import it, so none of them owns what the others need; the local
 * server's harness is its counterpart in server/testing/harness.ts. jest only runs `*.test.ts` under
 * __tests__ and server/__tests__, so nothing here is collected as a test.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parse as parseYaml } from 'yaml'
import { readRunnerLines } from './workflow-commands.js'

export const REPO_ROOT = fileURLToPath(new URL('..', import.meta.url))
/** dist/index.js; ACTION_BUNDLE runs the suites against another build of src/ instead. */
export const BUNDLE = process.env.ACTION_BUNDLE || join(REPO_ROOT, 'dist', 'index.js')

export interface ActionEvent {
  eventName: string
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  payload: Record<string, any>
}

export interface RunActionOptions {
  /** Inputs by their action.yml names; missing ones get action.yml's default like on the runner. */
  inputs: Record<string, string>
  /** GITHUB_WORKSPACE and the working directory of the step. */
  workspace: string
  /** Default: a push to main. */
  event?: ActionEvent
  /** Default: the PR head or the pushed commit of the payload. */
  sha?: string
  /** Default: the payload's ref, or refs/pull/<n>/merge for pull requests. */
  ref?: string
  /** GITHUB_REPOSITORY; default octo-org/hello-app. */
  repository?: string
  /** GITHUB_API_URL, e.g. a local GitHub double. */
  githubApiUrl?: string
  actor?: string
  /** Extra environment variables (e.g. RUNNER_DEBUG). */
  env?: Record<string, string>
  /** What to run instead of `node dist/index.js` (an interim entry point). */
  command?: [string, ...string[]]
  /** The child's process group is killed (and the run rejected) after this long. */
  killAfterMs?: number
}

export interface ActionRun {
  exitCode: number | null
  signal: NodeJS.Signals | null
  stdout: string
  stderr: string
  /** What the step wrote to GITHUB_OUTPUT. */
  outputs: Record<string, string>
  /** What the step wrote to GITHUB_STEP_SUMMARY. */
  summary: string
}

export interface RunningAction {
  child: ChildProcess
  /** Resolves once stdout contains `pattern`. */
  waitForStdout(pattern: string | RegExp): Promise<void>
  result: Promise<ActionRun>
}

interface ActionYml {
  inputs: Record<string, { description: string; default?: string; required?: boolean }>
  outputs: Record<string, { description: string }>
}

/** action.yml, parsed. */
export const actionYml = parseYaml(readFileSync(join(REPO_ROOT, 'action.yml'), 'utf8')) as ActionYml

const PUSH_TO_MAIN: ActionEvent = {
  eventName: 'push',
  payload: { ref: 'refs/heads/main', after: 'f'.repeat(40) }
}

/** The runner's per-step files: the event payload and the file commands, in one directory. */
export interface StepFiles {
  dir: string
  event: string
  output: string
  summary: string
  state: string
  env: string
  path: string
  /** RUNNER_TEMP. */
  temp: string
}

/** Writes `event`'s payload and empty file-command files into `dir` (created if missing). */
export function writeStepFiles(dir: string, event: ActionEvent): StepFiles {
  const files: StepFiles = {
    dir,
    event: join(dir, 'event.json'),
    output: join(dir, 'output'),
    summary: join(dir, 'summary'),
    state: join(dir, 'state'),
    env: join(dir, 'env'),
    path: join(dir, 'path'),
    temp: join(dir, 'runner-temp')
  }
  mkdirSync(files.temp, { recursive: true })
  for (const file of [files.output, files.summary, files.state, files.env, files.path])
    writeFileSync(file, '')
  writeFileSync(files.event, JSON.stringify(event.payload))
  return files
}

export type StepEnvOptions = Omit<RunActionOptions, 'command' | 'killAfterMs'>

/**
 * The environment the runner gives a step: the GITHUB_* context (derived from the event payload
 * where the runner derives it), RUNNER_*, the file-command paths and INPUT_* for every input.
 */
export function stepEnv(options: StepEnvOptions, files: StepFiles): Record<string, string> {
  const event = options.event ?? PUSH_TO_MAIN
  const payload = event.payload
  const repository =
    options.repository ?? String(payload.repository?.full_name ?? 'octo-org/hello-app')
  const ref = options.ref ?? String(payload.ref ?? `refs/pull/${payload.number ?? 0}/merge`)
  const pull = payload.pull_request
  return {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: process.env.HOME ?? files.dir,
    CI: 'true',
    GITHUB_ACTIONS: 'true',
    GITHUB_OUTPUT: files.output,
    GITHUB_STEP_SUMMARY: files.summary,
    GITHUB_STATE: files.state,
    GITHUB_ENV: files.env,
    GITHUB_PATH: files.path,
    GITHUB_EVENT_PATH: files.event,
    GITHUB_EVENT_NAME: event.eventName,
    GITHUB_SHA: options.sha ?? String(payload.after ?? pull?.head?.sha ?? 'f'.repeat(40)),
    GITHUB_REF: ref,
    GITHUB_REF_NAME: ref.replace(/^refs\/(heads|tags)\//, '').replace(/^refs\/pull\//, ''),
    // The runner sets the head and base branch only for pull_request(_target) events.
    ...(pull
      ? { GITHUB_HEAD_REF: String(pull.head?.ref), GITHUB_BASE_REF: String(pull.base?.ref) }
      : {}),
    GITHUB_REPOSITORY: repository,
    GITHUB_REPOSITORY_OWNER: repository.split('/')[0],
    GITHUB_WORKSPACE: options.workspace,
    GITHUB_RUN_ID: '4242',
    GITHUB_RUN_NUMBER: '7',
    GITHUB_RUN_ATTEMPT: '1',
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_API_URL: options.githubApiUrl ?? 'https://api.github.com',
    GITHUB_WORKFLOW: 'deploy',
    GITHUB_JOB: 'deploy',
    GITHUB_ACTOR: options.actor ?? 'octocat',
    RUNNER_TEMP: files.temp,
    RUNNER_OS: process.platform === 'darwin' ? 'macOS' : 'Linux',
    ...inputEnv(options.inputs),
    ...options.env
  }
}

/** Starts the step; the caller may signal `child` before awaiting `result`. */
export async function startAction(options: RunActionOptions): Promise<RunningAction> {
  const dir = await mkdtemp(join(tmpdir(), 'action-step-'))
  const files = writeStepFiles(dir, options.event ?? PUSH_TO_MAIN)
  const env = stepEnv(options, files)

  const [command, ...args] = options.command ?? [process.execPath, BUNDLE]
  const child = spawn(command, args, {
    cwd: options.workspace,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true
  })
  running.add(child)
  child.on('exit', () => running.delete(child))
  let stdout = ''
  let stderr = ''
  let watchers: { pattern: string | RegExp; resolve: () => void }[] = []
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk
    watchers = watchers.filter(w => (matches(stdout, w.pattern) ? (w.resolve(), false) : true))
  })
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk))

  const killAfterMs = options.killAfterMs ?? 150_000
  const result = new Promise<ActionRun>((resolveRun, rejectRun) => {
    const timer = setTimeout(() => {
      killGroup(child)
      rejectRun(new Error(`step still running after ${killAfterMs} ms; stdout:\n${stdout}`))
    }, killAfterMs)
    child.on('error', rejectRun)
    child.on('close', (exitCode, signal) => {
      clearTimeout(timer)
      Promise.all([readFile(files.output, 'utf8'), readFile(files.summary, 'utf8')])
        .then(async ([output, summary]) => {
          await rm(dir, { recursive: true, force: true })
          resolveRun({ exitCode, signal, stdout, stderr, outputs: parseOutputs(output), summary })
        })
        .catch(rejectRun)
    })
  })

  return {
    child,
    result,
    waitForStdout(pattern) {
      if (matches(stdout, pattern)) return Promise.resolve()
      return new Promise(resolveWait => watchers.push({ pattern, resolve: resolveWait }))
    }
  }
}

/** Steps started and not yet exited. */
const running = new Set<ChildProcess>()

/** Kills every step still running (for afterAll: a failed test must not leave one behind). */
export function killRunningSteps(): void {
  for (const child of running) killGroup(child)
}

/** Runs the step to completion. */
export async function runAction(options: RunActionOptions): Promise<ActionRun> {
  return (await startAction(options)).result
}

/**
 * INPUT_<NAME> for every input, as the runner sets them: the name upper-cased with spaces turned
 * into underscores (hyphens stay), and action.yml's default for every input not given.
 */
export function inputEnv(inputs: Record<string, string>): Record<string, string> {
  const env: Record<string, string> = {}
  for (const [name, spec] of Object.entries(actionYml.inputs)) {
    if (spec.default !== undefined) env[inputVar(name)] = String(spec.default)
  }
  for (const [name, value] of Object.entries(inputs)) {
    if (!(name in actionYml.inputs)) throw new Error(`action.yml declares no input "${name}"`)
    env[inputVar(name)] = value
  }
  return env
}

function inputVar(name: string): string {
  return `INPUT_${name.replace(/ /g, '_').toUpperCase()}`
}

/** Parses GITHUB_OUTPUT: `name<<delimiter` heredocs (what @actions/core writes) or `name=value`. */
export function parseOutputs(text: string): Record<string, string> {
  const outputs: Record<string, string> = {}
  const lines = text.split('\n')
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]
    if (line === '') continue
    const heredoc = /^([^=<]+)<<(.+)$/.exec(line)
    if (heredoc) {
      const [, name, delimiter] = heredoc
      const end = lines.indexOf(delimiter, i + 1)
      if (end < 0) throw new Error(`GITHUB_OUTPUT: no closing ${delimiter} for ${name}`)
      outputs[name] = lines.slice(i + 1, end).join('\n')
      i = end
      continue
    }
    const eq = line.indexOf('=')
    if (eq < 0) throw new Error(`GITHUB_OUTPUT: unparseable line ${JSON.stringify(line)}`)
    outputs[line.slice(0, eq)] = line.slice(eq + 1)
  }
  return outputs
}

/** Stdout without the `::add-mask::` commands, which the runner consumes and never shows. */
export function visibleLog(stdout: string): string {
  return readRunnerLines(stdout)
    .filter(line => !('command' in line && line.command.name === 'add-mask'))
    .map(line => ('command' in line ? line.command.line : line.text))
    .join('\n')
}

/** The values the step registered with `::add-mask::` before the first line the runner shows. */
export function masksBeforeOutput(stdout: string): string[] {
  const masks: string[] = []
  for (const line of readRunnerLines(stdout)) {
    if ('text' in line && line.text === '') continue
    if (!('command' in line) || line.command.name !== 'add-mask') break
    masks.push(line.command.data)
  }
  return masks
}

/** The shape the pull-request lifecycle tests use. */
export interface StepResult {
  code: number
  stdout: string
  stderr: string
  outputs: Record<string, string>
  summary: string
}

export interface StepOptions extends Omit<RunActionOptions, 'event' | 'githubApiUrl'> {
  event: ActionEvent
  repository: string
  githubApiUrl: string
}

/** runAction for the lifecycle tests: the exit code as a number (1 when killed by a signal). */
export async function runStep(options: StepOptions): Promise<StepResult> {
  const run = await runAction(options)
  const { stdout, stderr, outputs, summary } = run
  return { code: run.exitCode ?? 1, stdout, stderr, outputs, summary }
}

function matches(text: string, pattern: string | RegExp): boolean {
  return typeof pattern === 'string' ? text.includes(pattern) : pattern.test(text)
}

function killGroup(child: ChildProcess): void {
  if (child.pid === undefined || child.exitCode !== null) return
  try {
    process.kill(-child.pid, 'SIGKILL')
  } catch {
    // already gone
  }
}

/** The parts of a local Subhosting server (server/testing/harness.ts) the action tests look at. */
interface ServerAccess {
  apiUrl: string
  origin: string
  token: string
}

export interface ServerDeployment {
  id: string
  status: string
  description?: string | null
  domains?: string[] | null
}

/** Every deployment the server holds for a project, straight from the v1 API. */
export async function listDeployments(
  server: ServerAccess,
  projectId: string
): Promise<ServerDeployment[]> {
  const res = await fetch(`${server.apiUrl}/projects/${projectId}/deployments?limit=100`, {
    headers: { authorization: `Bearer ${server.token}` }
  })
  if (!res.ok) throw new Error(`listing deployments answered ${res.status}: ${await res.text()}`)
  return (await res.json()) as ServerDeployment[]
}

export interface FaultState {
  path: string
  method?: string
  remaining: number
  hits: number
}

/** The server's fault rules with how often each one fired. */
export async function faultStates(server: ServerAccess): Promise<FaultState[]> {
  const res = await fetch(`${server.origin}/_admin/faults`, {
    headers: { authorization: `Bearer ${server.token}` }
  })
  if (!res.ok) throw new Error(`GET /_admin/faults answered ${res.status}: ${await res.text()}`)
  return ((await res.json()) as { rules: FaultState[] }).rules
}
