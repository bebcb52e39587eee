// POST /apps/{app}/deploy: validates the request, stores the assets and queues the revision.
import { planAssets } from '../assets/assets.js'
import { manifestFromPlan } from '../layout.js'
import { checkOrDiscardRecord, manifestOf } from '../layout.js'
import { HttpError } from '../http/errors.js'
import { newDeploymentId, timestamp } from '../storage/ids.js'
import { writeFileAtomic } from '../storage/json-file.js'
import { expectMap, expectObject, type Json } from '../http/validate.js'
import { parseLayerRefs } from './layers.js'
import { malformed } from './errors.js'
import { isHostFree } from '../routing/host-owners.js'
import { productionHost, resolveBindableHost } from './hosts.js'
import { nextSeq, type AppRec, type BindingRec, type RevisionRec, type StageName } from './model.js'
import type { V2Service } from './service.js'
import { parseConfig, parseRevisionEnvVars, parseRevisionLabels, parseTarget } from './validate.js'

const DEPLOY_FIELDS = [
  'assets',
  'config',
  'layers',
  'env_vars',
  'labels',
  'production',
  'preview',
  'retention'
]

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

/** A fresh id whose preview host no other app holds (an app may be named `<slug>-<id>`). */
function uniqueRevisionId(svc: V2Service, app: AppRec): string {
  const n = svc.naming()
  for (;;) {
    const id = newDeploymentId()
    const preview = `${app.slug}-${id}.${n.org}.${n.suffix}`
    if (svc.state.revisions[id] || svc.deps.store.state.deployments[id]) continue
    if (isHostFree(svc.deps.store.state, n.suffix, preview, { kind: 'app', id: app.id })) return id
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
    id: uniqueRevisionId(svc, app),
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
    layerIds: parseLayerRefs(svc, obj.layers, 'layers'),
    stages: Object.fromEntries(STAGES.map(s => [s, { status: 'pending' }])) as RevisionRec['stages']
  }
  rev.stages.queued = { status: 'running', start: now }
  const n = svc.naming()
  const bind = (hosts: string[] | null, context: BindingRec['context']): void => {
    for (const raw of hosts ?? []) {
      const host = resolveBindableHost(raw, app, rev, svc.deps.store.state, n)
      if (context === 'production' && host === productionHost(app, n)) rev.defaultAlias = true
      else if (!rev.bindings.some(b => b.host === host)) rev.bindings.push({ host, context })
    }
  }
  bind(production.enabled ? production.domains : null, 'production')
  bind(preview.enabled ? preview.domains : null, 'preview')
  return rev
}

export async function deployRevision(
  svc: V2Service,
  app: AppRec,
  raw: unknown
): Promise<RevisionRec> {
  const obj = expectObject(raw, 'The request body', DEPLOY_FIELDS)
  if (obj.retention !== undefined && obj.retention !== 'auto') {
    if (obj.retention === 'indefinite')
      throw new HttpError(
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
  // Another deploy may have taken one of these names while the assets were stored: checked
  // again with nothing awaited between check and store, so one of two racing deploys wins.
  await checkOrDiscardRecord(svc.deps.options.dataDir, rev.id, () => {
    for (const { host } of rev.bindings)
      resolveBindableHost(host, app, rev, svc.deps.store.state, svc.naming())
  })
  svc.state.revisions[rev.id] = rev
  await svc.changed()
  svc.pipeline.enqueue(rev)
  return rev
}
