// Pure readings of the v2 state that the service and the routes share: the verified domain
// names and a revision's layer variables. Kept apart so the service needs no route module.
import type { EnvVarRec, V2State } from './model.js'

/** Names a verified domain lets revisions bind, in the form `isHostActive` reads. */
export function verifiedNames(state: V2State): string[] {
  const names: string[] = []
  for (const d of Object.values(state.domains)) {
    if (!d.isValidated) continue
    if (d.kind !== 'wildcard_only') names.push(d.domain)
    if (d.kind !== 'base_only') names.push(`*.${d.domain}`)
  }
  return names
}

/** Base layers resolve depth-first, then the layer's own variables win (the documented order). */
function flattenInto(
  state: V2State,
  ids: readonly string[],
  out: EnvVarRec[],
  path: string[] = []
): void {
  for (const id of ids) {
    const layer = state.layers[id]
    if (!layer || path.includes(id)) continue
    flattenInto(state, layer.layerIds, out, [...path, id])
    out.push(...layer.envVars)
  }
}

export function layerEnvVars(state: V2State, ids: readonly string[] | undefined): EnvVarRec[] {
  const out: EnvVarRec[] = []
  flattenInto(state, ids ?? [], out)
  return out
}
