// A v2 client for tests that checks every request and answer against the zod schemas of the
// document (v2-schemas.ts) and records which operations a scenario exercised.
import type { LocalServer } from './harness.js'
import { ErrorEnvelope, OPERATIONS, operationOf } from './v2-schemas.js'
import type { V2Reply } from './v2-helpers.js'

export interface Recording {
  call<T = Record<string, unknown>>(
    method: string,
    path: string,
    body?: unknown,
    headers?: Record<string, string>
  ): Promise<V2Reply<T>>
  /** Operations answered with their documented success status. */
  exercised: Set<string>
  violations: string[]
}

const problems = (
  schema: { safeParse(v: unknown): { success: boolean; error?: unknown } },
  value: unknown
): string | null => {
  const result = schema.safeParse(value)
  return result.success ? null : String(result.error).slice(0, 600)
}

function parseBody(text: string, contentType: string): unknown[] {
  if (contentType.startsWith('application/x-ndjson'))
    return text
      .split('\n')
      .filter(Boolean)
      .map(line => JSON.parse(line))
  if (contentType.startsWith('text/event-stream'))
    return text
      .split('\n\n')
      .filter(frame => frame.startsWith('data: '))
      .map(frame => JSON.parse(frame.slice(6)))
  return text ? [JSON.parse(text)] : []
}

export function recordingClient(server: LocalServer): Recording {
  const exercised = new Set<string>()
  const violations: string[] = []
  const check = (where: string, problem: string | null): void => {
    if (problem) violations.push(`${where}: ${problem}`)
  }
  async function call<T>(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {}
  ): Promise<V2Reply<T>> {
    const url = new URL(`/v2${path}`, server.origin)
    const id = operationOf(method, url.pathname)
    if (!id) violations.push(`${method} ${url.pathname}: no such operation in the document`)
    const op = id ? OPERATIONS[id] : undefined
    if (op?.request && body !== undefined) check(`${id} request`, problems(op.request, body))
    const res = await fetch(url, {
      method,
      headers: {
        authorization: `Bearer ${server.token}`,
        'content-type': 'application/json',
        ...headers
      },
      body: body === undefined ? undefined : JSON.stringify(body)
    })
    const text = await res.text()
    const items = parseBody(text, res.headers.get('content-type') ?? '')
    if (op && res.status >= 400) check(`${id} ${res.status}`, problems(ErrorEnvelope, items[0]))
    else if (op && res.status !== op.status)
      violations.push(`${id}: answered ${res.status}, the document says ${op.status}`)
    else if (op) {
      exercised.add(id!)
      if (op.response) for (const item of items) check(`${id} answer`, problems(op.response, item))
      else if (text) violations.push(`${id}: a ${op.status} answer with a body`)
    }
    const json = res.headers.get('content-type')?.startsWith('application/json')
    return { status: res.status, headers: res.headers, text, body: (json ? items[0] : text) as T }
  }
  return { call, exercised, violations }
}
