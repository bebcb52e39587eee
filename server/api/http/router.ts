import type { Route } from './route-types.js'
import { deploymentRoutes } from '../v1/routes-deployments.js'
import { domainRoutes } from '../v1/routes-domains.js'
import { deploymentLogRoutes } from '../v1/routes-logs.js'
import { orgRoutes } from '../v1/routes-org.js'
import { projectRoutes } from '../v1/routes-projects.js'
import { V2_ROUTES } from '../v2/index.js'

/** Every route this server answers (v1, then v2 under /v2 and /api/v2). */
export const ROUTES: Route[] = [
  ...orgRoutes,
  ...projectRoutes,
  ...deploymentRoutes,
  ...deploymentLogRoutes,
  ...domainRoutes,
  ...V2_ROUTES
]

export type RouteMatch =
  | { kind: 'route'; route: Route; params: Record<string, string> }
  | { kind: 'method'; allowed: string[] }
  | { kind: 'none' }

const compiled = ROUTES.map(route => ({ route, segments: route.path.split('/') }))

/** Matches a raw pathname; each segment is percent-decoded (domains carry encoded `{` `}`). */
export function matchRoute(method: string, pathname: string): RouteMatch {
  const parts = pathname.split('/').map(s => {
    try {
      return decodeURIComponent(s)
    } catch {
      return s
    }
  })
  const allowed: string[] = []
  for (const { route, segments } of compiled) {
    if (segments.length !== parts.length) continue
    const params: Record<string, string> = {}
    const matches = segments.every((seg, i) => {
      if (seg.startsWith(':')) {
        params[seg.slice(1)] = parts[i]
        return parts[i] !== ''
      }
      return seg === parts[i]
    })
    if (!matches) continue
    if (route.method === method) return { kind: 'route', route, params }
    allowed.push(route.method)
  }
  return allowed.length > 0 ? { kind: 'method', allowed } : { kind: 'none' }
}
