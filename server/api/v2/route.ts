import type { Reply } from '../http/http-util.js'
import type { RouteRequest } from '../http/route-types.js'
import type { V2Service } from './service.js'

/** A v2 route, relative to the API root (served under both /v2 and /api/v2). */
export interface V2Route {
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE'
  path: string
  handler(svc: V2Service, r: RouteRequest): Promise<Reply>
}
