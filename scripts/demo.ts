/**
 * `npm run demo [-- --keep] [-- --api v2]`: the action end to end on this machine, nothing mocked
 * but GitHub. Starts the local Subhosting server, creates a project (v1) or an app (v2, Deno
 * Deploy's API), runs the committed bundle dist/index.js
 * exactly as the runner would for a pull request (INPUT_* variables with action.yml's defaults,
 * the event payload file, GITHUB_OUTPUT and GITHUB_STEP_SUMMARY), fetches the URL it reports,
 * prints the pull-request comment it posted, then stops everything it started.
 */
import { spawn } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parse as parseYaml } from 'yaml'
import { startLocalServer, type LocalServer } from '../server/testing.js'
import {
  startGitHubDouble,
  type GitHubDouble,
  type PullRequestEvent
} from './demo/github-double.js'
import { keepInstructions } from './demo/keep-instructions.js'
import { getLocalUrl } from './demo/localhost-get.js'
import { renderRunnerLog } from './demo/runner-log.js'

const ROOT = fileURLToPath(new URL('..', import.meta.url))
const BUNDLE = join(ROOT, 'dist', 'index.js')
const EXAMPLE = 'examples/hello'
const ACTION_TIMEOUT_MS = 180_000

const keep = process.argv.includes('--keep')
const api = apiVersionArgument(process.argv)
const color = process.stdout.isTTY === true && !process.env.NO_COLOR
const bold = (text: string) => (color ? `\u001b[1m${text}\u001b[22m` : text)
const dim = (text: string) => (color ? `\u001b[2m${text}\u001b[22m` : text)
const step = (n: number, text: string) => console.log(`\n${bold(`${n}. ${text}`)}`)
const quote = (text: string) => text.split('\n').map(line => `   ${dim('│')} ${line}`)

/** Ctrl-C ends --keep, and interrupts any other step without leaving the server behind. */
const interrupted = new Promise<string>(resolve => {
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => resolve(signal))
})

/** What the demo started, as promises, so an interrupt mid-start still stops it. */
interface Started {
  server?: Promise<LocalServer>
  github?: Promise<GitHubDouble>
  tempDir?: Promise<string>
  serving: boolean
}

async function main(): Promise<void> {
  if (!existsSync(BUNDLE)) throw new Error(`${BUNDLE} is missing; run npm run build first.`)
  const started: Started = { serving: false }
  try {
    await Promise.race([
      demo(started),
      interrupted.then(signal => {
        if (!started.serving) throw new Error(`interrupted by ${signal}`)
      })
    ])
  } finally {
    await Promise.allSettled([
      started.server?.then(server => server.stop()),
      started.github?.then(github => github.close()),
      started.tempDir?.then(dir => rm(dir, { recursive: true, force: true }))
    ])
    console.log(`\n${dim('Stopped the server and the GitHub double; removed the temp files.')}`)
  }
}

async function demo(started: Started): Promise<void> {
  console.log(bold(`Subhosting Deploy demo: a pull request deploys examples/hello (${api} API)`))

  step(1, 'Starting the local Subhosting server')
  const server = await (started.server = startLocalServer())
  console.log(`   API ${server.apiUrl}, organization ${server.organizationId}`)

  const target = await createTarget(server)

  const event = pullRequestEvent()
  const github = await (started.github = startGitHubDouble(event))
  const tempDir = await (started.tempDir = mkdtemp(join(tmpdir(), 'subhosting-demo-')))

  step(
    3,
    `Running dist/index.js for pull request #${event.number} of ${event.repository.full_name}`
  )
  const run = await runBundle({
    tempDir,
    event,
    githubApiUrl: github.url,
    inputs: {
      token: server.token,
      project: target.project,
      'api-url': target.apiUrl,
      root: EXAMPLE,
      entrypoint: 'main.ts',
      'github-token': 'ghs_demo-token-for-the-local-github-double'
    }
  })
  for (const line of renderRunnerLog(run.stdout)) console.log(`   ${dim('│')} ${line}`)
  if (run.exitCode !== 0) {
    if (run.stderr.trim()) console.log(quote(run.stderr.trim()).join('\n'))
    throw new Error(`the action failed (exit code ${run.exitCode}); its log is above.`)
  }
  const url = run.outputs.url
  if (!url) throw new Error('the action succeeded but set no `url` output.')
  const shown = ['status', 'deployment-id', 'environment', 'comment-id', 'github-deployment-id']
  const outputs = shown
    .filter(name => run.outputs[name])
    .map(name => `${name}=${run.outputs[name]}`)
  console.log(`   outputs: ${outputs.join(', ')}`)

  step(4, 'Fetching the live URL')
  console.log(`   ${bold(url)}`)
  const answer = await getLocalUrl(url)
  console.log(`   HTTP ${answer.status}`)
  console.log(quote(answer.body.trimEnd()).join('\n'))
  if (answer.status !== 200) throw new Error(`${url} answered HTTP ${answer.status}`)

  step(5, `The comment the action posted on pull request #${event.number}`)
  const comments = github.items(
    `/repos/${event.repository.full_name}/issues/${event.number}/comments`
  )
  if (comments.length === 0) {
    const why =
      github.requestCount() === 0
        ? 'this build of the action made no GitHub API call'
        : 'see the warnings in the log above'
    console.log(`   (no comment was posted: ${why})`)
  } else {
    // The marker and the action's hidden records are HTML comments GitHub does not show.
    const visible = String(comments[comments.length - 1].body).replace(/<!--[\s\S]*?-->\n?/g, '')
    console.log(quote(visible.trim()).join('\n'))
  }

  if (keep) {
    step(6, 'Serving until you press Ctrl-C')
    console.log(`   Open ${bold(url)} in a browser, or run: curl ${url}`)
    console.log('   (browsers and curl resolve *.localhost to this machine)')
    console.log('')
    const kept = {
      ...server,
      apiUrl: target.apiUrl,
      apiVersion: api,
      projectId: target.project,
      projectName: target.name
    }
    for (const line of keepInstructions(kept)) console.log(line ? `   ${line}` : '')
    started.serving = true
    await interrupted
  }
}

/** `--api v1` (default) or `--api v2`. */
function apiVersionArgument(argv: string[]): 'v1' | 'v2' {
  const at = argv.indexOf('--api')
  if (at === -1) return 'v1'
  const value = argv[at + 1]
  if (value !== 'v1' && value !== 'v2') {
    console.error(`--api takes v1 or v2, not ${JSON.stringify(value ?? '')}`)
    process.exit(2)
  }
  return value
}

/** Step 2: what receives the deployment, a v1 project or a v2 app, and its API's base URL. */
async function createTarget(
  server: LocalServer
): Promise<{ apiUrl: string; project: string; name: string }> {
  if (api === 'v1') {
    step(2, 'Creating a project (v1)')
    const project = await server.createProject('hello')
    console.log(`   project "${project.name}" ${project.id}`)
    return { apiUrl: server.apiUrl, project: project.id, name: project.name }
  }
  step(2, 'Creating an app (v2)')
  const apiUrl = `${server.origin}/v2`
  const res = await fetch(`${apiUrl}/apps`, {
    method: 'POST',
    headers: { authorization: `Bearer ${server.token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ slug: 'hello' })
  })
  if (res.status !== 200)
    throw new Error(`POST /v2/apps answered ${res.status}: ${await res.text()}`)
  const app = (await res.json()) as { id: string; slug: string }
  console.log(`   app "${app.slug}" ${app.id}`)
  return { apiUrl, project: app.slug, name: app.slug }
}

/** A real `pull_request.opened` webhook payload (from @octokit/webhooks-examples). */
function pullRequestEvent(): PullRequestEvent {
  const require = createRequire(import.meta.url)
  const examples = require('@octokit/webhooks-examples') as {
    name: string
    examples: (PullRequestEvent & { action: string })[]
  }[]
  const pullRequest = examples.find(webhook => webhook.name === 'pull_request')
  const opened = pullRequest?.examples.find(example => example.action === 'opened')
  if (!opened) throw new Error('@octokit/webhooks-examples has no pull_request.opened example')
  return opened
}

interface BundleRun {
  exitCode: number | null
  stdout: string
  stderr: string
  outputs: Record<string, string>
}

/** `node dist/index.js` with the environment the Actions runner gives a pull_request step. */
async function runBundle(options: {
  tempDir: string
  event: PullRequestEvent
  githubApiUrl: string
  inputs: Record<string, string>
}): Promise<BundleRun> {
  const { tempDir, event } = options
  const files = {
    event: join(tempDir, 'event.json'),
    output: join(tempDir, 'output'),
    summary: join(tempDir, 'summary.md'),
    state: join(tempDir, 'state'),
    env: join(tempDir, 'env'),
    path: join(tempDir, 'path')
  }
  await writeFile(files.event, JSON.stringify(event))
  for (const file of [files.output, files.summary, files.state, files.env, files.path]) {
    await writeFile(file, '')
  }
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: process.env.HOME ?? tempDir,
    CI: 'true',
    GITHUB_ACTIONS: 'true',
    GITHUB_EVENT_NAME: 'pull_request',
    GITHUB_EVENT_PATH: files.event,
    GITHUB_OUTPUT: files.output,
    GITHUB_STEP_SUMMARY: files.summary,
    GITHUB_STATE: files.state,
    GITHUB_ENV: files.env,
    GITHUB_PATH: files.path,
    GITHUB_REPOSITORY: event.repository.full_name,
    GITHUB_REPOSITORY_OWNER: event.repository.full_name.split('/')[0],
    GITHUB_SHA: event.pull_request.head.sha,
    GITHUB_REF: `refs/pull/${event.number}/merge`,
    GITHUB_HEAD_REF: event.pull_request.head.ref,
    GITHUB_BASE_REF: event.repository.default_branch,
    GITHUB_WORKSPACE: ROOT,
    GITHUB_RUN_ID: '1',
    GITHUB_RUN_NUMBER: '1',
    GITHUB_RUN_ATTEMPT: '1',
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_API_URL: options.githubApiUrl,
    GITHUB_WORKFLOW: 'demo',
    GITHUB_JOB: 'deploy',
    GITHUB_ACTOR: 'octocat',
    RUNNER_TEMP: tempDir,
    RUNNER_OS: process.platform === 'darwin' ? 'macOS' : 'Linux',
    ...inputEnv(options.inputs)
  }

  const child = spawn(process.execPath, [BUNDLE], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe']
  })
  let stdout = ''
  let stderr = ''
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk))
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk))
  const exitCode = await new Promise<number | null>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL')
      reject(new Error(`the action was still running after ${ACTION_TIMEOUT_MS / 1000} s`))
    }, ACTION_TIMEOUT_MS)
    child.on('error', reject)
    child.on('close', code => {
      clearTimeout(timer)
      resolve(code)
    })
  })
  return {
    exitCode,
    stdout,
    stderr,
    outputs: parseOutputFile(await readFile(files.output, 'utf8'))
  }
}

/** INPUT_<NAME> for every input, with action.yml's defaults for those not given (as the runner does). */
function inputEnv(inputs: Record<string, string>): Record<string, string> {
  const action = parseYaml(readFileSync(join(ROOT, 'action.yml'), 'utf8')) as {
    inputs: Record<string, { default?: unknown }>
  }
  const env: Record<string, string> = {}
  for (const [name, spec] of Object.entries(action.inputs)) {
    const fallback = spec.default === undefined ? '' : String(spec.default)
    // `${{ github.token }}`-style defaults are expanded by the runner; the demo passes them.
    if (!fallback.includes('${{')) env[inputVar(name)] = fallback
  }
  for (const [name, value] of Object.entries(inputs)) {
    if (!(name in action.inputs)) continue
    env[inputVar(name)] = value
  }
  return env
}

function inputVar(name: string): string {
  return `INPUT_${name.replace(/ /g, '_').toUpperCase()}`
}

/** GITHUB_OUTPUT as @actions/core writes it: `name<<delimiter` heredocs. */
function parseOutputFile(text: string): Record<string, string> {
  const outputs: Record<string, string> = {}
  const lines = text.split('\n')
  for (let i = 0; i < lines.length; i++) {
    const heredoc = /^([^=<]+)<<(.+)$/.exec(lines[i])
    if (heredoc) {
      const end = lines.indexOf(heredoc[2], i + 1)
      outputs[heredoc[1]] = lines.slice(i + 1, end < 0 ? undefined : end).join('\n')
      i = end < 0 ? lines.length : end
    } else if (lines[i].includes('=')) {
      const eq = lines[i].indexOf('=')
      outputs[lines[i].slice(0, eq)] = lines[i].slice(eq + 1)
    }
  }
  return outputs
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(`\ndemo failed: ${error instanceof Error ? error.message : String(error)}`)
    process.exit(1)
  }
)
