// The v2 API (apps, revisions, layers, domains, database instances) of the local server, served under /v2 and /api/v2.
import type { Route } from '../http/route-types.js'
import { checkOrgHeader } from './lookup.js'
import type { V2Route } from './route.js'
import { appRoutes } from './routes-apps.js'
import { databaseRoutes } from './routes-databases.js'
import { domainRoutes } from './routes-domains.js'
import { layerRoutes } from './routes-layers.js'
import { appLogRoutes } from './routes-logs.js'
import { revisionRoutes } from './routes-revisions.js'

export { isV2Path, v2ErrorBody } from './errors.js'
export { V2Service } from './service.js'
export { RUN_COMMANDS_FLAG } from './pipeline.js'
export { ORG_SLUG } from './model.js'

const PREFIXES = ['/v2', '/api/v2']

/** Every v2 route under both prefixes; each honours X-Deno-Org first. */
export const V2_ROUTES: Route[] = [
  ...appRoutes,
  ...revisionRoutes,
  ...appLogRoutes,
  ...layerRoutes,
  ...domainRoutes,
  ...databaseRoutes
].flatMap((route: V2Route) =>
  PREFIXES.map(prefix => ({
    method: route.method,
    path: prefix + route.path,
    handler: (ctx, r) => {
      checkOrgHeader(ctx.v2, r.req)
      return route.handler(ctx.v2, r)
    }
  }))
)
