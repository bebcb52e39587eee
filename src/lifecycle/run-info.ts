/**
 * What the lifecycle needs to know about the workflow run, read from the runner's environment
 * (GITHUB_* variables and the event payload file). Kept separate from `@actions/github`'s
 * context, which is frozen when the module loads, so tests can describe any run.
 */
import { readFileSync } from 'node:fs'

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type EventPayload = Record<string, any>

export interface RunInfo {
  eventName: string
  payload: EventPayload
  owner: string
  repo: string
  /** GITHUB_SHA: for pull_request events the merge commit, for push the pushed head. */
  sha: string
  /** GITHUB_REF, e.g. refs/heads/main or refs/pull/2/merge. */
  ref: string
  actor: string
  /** Link to this workflow run (and attempt), used as the log URL. */
  runUrl: string
  /** GitHub REST base URL (GITHUB_API_URL), e.g. https://api.github.com */
  apiUrl: string
}

export function readRunInfo(env: NodeJS.ProcessEnv = process.env): RunInfo {
  const eventPath = env.GITHUB_EVENT_PATH
  let payload: EventPayload = {}
  if (eventPath) {
    try {
      payload = JSON.parse(readFileSync(eventPath, 'utf8')) as EventPayload
    } catch (error) {
      throw new Error(
        `Could not read the event payload at GITHUB_EVENT_PATH (${eventPath}): ` +
          `${(error as Error).message}. The runner sets this file; run the action from a workflow.`
      )
    }
  }
  const [owner = '', repo = ''] = (
    env.GITHUB_REPOSITORY ??
    payload.repository?.full_name ??
    '/'
  ).split('/')
  const serverUrl = (env.GITHUB_SERVER_URL ?? 'https://github.com').replace(/\/+$/, '')
  const attempt = env.GITHUB_RUN_ATTEMPT ? `/attempts/${env.GITHUB_RUN_ATTEMPT}` : ''
  const runUrl = env.GITHUB_RUN_ID
    ? `${serverUrl}/${owner}/${repo}/actions/runs/${env.GITHUB_RUN_ID}${attempt}`
    : `${serverUrl}/${owner}/${repo}/actions`
  return {
    eventName: env.GITHUB_EVENT_NAME ?? '',
    payload,
    owner,
    repo,
    sha: env.GITHUB_SHA ?? '',
    ref: env.GITHUB_REF ?? '',
    actor: env.GITHUB_ACTOR ?? payload.sender?.login ?? '',
    runUrl,
    apiUrl: (env.GITHUB_API_URL ?? 'https://api.github.com').replace(/\/+$/, '')
  }
}
