// JSON shapes of the v2 API (snake_case, as the v2 document defines them), built from the records.
import type {
  AppConfig,
  AppRec,
  EnvVarRec,
  LayerRec,
  RevisionRec,
  StageName,
  StageRec,
  V2State
} from './model.js'
import { hostsOf, type Naming } from './hosts.js'

export function configView(config: AppConfig | null): Record<string, unknown> {
  const c = config ?? {}
  const view: Record<string, unknown> = {
    framework: c.framework ?? '',
    install: c.install ?? null,
    build: c.build ?? null,
    predeploy: c.predeploy ?? null,
    crons: c.crons ?? true
  }
  if (c.runtime) view.runtime = c.runtime
  return view
}

/** `LayerRef[]` of the layer IDs that still exist, in their order. */
export const layerRefs = (state: V2State, ids: readonly string[] | undefined): unknown[] =>
  (ids ?? [])
    .map(id => state.layers[id])
    .filter(Boolean)
    .map(l => ({ id: l.id, slug: l.slug }))

/** `EnvVar`: a secret's value is never answered. */
export const envVarView = (v: EnvVarRec): Record<string, unknown> => ({
  id: v.id,
  key: v.key,
  ...(v.secret ? {} : { value: v.value }),
  secret: v.secret,
  contexts: v.contexts
})

export function layerView(state: V2State, layer: LayerRec): Record<string, unknown> {
  return {
    id: layer.id,
    slug: layer.slug,
    ...(layer.description === null ? {} : { description: layer.description }),
    layers: layerRefs(state, layer.layerIds),
    env_vars: layer.envVars.map(envVarView),
    app_count: Object.values(state.apps).filter(a => a.layerIds?.includes(layer.id)).length,
    created_at: layer.createdAt,
    updated_at: layer.updatedAt
  }
}

export function appListItem(state: V2State, app: AppRec): Record<string, unknown> {
  return {
    id: app.id,
    slug: app.slug,
    labels: app.labels,
    layers: layerRefs(state, app.layerIds),
    created_at: app.createdAt,
    updated_at: app.updatedAt
  }
}

export function appView(state: V2State, app: AppRec): Record<string, unknown> {
  return {
    ...appListItem(state, app),
    env_vars: app.envVars.map(envVarView),
    config: configView(app.config)
  }
}

export function revisionListItem(rev: RevisionRec): Record<string, unknown> {
  return {
    id: rev.id,
    status: rev.status,
    failure_reason: rev.failureReason,
    labels: rev.labels,
    created_at: rev.createdAt,
    cancellation_requested_at: rev.cancellationRequestedAt,
    build_finished_at: rev.buildFinishedAt,
    deleted_at: null
  }
}

/** `Revision.timelines`: the hosts on each timeline that route to this revision right now. */
export function revisionTimelines(
  routes: Map<string, string>,
  state: V2State,
  rev: RevisionRec,
  n: Naming
): { name: string; context: string; hostnames: string[] }[] {
  if (rev.status !== 'succeeded') return []
  const hosts = hostsOf(routes, state, rev, n)
  const out = []
  if (rev.production || hosts.production.length)
    out.push({ name: 'Production', context: 'production', hostnames: hosts.production })
  if (rev.preview || hosts.preview.length)
    out.push({ name: 'Preview', context: 'preview', hostnames: hosts.preview })
  return out
}

export function revisionView(
  routes: Map<string, string>,
  state: V2State,
  rev: RevisionRec,
  n: Naming
): Record<string, unknown> {
  return {
    ...revisionListItem(rev),
    failure_detail: rev.failureDetail,
    layers: layerRefs(state, rev.layerIds),
    env_vars: rev.envVars,
    config: configView(rev.config),
    timelines: revisionTimelines(routes, state, rev, n)
  }
}

/** `Timeline` (SDK shape) for one context of an app, with the hosts given. */
export function timelineView(
  app: AppRec,
  context: string,
  hosts: string[]
): Record<string, unknown> {
  return {
    slug: context,
    partition: {},
    app: { id: app.id, slug: app.slug },
    context: { slug: context },
    domains: hosts.map(domain => ({ domain }))
  }
}

const stage = (s: StageRec): Record<string, unknown> => ({ ...s })

/** One `RevisionProgress` snapshot. */
export function progressView(rev: RevisionRec): Record<string, unknown> {
  const st = (name: StageName): Record<string, unknown> => stage(rev.stages[name])
  const contexts = [rev.production && 'production', rev.preview && 'preview'].filter(
    (c): c is string => typeof c === 'string'
  )
  return {
    queued: st('queued'),
    preparing: st('preparing'),
    installing: { ...st('installing'), command: rev.config.install ?? null },
    building: { ...st('building'), command: rev.config.build ?? null },
    deploying: {
      ...st('deploying'),
      timelines: contexts.map(slug => ({
        ...st('deploying'),
        slug,
        partition: {},
        databases: [],
        predeploy: { ...st('predeploy'), command: rev.config.predeploy ?? null },
        warmup: st('warmup'),
        routing: st('routing')
      }))
    }
  }
}
