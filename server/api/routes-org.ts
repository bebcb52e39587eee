import { ORG_RANGE_MS, PROJECT_RANGE_MS, parseRange } from './analytics.js'
import { deploymentDir, getDatabase, getOrg, getProject, type Ctx } from './context.js'
import { ApiError, invalidRequest } from './errors.js'
import { ok } from './http-util.js'
import { newUuid, randomProjectName, timestamp } from './ids.js'
import { paginate, parseListQuery } from './pagination.js'
import type { Route } from './route-types.js'
import type { ProjectRec } from './store.js'
import { expectObject, optString } from './validate.js'
import { rm } from 'node:fs/promises'

const PROJECT_NAME_RE = /^[a-z0-9][a-z0-9-]{1,24}[a-z0-9]$/

function checkProjectName(ctx: Ctx, name: string, self?: ProjectRec): void {
  if (!PROJECT_NAME_RE.test(name))
    throw invalidRequest(
      `Project name ${JSON.stringify(name)} is invalid: use 3 to 26 characters of a-z, 0-9 and '-', not starting or ending with '-'.`
    )
  const other = ctx.store.projectByName(name)
  if (other && other !== self)
    throw new ApiError(
      400,
      'projectNameInUse',
      `A project named ${JSON.stringify(name)} already exists; choose another name.`
    )
}

function uniqueRandomName(ctx: Ctx): string {
  for (;;) {
    const name = randomProjectName()
    if (!ctx.store.projectByName(name)) return name
  }
}

/** Stops and forgets a project's deployments, files, bindings and blobs. */
export async function deleteProject(ctx: Ctx, project: ProjectRec): Promise<void> {
  const { state } = ctx.store
  for (const d of ctx.store.deploymentsOf(project.id)) {
    delete state.deployments[d.id]
    for (const [host, id] of Object.entries(state.bindings))
      if (id === d.id) delete state.bindings[host]
    await ctx.runtime.unregister(d.id)
    await ctx.buildLogs.forget(d.id)
    await ctx.appLogs.forget(d.id)
    await rm(deploymentDir(ctx.options.dataDir, d.id), { recursive: true, force: true })
  }
  delete state.projects[project.id]
  ctx.analytics.forget(project.id)
  await ctx.store.save()
  await rm(ctx.blobs.projectDir(project.id), { recursive: true, force: true })
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
    path: '/v1/organizations/:organizationId/projects',
    async handler(ctx, { req, params, url }) {
      getOrg(ctx, params.organizationId)
      const query = parseListQuery(
        url,
        ['name', 'updated_at', 'requests', 'bandwidth'],
        'updated_at'
      )
      const q = query.q?.toLowerCase()
      const items = Object.values(ctx.store.state.projects).filter(
        p => !q || p.name.includes(q) || p.id === q
      )
      const key = (p: ProjectRec): string | number =>
        query.sort === 'name'
          ? p.name
          : query.sort === 'requests'
            ? ctx.analytics.totalRequests(p.id)
            : query.sort === 'bandwidth'
              ? 0
              : p.updatedAt
      const page = paginate(req, url, query, items, key)
      return ok(page.body, page.headers)
    }
  },
  {
    method: 'POST',
    path: '/v1/organizations/:organizationId/projects',
    async handler(ctx, { params, body }) {
      getOrg(ctx, params.organizationId)
      const raw = await body()
      const obj = expectObject(raw ?? {}, 'The request body', ['name', 'description'])
      const name = optString(obj, 'name', 'body') ?? uniqueRandomName(ctx)
      checkProjectName(ctx, name)
      const description = optString(obj, 'description', 'body', 1000) ?? ''
      const now = timestamp()
      const project: ProjectRec = {
        id: newUuid(),
        name,
        description,
        createdAt: now,
        updatedAt: now
      }
      ctx.store.state.projects[project.id] = project
      await ctx.store.save()
      return ok(project)
    }
  },
  {
    method: 'GET',
    path: '/v1/projects/:projectId',
    async handler(ctx, { params }) {
      return ok(getProject(ctx, params.projectId))
    }
  },
  {
    method: 'PATCH',
    path: '/v1/projects/:projectId',
    async handler(ctx, { params, body }) {
      const project = getProject(ctx, params.projectId)
      const obj = expectObject((await body()) ?? {}, 'The request body', ['name', 'description'])
      const name = optString(obj, 'name', 'body')
      const description = optString(obj, 'description', 'body', 1000)
      if (name != null) checkProjectName(ctx, name, project)
      if (name != null) project.name = name
      if (description != null) project.description = description
      project.updatedAt = timestamp()
      await ctx.store.save()
      return ok(project)
    }
  },
  {
    method: 'DELETE',
    path: '/v1/projects/:projectId',
    async handler(ctx, { params }) {
      await deleteProject(ctx, getProject(ctx, params.projectId))
      return ok()
    }
  },
  {
    method: 'GET',
    path: '/v1/projects/:projectId/analytics',
    async handler(ctx, { params, url }) {
      const project = getProject(ctx, params.projectId)
      const { since, until } = parseRange(url, PROJECT_RANGE_MS)
      return ok(ctx.analytics.query([project.id], since, until))
    }
  },
  {
    method: 'GET',
    path: '/v1/organizations/:organizationId/databases',
    async handler(ctx, { req, params, url }) {
      getOrg(ctx, params.organizationId)
      const query = parseListQuery(url, ['description', 'created_at', 'updated_at'], 'created_at')
      const q = query.q?.toLowerCase()
      const items = Object.values(ctx.store.state.databases).filter(
        d => !q || d.id === q || d.description.toLowerCase().includes(q)
      )
      const page = paginate(req, url, query, items, d =>
        query.sort === 'description'
          ? d.description
          : query.sort === 'updated_at'
            ? d.updatedAt
            : d.createdAt
      )
      return ok(page.body, page.headers)
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
      await ctx.store.save()
      return ok(db)
    }
  }
]
