/**
 * GitHub Deployments for each Subhosting deployment: a transient per-PR environment for
 * previews, `production` for production; statuses in_progress → success/failure carrying the
 * URL and the run's log; previews become inactive when their PR closes. One is created once the
 * Subhosting deployment exists, so its payload always names it.
 */
import type { GitHubApi } from './github-api.js'

export const DEPLOYMENTS_PERMISSION = 'deployments: write'

/** What the deployment payload records (under `subhosting`); cleanup reads it back. */
export interface SubhostingPayload {
  projectId: string
  /** The Subhosting deployment this GitHub deployment stands for. */
  deploymentId: string
  pullRequest: number | null
  sha: string
}

interface GitHubDeploymentRecord {
  id: number
  sha: string
  environment: string
  payload: unknown
}

interface GitHubStatusRecord {
  state: string
}

export interface NewDeployment {
  sha: string
  environment: string
  production: boolean
  description: string
  payload: SubhostingPayload
}

/** Creates the GitHub deployment and marks it in_progress; returns its ID. */
export async function startGitHubDeployment(
  api: GitHubApi,
  d: NewDeployment,
  logUrl: string
): Promise<number> {
  const id = await createGitHubDeployment(api, d)
  await setGitHubDeploymentStatus(api, id, {
    state: 'in_progress',
    description: `Subhosting deployment ${d.payload.deploymentId} is building`,
    logUrl
  })
  return id
}

async function createGitHubDeployment(api: GitHubApi, d: NewDeployment): Promise<number> {
  const created = await api.request<{ id: number }>(
    'POST /repos/{owner}/{repo}/deployments',
    {
      ref: d.sha,
      environment: d.environment,
      description: d.description.slice(0, 140),
      auto_merge: false,
      // Commit checks are not ours to wait for: the deploy already happens in this run.
      required_contexts: [],
      transient_environment: !d.production,
      production_environment: d.production,
      payload: { subhosting: d.payload }
    },
    `create a GitHub deployment in environment ${d.environment}`,
    DEPLOYMENTS_PERMISSION
  )
  return created.id
}

export interface StatusUpdate {
  state: 'in_progress' | 'success' | 'failure' | 'inactive'
  description: string
  environmentUrl?: string
  logUrl: string
}

export async function setGitHubDeploymentStatus(
  api: GitHubApi,
  id: number,
  s: StatusUpdate
): Promise<void> {
  await api.request(
    'POST /repos/{owner}/{repo}/deployments/{deployment_id}/statuses',
    {
      deployment_id: id,
      state: s.state,
      description: s.description.slice(0, 140),
      log_url: s.logUrl,
      ...(s.environmentUrl ? { environment_url: s.environmentUrl } : {}),
      // Immutable preview URLs stay valid after a newer deploy; only cleanup retires them.
      auto_inactive: false
    },
    `set GitHub deployment ${id} to ${s.state}`,
    DEPLOYMENTS_PERMISSION
  )
}

export function successDescription(deploymentId: string): string {
  return `Subhosting deployment ${deploymentId} is live`
}

export interface RecordedGitHubDeployment {
  id: number
  sha: string
  subhostingId: string | null
  lastState: string | null
}

/** This project's GitHub deployments in `environment`, with the Subhosting ID of each. */
export async function listProjectDeployments(
  api: GitHubApi,
  environment: string,
  projectId: string
): Promise<RecordedGitHubDeployment[]> {
  const all = await api.list<GitHubDeploymentRecord>(
    'GET /repos/{owner}/{repo}/deployments',
    { environment },
    `list GitHub deployments of ${environment}`
  )
  const out: RecordedGitHubDeployment[] = []
  for (const d of all) {
    const payload = payloadOf(d)
    if (payload?.projectId !== projectId) continue
    const statuses = await api.list<GitHubStatusRecord>(
      'GET /repos/{owner}/{repo}/deployments/{deployment_id}/statuses',
      { deployment_id: d.id },
      `list statuses of GitHub deployment ${d.id}`
    )
    out.push({
      id: d.id,
      sha: d.sha,
      subhostingId: payload.deploymentId ?? null,
      lastState: statuses[0]?.state ?? null
    })
  }
  return out
}

/** Payloads are read back as written, but another tool's (or a hand-made) one may lack fields. */
function payloadOf(d: GitHubDeploymentRecord): Partial<SubhostingPayload> | null {
  const payload = (d.payload ?? {}) as { subhosting?: Partial<SubhostingPayload> }
  return payload.subhosting ?? null
}
