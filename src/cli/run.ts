import path from 'node:path'
import { DeployFailedError } from '../core/deploy/outcome-errors.js'
import { buildErrorHeadline } from '../core/deploy/build-error.js'
import { deploy, type DeployResult } from '../core/deploy/deploy.js'
import { InputError } from '../core/settings/input-error.js'
import { PackError } from '../core/pack/pack-error.js'
import { failureFacts, type FailureFacts } from '../core/deploy/outcome-errors.js'
import { parseSettings } from '../core/settings/inputs.js'
import { profileOf } from '../core/platform/factory.js'
import { NotInTargetError } from '../core/platform/platform.js'
import { parseCommandLine, UsageError, type CommandLine } from './args.js'
import { flagForInput, TOKEN_ENV_VARS } from './flags.js'
import { readGitHead } from './git-context.js'
import { commandHelp, helpText } from './help.js'
import { isOrgCommand, runOrgCommand } from './org-commands.js'
import { isPreviewCommand, runPreviewCommand } from './preview-commands.js'
import { formatTraffic, isAnalyticsCommand, runAnalytics } from './analytics-command.js'
import { formatResult } from './result-text.js'
import { inputName, nameInputsWith } from '../core/text/wording.js'
import { TerminalReporter, wantsColor, type Output } from './terminal-reporter.js'
import { packageVersion } from './version.js'

export const EXIT = { ok: 0, failed: 1, badInput: 2, cancelled: 130 } as const

export interface CliIo {
  argv: string[]
  env: NodeJS.ProcessEnv
  cwd: string
  stdout: Output & { isTTY?: boolean }
  stderr: Output & { isTTY?: boolean }
  /** Aborted on Ctrl-C / SIGTERM. */
  signal: AbortSignal
}

type Failure = { kind: 'input' | 'deploy' | 'cancelled'; message: string; exitCode: number }

/** The whole command: parse, validate, deploy, report. Returns the process exit code. */
export async function runCli(io: CliIo): Promise<number> {
  // Advice names flags here, where the action names inputs.
  nameInputsWith(flagForInput)
  const state = { json: false }
  let reporter = new TerminalReporter({
    out: io.stderr,
    color: wantsColor(io.stderr, io.env),
    verbose: false
  })
  try {
    if (await runOtherCommand(io, reporter, state)) return EXIT.ok
    const cli = parseCommandLine(io.argv, io.env)
    if (cli.help) {
      io.stdout.write(helpText() + '\n')
      return EXIT.ok
    }
    if (cli.version) {
      io.stdout.write(packageVersion() + '\n')
      return EXIT.ok
    }
    state.json = cli.json
    reporter = progressReporter(cli, io)
    const result = await deployFromCommandLine(cli, io, reporter)
    if (state.json) io.stdout.write(reporter.redact(JSON.stringify(result, null, 2)) + '\n')
    else reporter.print(formatResult(result, reporter))
    return EXIT.ok
  } catch (error) {
    const failure = classify(error, io.signal)
    if (state.json) {
      const body = {
        error: { kind: failure.kind, message: failure.message, ...problems(error) },
        ...knownFacts(error)
      }
      io.stdout.write(reporter.redact(JSON.stringify(body, null, 2)) + '\n')
    }
    reporter.error(failure.message)
    return failure.exitCode
  }
}

/** The commands other than a deploy (previews, organization, analytics); false for a deploy. */
async function runOtherCommand(
  io: CliIo,
  reporter: TerminalReporter,
  state: { json: boolean }
): Promise<boolean> {
  // Whatever these commands print or fail with, no token from the environment shows.
  for (const name of TOKEN_ENV_VARS) if (io.env[name]) reporter.mask(io.env[name])
  if (isPreviewCommand(io.argv)) {
    state.json = io.argv.includes('--json')
    await runPreviewCommand({
      ...io,
      reporter,
      write: text => io.stdout.write(reporter.redact(text))
    })
    return true
  }
  if (isOrgCommand(io.argv)) {
    state.json = io.argv.includes('--json')
    await runOrgCommand({
      argv: io.argv,
      env: io.env,
      write: text => io.stdout.write(text),
      log: message => reporter.info(message)
    })
    return true
  }
  if (isAnalyticsCommand(io.argv)) {
    const cli = parseCommandLine(io.argv.slice(1), io.env)
    if (cli.help) {
      io.stdout.write(commandHelp('analytics') + '\n')
      return true
    }
    state.json = cli.json
    const traffic = await runAnalytics(cli, io.cwd, reporter, io.signal)
    io.stdout.write(state.json ? JSON.stringify(traffic, null, 2) + '\n' : formatTraffic(traffic))
    return true
  }
  return false
}

/** Progress is for people; with --json stdout carries only the result object. */
function progressReporter(cli: CommandLine, io: CliIo): TerminalReporter {
  const progress = cli.json ? io.stderr : io.stdout
  const reporter = new TerminalReporter({
    out: progress,
    err: io.stderr,
    color: wantsColor(progress, io.env),
    verbose: cli.verbose,
    inActions: io.env.GITHUB_ACTIONS === 'true'
  })
  if (cli.raw.token) reporter.mask(cli.raw.token)
  // Advice about the token names where it was read from (--token or which variable).
  const source = cli.tokenSource
  if (source)
    nameInputsWith(input =>
      input !== 'token'
        ? flagForInput(input)
        : source === 'flag'
          ? '--token'
          : `${source} (environment variable)`
    )
  if (cli.tokenSource === 'flag') {
    reporter.warning(
      `--token puts the token in your shell history and process list; set ${TOKEN_ENV_VARS[0]} instead.`
    )
  }
  return reporter
}

/**
 * Git facts (commit, branch, where root sits in the repository) come from root's own checkout;
 * root is taken as given (relative to the shell's directory), wherever it is.
 */
async function deployFromCommandLine(
  cli: CommandLine,
  io: CliIo,
  reporter: TerminalReporter
): Promise<DeployResult> {
  const root = path.resolve(io.cwd, cli.raw.root || '.')
  const head = readGitHead(root)
  const workspace = head.toplevel ?? root
  const settings = parseSettings({ ...cli.raw, root }, { workspace, sha: head.sha, ref: head.ref })
  for (const value of Object.values(settings.envVars)) reporter.mask(value)
  if (cli.production && !profileOf(settings).hasTimelines)
    throw new UsageError('--production is a v2 flag: v1 has no production timeline.')
  return deploy(settings, reporter, {
    signal: io.signal,
    commit: head.sha,
    ref: head.ref ?? null,
    pullRequest: cli.pullRequest,
    workspace,
    manifestFile: cli.manifestFile && path.resolve(io.cwd, cli.manifestFile),
    timeline: cli.production ? 'production' : 'preview'
  })
}

function classify(error: unknown, signal: AbortSignal): Failure {
  if (signal.aborted) {
    return { kind: 'cancelled', message: messageOf(error), exitCode: EXIT.cancelled }
  }
  if (error instanceof InputError) {
    const lines = error.problems.map(p => `${inputName(p.input)}: ${cliProblem(p)}`)
    const message =
      lines.length === 1
        ? lines[0]
        : `${lines.length} problems:\n${lines.map(l => `  - ${l}`).join('\n')}`
    return {
      kind: 'input',
      message: `${message}\n(see --help for every flag)`,
      exitCode: EXIT.badInput
    }
  }
  // An ID of another app (project), or none: refused like any bad input, nothing was changed.
  if (
    error instanceof UsageError ||
    error instanceof PackError ||
    error instanceof NotInTargetError
  ) {
    return { kind: 'input', message: error.message, exitCode: EXIT.badInput }
  }
  // The build log was printed as it ran; the closing error says where and what, once.
  const message = error instanceof DeployFailedError ? buildErrorHeadline(error) : messageOf(error)
  return { kind: 'deploy', message: message, exitCode: EXIT.failed }
}

/** The action's advice for a missing token is about workflow secrets; here it is the shell. */
function cliProblem(problem: InputError['problems'][number]): string {
  if (problem.input === 'token' && /^is empty/.test(problem.message)) {
    return `is not set. Export an organization access token: ${TOKEN_ENV_VARS[0]}=... subhosting-deploy ...`
  }
  return problem.message
}

/** deploymentId, status and url of a deploy that got that far (omitted when unknown). */
function knownFacts(error: unknown): Partial<Record<keyof FailureFacts, string>> {
  const facts: Partial<Record<keyof FailureFacts, string>> = {}
  for (const [key, value] of Object.entries(failureFacts(error))) {
    if (value !== null) facts[key as keyof FailureFacts] = value
  }
  return facts
}

/** Each problem in CLI terms: the flag to fix and advice that speaks in flags. */
function problems(error: unknown): {
  problems?: { input: string; flag: string; message: string }[]
} {
  if (!(error instanceof InputError)) return {}
  return {
    problems: error.problems.map(p => ({
      input: p.input,
      flag: inputName(p.input),
      message: cliProblem(p)
    }))
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}
