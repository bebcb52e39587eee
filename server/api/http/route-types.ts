import type { IncomingMessage } from 'node:http'
import type { Ctx } from '../context.js'
import type { Reply } from './http-util.js'

export interface RouteRequest {
  req: IncomingMessage
  url: URL
  params: Record<string, string>
  /** The parsed JSON body (`undefined` when empty). */
  body(): Promise<unknown>
}

export interface Route {
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE'
  /** Path under the server root with `:name` parameters, e.g. `/v1/projects/:projectId`. */
  path: string
  handler(ctx: Ctx, r: RouteRequest): Promise<Reply>
}
