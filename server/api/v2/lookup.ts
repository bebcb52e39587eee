import type { IncomingMessage } from 'node:http'
import { v2NotFound } from './errors.js'
import type { AppRec, RevisionRec } from './model.js'
import type { V2Service } from './service.js'

const short = (s: string): string => JSON.stringify(s.length > 80 ? `${s.slice(0, 80)}…` : s)

/** An app by UUID or slug. */
export function getApp(svc: V2Service, idOrSlug: string): AppRec {
  const key = idOrSlug.toLowerCase()
  const apps = svc.state.apps
  const app = apps[key] ?? Object.values(apps).find(a => a.slug === key)
  if (!app) throw v2NotFound(`App ${short(idOrSlug)} does not exist; list apps with GET /v2/apps.`)
  return app
}

export function getRevision(svc: V2Service, id: string): RevisionRec {
  const rev = svc.state.revisions[id.toLowerCase()]
  if (!rev)
    throw v2NotFound(
      `Revision ${short(id)} does not exist; list an app's revisions with GET /v2/apps/{app}/revisions.`
    )
  return rev
}

/** `X-Deno-Org` may name this server's one organization by slug or ID; anything else is 404. */
export function checkOrgHeader(svc: V2Service, req: IncomingMessage): void {
  const raw = req.headers['x-deno-org']
  if (raw === undefined) return
  const value = String(raw).trim().toLowerCase()
  const { org, orgId } = svc.naming()
  if (value === org || value === orgId) return
  throw v2NotFound(
    `Organization ${short(value)} (X-Deno-Org) does not exist on this server; its organization is "${org}" (ID ${orgId}). Send X-Deno-Org: ${org}, or leave the header out.`
  )
}
