/**
 * `npm run demo [-- --keep] [-- --api v2]`: the action end to end on this machine, nothing mocked
 * but GitHub. Starts the local Subhosting server, creates a project (v1) or an app (v2, Deno
 * Deploy's API), runs the committed bundle dist/index.js exactly as the runner would for a pull
 * request (testing/action-runner.ts, the simulator the tests use: INPUT_* variables with
 * action.yml's defaults, the event payload file, GITHUB_OUTPUT and GITHUB_STEP_SUMMARY) against
 * the tests' GitHub double, fetches the URL it reports, prints the pull-request comment it
 * posted, then stops everything it started.
 */
import { existsSync } from 'node:fs'
import { createRequire } from 'node:module'
import { startLocalServer, type LocalServer } from '../server/testing/harness.js'
import { BUNDLE, REPO_ROOT, killRunningSteps, runAction } from '../testing/action-runner.js'
import type { TestEvent } from '../testing/events.js'
import {
  GITHUB_ACTIONS_BOT,
  startGitHubDouble,
  type GitHubDouble
} from '../testing/github-double.js'
import { getLocalUrl } from '../testing/local-url.js'
import { renderRunnerLog } from '../testing/runner-log.js'
import { keepInstructions } from './demo/keep-instructions.js'

const EXAMPLE = 'examples/hello'
const ACTION_TIMEOUT_MS = 180_000
const GITHUB_TOKEN = 'ghs_demo-token-for-the-local-github-double'

const keep = process.argv.includes('--keep')
/** The APIs the demo can show (see TARGETS for what each creates). */
const DEMO_APIS = ['v1', 'v2'] as const
type DemoApi = (typeof DEMO_APIS)[number]
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

/** What receives the deployment: its API's base URL, the `project` input, and its name. */
interface Target {
  apiUrl: string
  project: string
  name: string
}

/** What the demo started, as promises, so an interrupt mid-start still stops it. */
interface Started {
  server?: Promise<LocalServer>
  github?: Promise<GitHubDouble>
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
    // The step runs in its own process group (as on the runner), so Ctrl-C does not reach it.
    killRunningSteps()
    await Promise.allSettled([
      started.server?.then(server => server.stop()),
      started.github?.then(github => github.stop())
    ])
    console.log(`\n${dim('Stopped the server and the GitHub double; removed the temp files.')}`)
  }
}

/** The demo's steps in order; each records what it starts in `started` so main can stop it. */
async function demo(started: Started): Promise<void> {
  console.log(bold(`Subhosting Deploy demo: a pull request deploys examples/hello (${api} API)`))

  step(1, 'Starting the local Subhosting server')
  const server = await (started.server = startLocalServer())
  console.log(`   API ${server.apiUrl}, organization ${server.organizationId}`)

  const target = await TARGETS[api](server)

  const event = pullRequestEvent()
  const github = await (started.github = startGitHubDouble())
  hostPullRequest(github, event.payload)

  const url = await runForPullRequest(event, server, target, github)
  await fetchLiveUrl(url)
  showComment(github, event.payload)

  if (keep) await serveUntilInterrupted(started, server, target, url)
}

/** Step 3: runs the bundle for the event's pull request; answers the `url` it deployed to. */
async function runForPullRequest(
  event: TestEvent,
  server: LocalServer,
  target: Target,
  github: GitHubDouble
): Promise<string> {
  const { number, repository } = event.payload
  step(3, `Running dist/index.js for pull request #${number} of ${repository.full_name}`)
  const run = await runAction({
    event,
    workspace: REPO_ROOT,
    githubApiUrl: github.url,
    killAfterMs: ACTION_TIMEOUT_MS,
    inputs: {
      token: server.token,
      project: target.project,
      'api-url': target.apiUrl,
      root: EXAMPLE,
      entrypoint: 'main.ts',
      'github-token': GITHUB_TOKEN
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
  return url
}

/** Step 4: the deployment answers at the URL the action reported, or the demo fails. */
async function fetchLiveUrl(url: string): Promise<void> {
  step(4, 'Fetching the live URL')
  console.log(`   ${bold(url)}`)
  const answer = await getLocalUrl(url)
  console.log(`   HTTP ${answer.status}`)
  console.log(quote(answer.body.trimEnd()).join('\n'))
  if (answer.status !== 200) throw new Error(`${url} answered HTTP ${answer.status}`)
}

/** Step 5: the pull-request comment as GitHub would show it, or why there is none. */
function showComment(github: GitHubDouble, payload: TestEvent['payload']): void {
  step(5, `The comment the action posted on pull request #${payload.number}`)
  const [owner, repo] = String(payload.repository.full_name).split('/')
  const comments = github.comments(owner, repo, payload.number)
  if (comments.length === 0) {
    const why =
      github.requests.length === 0
        ? 'this build of the action made no GitHub API call'
        : 'see the warnings in the log above'
    console.log(`   (no comment was posted: ${why})`)
  } else {
    // The marker and the action's hidden records are HTML comments GitHub does not show.
    const visible = comments[comments.length - 1].body.replace(/<!--[\s\S]*?-->\n?/g, '')
    console.log(quote(visible.trim()).join('\n'))
  }
}

/** Step 6 (--keep): leaves everything running, says how to use it, and waits for Ctrl-C. */
async function serveUntilInterrupted(
  started: Started,
  server: LocalServer,
  target: Target,
  url: string
): Promise<void> {
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

/** `--api v1` (default) or `--api v2`. */
function apiVersionArgument(argv: string[]): DemoApi {
  const at = argv.indexOf('--api')
  if (at === -1) return 'v1'
  const value = argv[at + 1] ?? ''
  if (!(DEMO_APIS as readonly string[]).includes(value)) {
    console.error(`--api takes v1 or v2, not ${JSON.stringify(value)}`)
    process.exit(2)
  }
  return value as DemoApi
}

/** Step 2: what receives the deployment, a v1 project or a v2 app, and its API's base URL. */
const TARGETS: Record<DemoApi, (server: LocalServer) => Promise<Target>> = {
  async v1(server: LocalServer): Promise<Target> {
    step(2, 'Creating a project (v1)')
    const project = await server.createProject('hello')
    console.log(`   project "${project.name}" ${project.id}`)
    return { apiUrl: server.apiUrl, project: project.id, name: project.name }
  },
  async v2(server: LocalServer): Promise<Target> {
    step(2, 'Creating an app (v2)')
    const app = await server.createApp('hello')
    console.log(`   app "${app.slug}" ${app.id}`)
    return { apiUrl: server.v2Url, project: app.slug, name: app.slug }
  }
}

/** A real `pull_request.opened` webhook payload (from @octokit/webhooks-examples). */
function pullRequestEvent(): TestEvent {
  const require = createRequire(import.meta.url)
  const examples = require('@octokit/webhooks-examples') as {
    name: string
    examples: TestEvent['payload'][]
  }[]
  const pullRequest = examples.find(webhook => webhook.name === 'pull_request')
  const opened = pullRequest?.examples.find(example => example.action === 'opened')
  if (!opened) throw new Error('@octokit/webhooks-examples has no pull_request.opened example')
  return { eventName: 'pull_request', payload: opened }
}

/** The double serves the event's repository, with its pull request, to the job's token. */
function hostPullRequest(github: GitHubDouble, payload: TestEvent['payload']): void {
  const { repository, pull_request: pull } = payload
  const [owner, repo] = String(repository.full_name).split('/')
  github.addRepo(owner, repo, { id: repository.id, defaultBranch: repository.default_branch })
  github.addToken(GITHUB_TOKEN, {
    user: GITHUB_ACTIONS_BOT,
    canReadUser: false,
    write: ['issues', 'pull-requests', 'deployments']
  })
  github.setPull(owner, repo, pull)
  github.setCommitPulls(owner, repo, pull.head.sha, [pull])
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(`\ndemo failed: ${error instanceof Error ? error.message : String(error)}`)
    process.exit(1)
  }
)
