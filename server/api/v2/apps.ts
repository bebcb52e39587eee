// App records: create and update (slug rules, labels, config, env var deep merge).
import { claimHost } from '../routing/host-owners.js'
import { newUuid, randomProjectName, timestamp } from '../storage/ids.js'
import { expectObject } from '../http/validate.js'
import { checkEnvVars } from './env-check.js'
import { conflict, malformed } from './errors.js'
import { nextSeq, type AppRec, type EnvVarRec } from './model.js'
import type { V2Service } from './service.js'
import {
  checkSlug,
  parseAppEnvInputs,
  parseAppLabels,
  parseConfig,
  parseEnvItem,
  type EnvVarInput
} from './validate.js'

const APP_FIELDS = ['slug', 'labels', 'layers', 'env_vars', 'config']

/** The slug names the app's hosts: they must not be names another project or app holds. */
function checkSlugFree(svc: V2Service, slug: string, appId: string): void {
  const other = Object.values(svc.state.apps).find(a => a.slug === slug)
  if (other && other.id !== appId)
    throw conflict(
      'APP_ALREADY_EXISTS',
      `An app with slug ${JSON.stringify(slug)} already exists; choose another slug.`
    )
  const { org, suffix } = svc.naming()
  const state = svc.deps.store.state
  const self = { kind: 'app' as const, id: appId }
  claimHost(state, suffix, `${slug}.${org}.${suffix}`, self)
  for (const rev of Object.values(svc.state.revisions))
    if (rev.appId === appId) claimHost(state, suffix, `${slug}-${rev.id}.${org}.${suffix}`, self)
}

function randomSlug(svc: V2Service): string {
  for (;;) {
    const slug = randomProjectName()
    if (!Object.values(svc.state.apps).some(a => a.slug === slug)) return slug
  }
}

export function noLayers(value: unknown, where: string): void {
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

export async function createApp(svc: V2Service, raw: unknown): Promise<AppRec> {
  const obj = expectObject(raw ?? {}, 'The request body', APP_FIELDS)
  const slug =
    obj.slug === undefined || obj.slug === null ? randomSlug(svc) : checkSlug(obj.slug, 'slug')
  const id = newUuid()
  checkSlugFree(svc, slug, id)
  noLayers(obj.layers, 'layers')
  const now = timestamp()
  const app: AppRec = {
    id,
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

export async function updateApp(svc: V2Service, app: AppRec, raw: unknown): Promise<void> {
  const obj = expectObject(raw ?? {}, 'The request body', APP_FIELDS)
  noLayers(obj.layers, 'layers')
  const slug = obj.slug === undefined || obj.slug === null ? app.slug : checkSlug(obj.slug, 'slug')
  checkSlugFree(svc, slug, app.id)
  const labels = obj.labels === undefined ? app.labels : parseAppLabels(obj.labels)
  const envVars =
    obj.env_vars === undefined || obj.env_vars === null
      ? null
      : mergeEnvVars(app.envVars, obj.env_vars)
  const config = obj.config === undefined ? app.config : parseConfig(obj.config)
  Object.assign(app, { slug, labels, config, updatedAt: timestamp() })
  if (envVars) app.envVars = envVars
  await svc.changed(app)
  if (envVars) svc.reregister(app)
}
