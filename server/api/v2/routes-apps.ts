// /v2/apps: create, list, get, update, delete, deploy, revisions, timelines.
import { writeFileAtomic } from '../json-file.js'
import { planAssets } from '../assets.js'
import { manifestFromPlan } from '../builder.js'
import { manifestOf } from '../context.js'
import { ApiError } from '../errors.js'
import { ok } from '../http-util.js'
import { newDeploymentId, newUuid, randomProjectName, timestamp } from '../ids.js'
import { expectMap, expectObject, type Json } from '../validate.js'
import { conflict, malformed } from './errors.js'
import { hostsOf, productionHost, resolveBindableHost } from './hosts.js'
import { checkParams, nextLink, noContent, paginateBy } from './http.js'
import { getApp } from './lookup.js'
import {
  nextSeq,
  type AppRec,
  type BindingRec,
  type EnvVarRec,
  type RevisionRec,
  type StageName
} from './model.js'
import type { V2Route } from './route.js'
import type { V2Service } from './service.js'
import {
  checkSlug,
  parseAppEnvInputs,
  parseAppLabels,
  parseConfig,
  parseEnvItem,
  parseRevisionEnvVars,
  parseRevisionLabels,
  parseTarget,
  type EnvVarInput
} from './validate.js'
import { appListItem, appView, revisionListItem, revisionView, timelineView } from './views.js'
import { checkEnvVars } from './env-check.js'

const STATUSES = ['skipped', 'queued', 'building', 'succeeded', 'failed']

function checkSlugFree(svc: V2Service, slug: string, self?: AppRec): void {
  const other = Object.values(svc.state.apps).find(a => a.slug === slug)
  if (other && other !== self)
    throw conflict(
      'APP_ALREADY_EXISTS',
      `An app with slug ${JSON.stringify(slug)} already exists; choose another slug.`
    )
}

function randomSlug(svc: V2Service): string {
  for (;;) {
    const slug = randomProjectName()
    if (!Object.values(svc.state.apps).some(a => a.slug === slug)) return slug
  }
}

function noLayers(value: unknown, where: string): void {
  if (value !== undefined && value !== null && !(Array.isArray(value) && value.length === 0))
    throw malformed(
      `${where}: layers are not supported by the local server; send [] or leave it out.`
    )
}

const toEnvRec = (v: EnvVarInput): EnvVarRec => ({
  id: newUuid(),
  key: v.key,
  value: v.value,
  secret: v.secret ?? false,
  contexts: v.contexts ?? 'all'
})

/** PATCH env_vars: match by id, else by key + contexts; `delete: true` removes; else add. */
function mergeEnvVars(current: EnvVarRec[], value: unknown): EnvVarRec[] {
  if (!Array.isArray(value)) throw malformed('env_vars must be an array of updates.')
  const next = current.map(v => ({ ...v }))
  value.forEach((raw, i) => {
    const where = `env_vars[${i}]`
    const u = parseEnvItem(raw, where, ['id', 'secret', 'contexts', 'delete'])
    const contexts = JSON.stringify(u.contexts ?? 'all')
    const index = next.findIndex(v =>
      u.id !== undefined
        ? v.id === u.id
        : v.key === u.key && JSON.stringify(v.contexts) === contexts
    )
    if (u.id !== undefined && index === -1)
      throw malformed(`${where}.id ${JSON.stringify(u.id)} matches no variable of this app.`)
    if (u.delete === true) {
      if (index !== -1) next.splice(index, 1)
      return
    }
    if (index === -1) {
      if (u.key === undefined || u.value === undefined)
        throw malformed(`${where} adds a variable, so it needs key and value.`)
      next.push(toEnvRec(u as unknown as EnvVarInput))
      return
    }
    const v = next[index]
    next[index] = {
      ...v,
      key: (u.key as string | undefined) ?? v.key,
      value: (u.value as string | undefined) ?? v.value,
      secret: (u.secret as boolean | undefined) ?? v.secret,
      contexts: (u.contexts as EnvVarRec['contexts'] | undefined) ?? v.contexts
    }
  })
  checkEnvVars(next, 'env_vars')
  return next
}

async function createApp(svc: V2Service, raw: unknown): Promise<AppRec> {
  const obj = expectObject(raw ?? {}, 'The request body', [
    'slug',
    'labels',
    'layers',
    'env_vars',
    'config'
  ])
  const slug =
    obj.slug === undefined || obj.slug === null ? randomSlug(svc) : checkSlug(obj.slug, 'slug')
  checkSlugFree(svc, slug)
  noLayers(obj.layers, 'layers')
  const now = timestamp()
  const app: AppRec = {
    id: newUuid(),
    slug,
    labels: parseAppLabels(obj.labels),
    envVars: parseAppEnvInputs(obj.env_vars).map(toEnvRec),
    config: parseConfig(obj.config),
    createdAt: now,
    updatedAt: now,
    seq: nextSeq(svc.state)
  }
  svc.state.apps[app.id] = app
  await svc.changed()
  return app
}

async function updateApp(svc: V2Service, app: AppRec, raw: unknown): Promise<void> {
  const obj = expectObject(raw ?? {}, 'The request body', [
    'slug',
    'labels',
    'layers',
    'env_vars',
    'config'
  ])
  noLayers(obj.layers, 'layers')
  const slug = obj.slug === undefined || obj.slug === null ? app.slug : checkSlug(obj.slug, 'slug')
  checkSlugFree(svc, slug, app)
  const labels = obj.labels === undefined ? app.labels : parseAppLabels(obj.labels)
  const envVars =
    obj.env_vars === undefined || obj.env_vars === null
      ? null
      : mergeEnvVars(app.envVars, obj.env_vars)
  const config = obj.config === undefined ? app.config : parseConfig(obj.config)
  Object.assign(app, { slug, labels, config, updatedAt: timestamp() })
  if (envVars) app.envVars = envVars
  await svc.changed()
  if (envVars) svc.reregister(app)
}

/** v2 assets have an optional `kind` and never a gitSha1; v1's validation does the rest. */
function v1Assets(value: unknown): Json | undefined {
  if (value === undefined)
    throw malformed(
      'assets is required: an object of path → {content} or {kind: "symlink", target}.'
    )
  const assets = expectMap(value, 'assets')
  const out: Json = {}
  for (const [path, asset] of Object.entries(assets)) {
    const obj = asset as Json | null
    if (obj && typeof obj === 'object' && 'gitSha1' in obj)
      throw malformed(
        `assets[${JSON.stringify(path)}] has gitSha1; the v2 API takes every file's content (no gitSha1).`
      )
    out[path] =
      obj && typeof obj === 'object' && !Array.isArray(obj) && obj.kind === undefined
        ? { ...obj, kind: 'file' }
        : obj
  }
  return out
}

function uniqueRevisionId(svc: V2Service): string {
  for (;;) {
    const id = newDeploymentId()
    if (!svc.state.revisions[id] && !svc.deps.store.state.deployments[id]) return id
  }
}

const STAGES: StageName[] = [
  'queued',
  'preparing',
  'installing',
  'building',
  'deploying',
  'predeploy',
  'warmup',
  'routing'
]

function newRevision(svc: V2Service, app: AppRec, obj: Json): RevisionRec {
  const production = parseTarget(obj.production, 'production', true)
  const preview = parseTarget(obj.preview, 'preview', false)
  const now = timestamp()
  const rev: RevisionRec = {
    id: uniqueRevisionId(svc),
    appId: app.id,
    seq: nextSeq(svc.state),
    status: 'queued',
    failureReason: null,
    failureDetail: null,
    labels: parseRevisionLabels(obj.labels),
    envVars: parseRevisionEnvVars(obj.env_vars),
    config: parseConfig(obj.config) ?? app.config ?? {},
    createdAt: now,
    cancellationRequestedAt: null,
    buildFinishedAt: null,
    production: production.enabled,
    preview: preview.enabled,
    defaultAlias: production.enabled && production.domains === null,
    productionSeq: null,
    bindings: [],
    entryPoint: null,
    stages: Object.fromEntries(STAGES.map(s => [s, { status: 'pending' }])) as RevisionRec['stages']
  }
  rev.stages.queued = { status: 'running', start: now }
  const n = svc.naming()
  const bind = (hosts: string[] | null, context: BindingRec['context']): void => {
    for (const raw of hosts ?? []) {
      const host = resolveBindableHost(raw, app, rev, svc.state, n)
      if (context === 'production' && host === productionHost(app, n)) rev.defaultAlias = true
      else if (!rev.bindings.some(b => b.host === host)) rev.bindings.push({ host, context })
    }
  }
  bind(production.enabled ? production.domains : null, 'production')
  bind(preview.enabled ? preview.domains : null, 'preview')
  return rev
}

async function deploy(svc: V2Service, app: AppRec, raw: unknown): Promise<RevisionRec> {
  const obj = expectObject(raw, 'The request body', [
    'assets',
    'config',
    'layers',
    'env_vars',
    'labels',
    'production',
    'preview',
    'retention'
  ])
  noLayers(obj.layers, 'layers')
  if (obj.retention !== undefined && obj.retention !== 'auto') {
    if (obj.retention === 'indefinite')
      throw new ApiError(
        403,
        'REVISION_RETENTION_NOT_AVAILABLE',
        'retention "indefinite" needs an enterprise organization; send "auto" or leave it out.'
      )
    throw malformed('retention must be "auto" or "indefinite".')
  }
  const rev = newRevision(svc, app, obj)
  const plan = await planAssets(v1Assets(obj.assets), svc.deps.blobs, app.id)
  await writeFileAtomic(
    manifestOf(svc.deps.options.dataDir, rev.id),
    JSON.stringify(manifestFromPlan(plan))
  )
  svc.state.revisions[rev.id] = rev
  await svc.changed()
  svc.pipeline.enqueue(rev)
  return rev
}

export const appRoutes: V2Route[] = [
  {
    method: 'GET',
    path: '/apps',
    async handler(svc, { req, url }) {
      checkParams(url, ['cursor', 'limit', 'layer', 'labels'])
      const wanted = [...url.searchParams]
        .filter(([k]) => /^labels\[.+\]$/.test(k))
        .map(([k, v]) => [k.slice(7, -1), v])
      const layer = url.searchParams.get('layer')
      const apps = Object.values(svc.state.apps)
        .filter(a => !layer && wanted.every(([k, v]) => a.labels[k] === v))
        .sort((a, b) => a.seq - b.seq)
      const page = paginateBy(url, apps, a => a.seq)
      const keep = Object.fromEntries(
        wanted.filter(([k, v]) => k.length + v.length <= 256).map(([k, v]) => [`labels[${k}]`, v])
      )
      return ok(page.items.map(appListItem), nextLink(req, url, page.next, keep))
    }
  },
  {
    method: 'POST',
    path: '/apps',
    async handler(svc, { body }) {
      return ok(appView(await createApp(svc, await body())))
    }
  },
  {
    method: 'GET',
    path: '/apps/:app',
    async handler(svc, { params }) {
      return ok(appView(getApp(svc, params.app)))
    }
  },
  {
    method: 'PATCH',
    path: '/apps/:app',
    async handler(svc, { params, body }) {
      const app = getApp(svc, params.app)
      await updateApp(svc, app, await body())
      return ok(appView(app))
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
    async handler(svc, { params, body }) {
      const rev = await deploy(svc, getApp(svc, params.app), await body())
      return { status: 202, body: revisionView(svc.routes(), svc.state, rev, svc.naming()) }
    }
  },
  {
    method: 'GET',
    path: '/apps/:app/revisions',
    async handler(svc, { req, url, params }) {
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
        nextLink(req, url, page.next, status ? { status } : {})
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
