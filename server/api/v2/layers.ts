// Layers: shared, mutable env var sets that apps and revisions reference by ID or slug. Their
// variables resolve in the documented order, and a change restarts the revisions that use them.
import { randomBytes } from 'node:crypto'
import { timestamp } from '../storage/ids.js'
import { expectObject } from '../http/validate.js'
import { mergeEnvVars, toEnvRec } from './env-records.js'
import { conflict, malformed, v2NotFound } from './errors.js'
import { nextSeq, type AppRec, type LayerRec, type RevisionRec, type V2State } from './model.js'
import type { V2Service } from './service.js'
import { checkSlug, parseAppEnvInputs } from './validate.js'

const short = (s: string): string => JSON.stringify(s.length > 80 ? `${s.slice(0, 80)}…` : s)

/** Layer IDs carry an underscore, which slugs never do, so one path segment names either. */
const newLayerId = (): string => `lyr_${randomBytes(10).toString('hex')}`

export function findLayer(state: V2State, idOrSlug: string): LayerRec | undefined {
  const key = idOrSlug.toLowerCase()
  return state.layers[key] ?? Object.values(state.layers).find(l => l.slug === key)
}

export function getLayer(svc: V2Service, idOrSlug: string): LayerRec {
  const layer = findLayer(svc.state, idOrSlug)
  if (!layer)
    throw v2NotFound(`Layer ${short(idOrSlug)} does not exist; list layers with GET /v2/layers.`)
  return layer
}

/** `layers: LayerRefInput[]` (IDs or slugs) → layer IDs; an unknown one is a 400 naming it. */
export function parseLayerRefs(svc: V2Service, value: unknown, where: string): string[] {
  if (value === undefined || value === null) return []
  if (!Array.isArray(value) || value.some(v => typeof v !== 'string'))
    throw malformed(`${where} must be an array of layer IDs or slugs.`)
  const ids = (value as string[]).map((ref, i) => {
    const layer = findLayer(svc.state, ref)
    if (!layer)
      throw malformed(
        `${where}[${i}] names layer ${short(ref)}, which does not exist; create it with POST /v2/layers first.`
      )
    return layer.id
  })
  if (new Set(ids).size !== ids.length) throw malformed(`${where} names a layer twice.`)
  return ids
}

/** Every layer `ids` include, directly or through bases. */
function closure(state: V2State, ids: readonly string[] | undefined, seen = new Set<string>()) {
  for (const id of ids ?? []) {
    if (seen.has(id)) continue
    seen.add(id)
    closure(state, state.layers[id]?.layerIds, seen)
  }
  return seen
}

/** Revisions whose environment depends on `layer` (through their app or themselves). */
export function revisionsUsing(state: V2State, layer: LayerRec): RevisionRec[] {
  return Object.values(state.revisions).filter(
    rev =>
      closure(state, rev.layerIds).has(layer.id) ||
      closure(state, state.apps[rev.appId]?.layerIds).has(layer.id)
  )
}

export const appsReferencing = (state: V2State, layer: LayerRec): AppRec[] =>
  Object.values(state.apps)
    .filter(a => a.layerIds?.includes(layer.id))
    .sort((a, b) => a.seq - b.seq)

function checkSlugFree(state: V2State, slug: string, self?: LayerRec): void {
  const other = Object.values(state.layers).find(l => l.slug === slug)
  if (other && other !== self)
    throw conflict(
      'LAYER_ALREADY_EXISTS',
      `A layer with slug ${JSON.stringify(slug)} already exists; choose another slug.`
    )
}

function parseDescription(value: unknown): string | null | undefined {
  if (value === undefined) return undefined
  if (value === null) return null
  if (typeof value !== 'string' || value.length > 1024)
    throw malformed('description must be a string of at most 1024 characters.')
  return value
}

/** Base layers must not include the layer itself, directly or through other bases. */
function checkNoCycle(state: V2State, layer: LayerRec, bases: string[]): void {
  if (closure(state, bases).has(layer.id))
    throw malformed(`layers would make layer ${layer.slug} include itself; remove that reference.`)
}

const LAYER_FIELDS = ['slug', 'description', 'layers', 'env_vars']

export async function createLayer(svc: V2Service, raw: unknown): Promise<LayerRec> {
  const obj = expectObject(raw ?? {}, 'The request body', LAYER_FIELDS)
  if (obj.slug === undefined) throw malformed('slug is required.')
  const slug = checkSlug(obj.slug, 'slug')
  checkSlugFree(svc.state, slug)
  const now = timestamp()
  const layer: LayerRec = {
    id: newLayerId(),
    slug,
    description: parseDescription(obj.description) ?? null,
    layerIds: parseLayerRefs(svc, obj.layers, 'layers'),
    envVars: parseAppEnvInputs(obj.env_vars).map(toEnvRec),
    createdAt: now,
    updatedAt: now,
    seq: nextSeq(svc.state)
  }
  svc.state.layers[layer.id] = layer
  await svc.changed()
  return layer
}

/** PATCH: slug, description and bases replace; env_vars deep-merge; users restart. */
export async function updateLayer(svc: V2Service, layer: LayerRec, raw: unknown): Promise<void> {
  const obj = expectObject(raw ?? {}, 'The request body', LAYER_FIELDS)
  const slug = obj.slug === undefined ? layer.slug : checkSlug(obj.slug, 'slug')
  checkSlugFree(svc.state, slug, layer)
  const description = parseDescription(obj.description)
  const bases =
    obj.layers === undefined ? layer.layerIds : parseLayerRefs(svc, obj.layers, 'layers')
  checkNoCycle(svc.state, layer, bases)
  const envVars =
    obj.env_vars === undefined || obj.env_vars === null
      ? layer.envVars
      : mergeEnvVars(layer.envVars, obj.env_vars, 'layer')
  Object.assign(layer, { slug, layerIds: bases, envVars, updatedAt: timestamp() })
  if (description !== undefined) layer.description = description
  await svc.changed(layer)
  svc.restart(revisionsUsing(svc.state, layer))
}

export async function deleteLayer(svc: V2Service, layer: LayerRec): Promise<void> {
  const apps = appsReferencing(svc.state, layer)
  const including = Object.values(svc.state.layers).filter(l => l.layerIds.includes(layer.id))
  if (apps.length || including.length)
    throw conflict(
      'LAYER_IN_USE',
      `Layer ${layer.slug} is still referenced by ${[
        ...apps.map(a => `app ${a.slug}`),
        ...including.map(l => `layer ${l.slug}`)
      ].join(', ')}; remove it from their layers (PATCH) first.`
    )
  delete svc.state.layers[layer.id]
  await svc.changed()
}
