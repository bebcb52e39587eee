/**
 * The setup every end-to-end run of the pull-request lifecycle shares: a real local Subhosting
 * server (server/testing/harness.ts), the GitHub double serving one repository to a token that may
 * write comments and deployments, a scratch workspace for apps, and the action run as a step
 * against both (./action-runner.ts).
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { startLocalServer, type LocalServer } from '../server/testing/harness.js'
import { runStep, type StepOptions, type StepResult } from './action-runner.js'
import type { RepoRef, TestEvent } from './events.js'
import {
  GITHUB_ACTIONS_BOT,
  startGitHubDouble,
  type Comment,
  type GitHubDouble
} from './github-double.js'

/** The repository the lifecycle runs act on. */
export const SHOP = { owner: 'acme', repo: 'shop', id: 4242, defaultBranch: 'main' }

/** The hidden marker of the action's own pull-request comment. */
const COMMENT_MARKER = '<!-- subhosting-deploy -->'

export interface LifecycleFixture {
  server: LocalServer
  gh: GitHubDouble
  workspace: string
  /** An app in `<workspace>/<name>` whose main.ts is `source`; returns its directory. */
  writeApp(name: string, source: string): Promise<string>
  /** A Deno app in `<workspace>/<name>` that answers every request with `text`. */
  app(name: string, text: string): Promise<string>
  /**
   * The action as a step for `event`, with the server's token, `main.ts`, a 120 s timeout and
   * the write token as `github-token`; `inputs` adds to and overrides those. `workspace`
   * replaces the fixture's (e.g. an empty one: a job without a checkout).
   */
  step(
    event: TestEvent,
    inputs: Record<string, string>,
    options?: Pick<StepOptions, 'actor' | 'env'> & Partial<Pick<StepOptions, 'workspace'>>
  ): Promise<StepResult>
  /** The action's own comments on pull request `pr`. */
  ourComments(pr: number): Comment[]
  stop(): Promise<void>
}

/** Starts the server and the double; `repo` is served and `writeToken` may write to it. */
export async function startLifecycleFixture(
  repo: Required<RepoRef>,
  writeToken: string
): Promise<LifecycleFixture> {
  const workspace = await mkdtemp(path.join(tmpdir(), 'lifecycle-'))
  const [server, gh] = await Promise.all([startLocalServer(), startGitHubDouble()])
  gh.addRepo(repo.owner, repo.repo, { defaultBranch: repo.defaultBranch, id: repo.id })
  gh.addToken(writeToken, {
    user: GITHUB_ACTIONS_BOT,
    canReadUser: false,
    write: ['issues', 'pull-requests', 'deployments']
  })
  const writeApp = async (name: string, source: string) => {
    const dir = path.join(workspace, name)
    await mkdir(dir, { recursive: true })
    await writeFile(path.join(dir, 'main.ts'), source)
    return dir
  }
  return {
    server,
    gh,
    workspace,
    writeApp,
    app: (name, text) =>
      writeApp(name, `Deno.serve(() => new Response(${JSON.stringify(text)}))\n`),
    step: (event, inputs, options = {}) =>
      runStep({
        ...options,
        event,
        repository: `${repo.owner}/${repo.repo}`,
        githubApiUrl: gh.url,
        workspace: options.workspace ?? workspace,
        inputs: {
          token: server.token,
          entrypoint: 'main.ts',
          'github-token': writeToken,
          timeout: '120',
          ...inputs
        }
      }),
    ourComments: pr =>
      gh.comments(repo.owner, repo.repo, pr).filter(c => c.body.includes(COMMENT_MARKER)),
    async stop() {
      await Promise.all([server.stop(), gh.stop()])
      await rm(workspace, { recursive: true, force: true })
    }
  }
}

/** Fails with the step's whole output unless it exited 0. */
export function expectOk(r: StepResult): void {
  if (r.code !== 0) throw new Error(`step failed (${r.code}):\n${r.stdout}\n${r.stderr}`)
}

/** A 40-character commit SHA made of `c`. */
export const sha = (c: string): string => c.repeat(40).slice(0, 40)
