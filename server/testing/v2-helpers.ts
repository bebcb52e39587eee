// Plain-HTTP helpers for the v2 API of a running local server (tests only).
import { expect } from '@jest/globals'
import type { LocalServer } from './harness.js'

export interface V2Reply<T = Record<string, unknown>> {
  status: number
  headers: Headers
  body: T
  text: string
}

export interface Revision {
  id: string
  status: string
  failure_reason: string | null
  failure_detail: { stage: string; code: string; message: string } | null
  timelines: { name: string; context: string; hostnames: string[] }[]
  [key: string]: unknown
}

/** A tiny app: answers `body` on every path and logs each request. */
export const helloAssets = (body: string): Record<string, { content: string }> => ({
  'main.ts': {
    content: `Deno.serve(req => { console.log('request ' + new URL(req.url).pathname); return new Response(${JSON.stringify(body)}) })\n`
  }
})

export const DYNAMIC = { runtime: { type: 'dynamic' as const, entrypoint: 'main.ts' } }

export function v2Client(server: LocalServer, prefix = '/v2') {
  const base = `${server.origin}${prefix}`
  async function call<T = Record<string, unknown>>(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {}
  ): Promise<V2Reply<T>> {
    const res = await fetch(path.startsWith('http') ? path : base + path, {
      method,
      headers: {
        authorization: `Bearer ${server.token}`,
        'content-type': 'application/json',
        ...headers
      },
      body: body === undefined ? undefined : JSON.stringify(body)
    })
    const text = await res.text()
    return {
      status: res.status,
      headers: res.headers,
      text,
      body: (text && res.headers.get('content-type')?.startsWith('application/json')
        ? JSON.parse(text)
        : text) as T
    }
  }

  /** Reads a JSONL stream to its end (the server closes it at the terminal state). */
  async function jsonl<T = Record<string, unknown>>(path: string): Promise<T[]> {
    const reply = await call<string>('GET', path)
    expect(reply.status).toBe(200)
    expect(reply.headers.get('content-type')).toBe('application/x-ndjson')
    return reply.text
      .split('\n')
      .filter(Boolean)
      .map(line => JSON.parse(line) as T)
  }

  async function deploy(app: string, request: Record<string, unknown>): Promise<Revision> {
    const reply = await call<Revision>('POST', `/apps/${app}/deploy`, request)
    if (reply.status !== 202) throw new Error(`deploy answered ${reply.status}: ${reply.text}`)
    return reply.body
  }

  /** Follows the progress stream until it closes, then returns the revision. */
  async function settle(id: string): Promise<Revision> {
    await jsonl(`/revisions/${id}/progress`)
    return (await call<Revision>('GET', `/revisions/${id}`)).body
  }

  async function createApp(slug: string, init: Record<string, unknown> = {}): Promise<void> {
    const reply = await call('POST', '/apps', { slug, ...init })
    if (reply.status !== 200) throw new Error(`create app answered ${reply.status}: ${reply.text}`)
  }

  return { call, jsonl, deploy, settle, createApp }
}

/** Host names of the local org under the default suffix. */
export const prodHost = (server: LocalServer, app: string): string =>
  `${app}.${server.organizationSlug}.deploy.localhost`
export const previewHost = (server: LocalServer, app: string, revision: string): string =>
  `${app}-${revision}.${server.organizationSlug}.deploy.localhost`
