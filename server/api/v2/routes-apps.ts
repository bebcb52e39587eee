// /v2/apps: create, list, get, update, delete, deploy, revisions, timelines.
import { acceptDeploymentBody } from '../assets/asset-upload.js'
import { ok } from '../http/http-util.js'
import { createApp, updateApp } from './apps.js'
import { deployRevision } from './deploy.js'
import { malformed } from './errors.js'
import { hostsOf } from './hosts.js'
import { checkParams, nextPageLink, noContent, paginateBy } from './http.js'
import { findLayer } from './layers.js'
import { getApp } from './lookup.js'
import type { V2Route } from './route.js'
import { appListItem, appView, revisionListItem, revisionView, timelineView } from './views.js'

const STATUSES = ['skipped', 'queued', 'building', 'succeeded', 'failed']

export const appRoutes: V2Route[] = [
  {
    method: 'GET',
    path: '/apps',
    async handler(svc, { url }) {
      checkParams(url, ['cursor', 'limit', 'layer', 'labels'])
      const wanted = [...url.searchParams]
        .filter(([k]) => /^labels\[.+\]$/.test(k))
        .map(([k, v]) => [k.slice(7, -1), v])
      const layer = url.searchParams.get('layer')
      const apps = Object.values(svc.state.apps)
        .filter(a => wanted.every(([k, v]) => a.labels[k] === v))
        .filter(a => !layer || a.layerIds?.includes(findLayer(svc.state, layer)?.id ?? ''))
        .sort((a, b) => a.seq - b.seq)
      const page = paginateBy(url, apps, a => a.seq)
      const keep = Object.fromEntries(
        wanted.filter(([k, v]) => k.length + v.length <= 256).map(([k, v]) => [`labels[${k}]`, v])
      )
      return ok(
        page.items.map(a => appListItem(svc.state, a)),
        nextPageLink(url, page.next, keep)
      )
    }
  },
  {
    method: 'POST',
    path: '/apps',
    async handler(svc, { body }) {
      return ok(appView(svc.state, await createApp(svc, await body())))
    }
  },
  {
    method: 'GET',
    path: '/apps/:app',
    async handler(svc, { params }) {
      return ok(appView(svc.state, getApp(svc, params.app)))
    }
  },
  {
    method: 'PATCH',
    path: '/apps/:app',
    async handler(svc, { params, body }) {
      const app = getApp(svc, params.app)
      await updateApp(svc, app, await body())
      return ok(appView(svc.state, app))
    }
  },
  {
    method: 'DELETE',
    path: '/apps/:app',
    async handler(svc, { params }) {
      await svc.removeApp(getApp(svc, params.app))
      return noContent()
    }
  },
  {
    method: 'POST',
    path: '/apps/:app/deploy',
    async handler(svc, { params, req }) {
      const app = getApp(svc, params.app)
      // Streamed: each asset's content goes to the blob store as it arrives (1 GB bodies).
      const rev = await acceptDeploymentBody(req, svc.deps.blobs, app.id, body =>
        deployRevision(svc, app, body)
      )
      return { status: 202, body: revisionView(svc.routes(), svc.state, rev, svc.naming()) }
    }
  },
  {
    method: 'GET',
    path: '/apps/:app/revisions',
    async handler(svc, { url, params }) {
      checkParams(url, ['cursor', 'limit', 'status'])
      const app = getApp(svc, params.app)
      const status = url.searchParams.get('status')
      if (status !== null && !STATUSES.includes(status))
        throw malformed(`Query parameter 'status' must be one of ${STATUSES.join(', ')}.`)
      const revisions = Object.values(svc.state.revisions)
        .filter(r => r.appId === app.id && (!status || r.status === status))
        .sort((a, b) => b.seq - a.seq)
      const page = paginateBy(url, revisions, r => r.seq)
      return ok(
        page.items.map(revisionListItem),
        nextPageLink(url, page.next, status ? { status } : {})
      )
    }
  },
  {
    method: 'GET',
    path: '/apps/:app/timelines',
    async handler(svc, { url, params }) {
      checkParams(url, ['cursor', 'limit'])
      const app = getApp(svc, params.app)
      const routes = svc.routes()
      const n = svc.naming()
      const hosts = { production: [] as string[], preview: [] as string[] }
      for (const rev of Object.values(svc.state.revisions)) {
        if (rev.appId !== app.id) continue
        const own = hostsOf(routes, svc.state, rev, n)
        hosts.production.push(...own.production)
        hosts.preview.push(...own.preview)
      }
      const timelines = [timelineView(app, 'production', hosts.production.sort())]
      if (hosts.preview.length) timelines.push(timelineView(app, 'preview', hosts.preview.sort()))
      return ok(timelines)
    }
  }
]
