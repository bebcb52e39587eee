// App records: create and update (slug rules, labels, config, env var deep merge).
import { claimHost } from '../routing/host-owners.js'
import { newUuid, randomProjectName, timestamp } from '../storage/ids.js'
import { expectObject } from '../http/validate.js'
import { conflict } from './errors.js'
import { nextSeq, type AppRec } from './model.js'
import { parseLayerRefs } from './layers.js'
import { mergeEnvVars, toEnvRec } from './env-records.js'
import type { V2Service } from './service.js'
import { checkSlug, parseAppEnvInputs, parseAppLabels, parseConfig } from './validate.js'

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

export async function createApp(svc: V2Service, raw: unknown): Promise<AppRec> {
  const obj = expectObject(raw ?? {}, 'The request body', APP_FIELDS)
  const slug =
    obj.slug === undefined || obj.slug === null ? randomSlug(svc) : checkSlug(obj.slug, 'slug')
  const id = newUuid()
  checkSlugFree(svc, slug, id)
  const layerIds = parseLayerRefs(svc, obj.layers, 'layers')
  const now = timestamp()
  const app: AppRec = {
    id,
    slug,
    labels: parseAppLabels(obj.labels),
    envVars: parseAppEnvInputs(obj.env_vars).map(toEnvRec),
    config: parseConfig(obj.config),
    createdAt: now,
    updatedAt: now,
    seq: nextSeq(svc.state),
    layerIds
  }
  svc.state.apps[app.id] = app
  await svc.changed()
  return app
}

export async function updateApp(svc: V2Service, app: AppRec, raw: unknown): Promise<void> {
  const obj = expectObject(raw ?? {}, 'The request body', APP_FIELDS)
  const layerIds =
    obj.layers === undefined || obj.layers === null
      ? null
      : parseLayerRefs(svc, obj.layers, 'layers')
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
  if (layerIds) app.layerIds = layerIds
  await svc.changed(app)
  // As documented, new layers or env vars restart running isolates (no redeploy).
  if (envVars || layerIds) svc.reregister(app)
}
