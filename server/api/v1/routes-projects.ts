// /v1 projects: list and create under an organization, then get, rename, delete, analytics.
import { PROJECT_RANGE_MS, parseRange } from '../storage/analytics.js'
import { getOrg, getProject } from './records.js'
import { type Ctx } from '../context.js'
import { HttpError, invalidRequest } from '../http/errors.js'
import { ok } from '../http/http-util.js'
import { claimHost } from '../routing/host-owners.js'
import { newUuid, randomProjectName, timestamp } from '../storage/ids.js'
import { listReply, type ListSpec } from '../http/pagination.js'
import { deleteProject } from './removal.js'
import type { Route } from '../http/route-types.js'
import type { ProjectRec } from '../storage/store.js'
import { expectObject, optString } from '../http/validate.js'

const PROJECT_NAME_RE = /^[a-z0-9][a-z0-9-]{1,24}[a-z0-9]$/

/** The name names the project's hosts: they must not be names another project or app holds. */
function checkProjectName(ctx: Ctx, name: string, projectId: string): void {
  if (!PROJECT_NAME_RE.test(name))
    throw invalidRequest(
      `Project name ${JSON.stringify(name)} is invalid: use 3 to 26 characters of a-z, 0-9 and '-', not starting or ending with '-'.`
    )
  const other = ctx.store.projectByName(name)
  if (other && other.id !== projectId)
    throw new HttpError(
      400,
      'projectNameInUse',
      `A project named ${JSON.stringify(name)} already exists; choose another name.`
    )
  const suffix = ctx.options.domainSuffix
  claimHost(ctx.store.state, suffix, `${name}.${suffix}`, { kind: 'project', id: projectId })
}

function uniqueRandomName(ctx: Ctx): string {
  for (;;) {
    const name = randomProjectName()
    if (!ctx.store.projectByName(name)) return name
  }
}

const projectList = (ctx: Ctx): ListSpec<ProjectRec> => ({
  sorts: {
    name: p => p.name,
    updated_at: p => p.updatedAt,
    requests: p => ctx.analytics.totalRequests(p.id),
    // No bandwidth is measured locally: every project ties.
    bandwidth: () => 0
  },
  defaultSort: 'updated_at',
  matches: (p, q) => p.name.includes(q) || p.id === q
})

export const projectRoutes: Route[] = [
  {
    method: 'GET',
    path: '/v1/organizations/:organizationId/projects',
    async handler(ctx, r) {
      getOrg(ctx, r.params.organizationId)
      return listReply(r, Object.values(ctx.store.state.projects), projectList(ctx))
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
      const id = newUuid()
      checkProjectName(ctx, name, id)
      const description = optString(obj, 'description', 'body', 1000) ?? ''
      const now = timestamp()
      const project: ProjectRec = {
        id,
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
      if (name != null) checkProjectName(ctx, name, project.id)
      if (name != null) project.name = name
      if (description != null) project.description = description
      project.updatedAt = timestamp()
      await ctx.store.save(project)
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
  }
]
