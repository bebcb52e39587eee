// /v1 organization routes: the organization, its analytics and its KV databases.
import { ORG_RANGE_MS, parseRange } from '../storage/analytics.js'
import { getDatabase, getOrg } from './records.js'
import { ok } from '../http/http-util.js'
import { newUuid, timestamp } from '../storage/ids.js'
import { listReply, type ListSpec } from '../http/pagination.js'
import type { Route } from '../http/route-types.js'
import type { DatabaseRec } from '../storage/store.js'
import { expectObject, optString } from '../http/validate.js'

const DATABASE_LIST: ListSpec<DatabaseRec> = {
  sorts: {
    description: d => d.description,
    created_at: d => d.createdAt,
    updated_at: d => d.updatedAt
  },
  defaultSort: 'created_at',
  matches: (d, q) => d.id === q || d.description.toLowerCase().includes(q)
}

export const orgRoutes: Route[] = [
  {
    method: 'GET',
    path: '/v1/organizations/:organizationId',
    async handler(ctx, { params }) {
      getOrg(ctx, params.organizationId)
      return ok(ctx.store.org)
    }
  },
  {
    method: 'GET',
    path: '/v1/organizations/:organizationId/analytics',
    async handler(ctx, { params, url }) {
      getOrg(ctx, params.organizationId)
      const { since, until } = parseRange(url, ORG_RANGE_MS)
      return ok(ctx.analytics.query(Object.keys(ctx.store.state.projects), since, until))
    }
  },
  {
    method: 'GET',
    path: '/v1/organizations/:organizationId/databases',
    async handler(ctx, r) {
      getOrg(ctx, r.params.organizationId)
      return listReply(r, Object.values(ctx.store.state.databases), DATABASE_LIST)
    }
  },
  {
    method: 'POST',
    path: '/v1/organizations/:organizationId/databases',
    async handler(ctx, { params, body }) {
      getOrg(ctx, params.organizationId)
      const obj = expectObject((await body()) ?? {}, 'The request body', ['description'])
      const now = timestamp()
      const db = {
        id: newUuid(),
        organizationId: ctx.store.org.id,
        description: optString(obj, 'description', 'body', 1000) ?? '',
        createdAt: now,
        updatedAt: now
      }
      ctx.store.state.databases[db.id] = db
      await ctx.store.save()
      return ok(db)
    }
  },
  {
    method: 'PATCH',
    path: '/v1/databases/:databaseId',
    async handler(ctx, { params, body }) {
      const db = getDatabase(ctx, params.databaseId)
      const obj = expectObject((await body()) ?? {}, 'The request body', ['description'])
      const description = optString(obj, 'description', 'body', 1000)
      if (description != null) db.description = description
      db.updatedAt = timestamp()
      await ctx.store.save(db)
      return ok(db)
    }
  }
]
