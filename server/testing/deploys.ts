// Deploys folders (examples/ or temp dirs) to a running local server over the v1 API, for the
// server's tests and the server benchmark (beside testing.ts, the harness that starts it).
import { lstat, readFile, readdir, readlink } from 'node:fs/promises'
import { join, relative } from 'node:path'
import type { LocalServer } from './harness.js'

export type Asset =
  | { kind: 'file'; content: string; encoding: 'utf-8' | 'base64' }
  | { kind: 'symlink'; target: string }

/** Every file of `dir` as a v1 asset: text inline as utf-8, anything else base64, links as links. */
export async function assetsFromDir(dir: string, root = dir): Promise<Record<string, Asset>> {
  const assets: Record<string, Asset> = {}
  for (const name of await readdir(dir)) {
    const path = join(dir, name)
    const key = relative(root, path).split('\\').join('/')
    const stat = await lstat(path)
    if (stat.isSymbolicLink()) assets[key] = { kind: 'symlink', target: await readlink(path) }
    else if (stat.isDirectory()) Object.assign(assets, await assetsFromDir(path, root))
    else {
      const bytes = await readFile(path)
      const text = bytes.toString('utf8')
      assets[key] = Buffer.from(text, 'utf8').equals(bytes)
        ? { kind: 'file', content: text, encoding: 'utf-8' }
        : { kind: 'file', content: bytes.toString('base64'), encoding: 'base64' }
    }
  }
  return assets
}

export async function api<T = unknown>(
  server: LocalServer,
  method: string,
  path: string,
  body?: unknown,
  token = server.token
): Promise<{ status: number; body: T }> {
  const response = await fetch(server.apiUrl + path, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body)
  })
  const text = await response.text()
  return { status: response.status, body: (text ? JSON.parse(text) : undefined) as T }
}

export interface Deployed {
  id: string
  status: 'success' | 'failed' | 'pending'
  domains: string[]
  buildLogs: { level: string; message: string }[]
}

/** Creates a deployment from `assets` and waits for the build to end (build_logs blocks until then). */
export async function deployAssets(
  server: LocalServer,
  projectId: string,
  assets: Record<string, Asset>,
  fields: Record<string, unknown> = {}
): Promise<Deployed> {
  const created = await api<{ id: string; code?: string; message?: string }>(
    server,
    'POST',
    `/projects/${projectId}/deployments`,
    { entryPointUrl: 'main.ts', envVars: {}, assets, ...fields }
  )
  if (created.status !== 200) {
    throw new Error(`create deployment: ${created.status} ${JSON.stringify(created.body)}`)
  }
  const id = created.body.id
  const logs = await api<{ level: string; message: string }[]>(
    server,
    'GET',
    `/deployments/${id}/build_logs`
  )
  const deployment = await api<{ status: Deployed['status']; domains?: string[] | null }>(
    server,
    'GET',
    `/deployments/${id}`
  )
  return {
    id,
    status: deployment.body.status,
    domains: deployment.body.domains ?? [],
    buildLogs: logs.body
  }
}

export async function deployDir(
  server: LocalServer,
  projectId: string,
  dir: string,
  fields: Record<string, unknown> = {}
): Promise<Deployed> {
  return deployAssets(server, projectId, await assetsFromDir(dir), fields)
}

export async function createDatabase(server: LocalServer): Promise<string> {
  const created = await api<{ id: string }>(
    server,
    'POST',
    `/organizations/${server.organizationId}/databases`,
    { description: 'test database' }
  )
  if (created.status !== 200) throw new Error(`create database: ${created.status}`)
  return created.body.id
}
