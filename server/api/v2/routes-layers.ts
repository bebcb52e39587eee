// /v2/layers: create, list, get, update (restarts the revisions that use it), delete, apps.
import { ok } from '../http/http-util.js'
import { appsReferencing, createLayer, deleteLayer, getLayer, updateLayer } from './layers.js'
import { checkParams, nextPageLink, noContent, paginateBy } from './http.js'
import type { V2Route } from './route.js'
import { layerView } from './views.js'

export const layerRoutes: V2Route[] = [
  {
    method: 'POST',
    path: '/layers',
    async handler(svc, { body }) {
      return { status: 201, body: layerView(svc.state, await createLayer(svc, await body())) }
    }
  },
  {
    method: 'GET',
    path: '/layers',
    async handler(svc, { url }) {
      checkParams(url, ['search', 'cursor', 'limit'])
      const search = (url.searchParams.get('search') ?? '').toLowerCase()
      const layers = Object.values(svc.state.layers)
        .filter(l => l.slug.includes(search) || l.id === search)
        .sort((a, b) => a.seq - b.seq)
      const page = paginateBy(url, layers, l => l.seq)
      const keep: Record<string, string> = search ? { search: search.slice(0, 256) } : {}
      return ok(
        page.items.map(l => layerView(svc.state, l)),
        nextPageLink(url, page.next, keep)
      )
    }
  },
  {
    method: 'GET',
    path: '/layers/:layer',
    async handler(svc, { params }) {
      return ok(layerView(svc.state, getLayer(svc, params.layer)))
    }
  },
  {
    method: 'PATCH',
    path: '/layers/:layer',
    async handler(svc, { params, body }) {
      const layer = getLayer(svc, params.layer)
      await updateLayer(svc, layer, await body())
      return ok(layerView(svc.state, layer))
    }
  },
  {
    method: 'DELETE',
    path: '/layers/:layer',
    async handler(svc, { params }) {
      await deleteLayer(svc, getLayer(svc, params.layer))
      return noContent()
    }
  },
  {
    method: 'GET',
    path: '/layers/:layer/apps',
    async handler(svc, { url, params }) {
      checkParams(url, ['cursor', 'limit'])
      const layer = getLayer(svc, params.layer)
      const page = paginateBy(url, appsReferencing(svc.state, layer), a => a.seq)
      const refs = page.items.map(a => ({
        id: a.id,
        slug: a.slug,
        layer_position: a.layerIds!.indexOf(layer.id)
      }))
      return ok(refs, nextPageLink(url, page.next))
    }
  }
]
