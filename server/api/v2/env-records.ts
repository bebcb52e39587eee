// Env var records of apps and layers: a new record from its input, and the PATCH merge rules.
import { newUuid } from '../storage/ids.js'
import { checkEnvVars } from './env-check.js'
import { malformed } from './errors.js'
import type { EnvVarRec } from './model.js'
import { parseEnvItem, type EnvVarInput } from './validate.js'

export const toEnvRec = (v: EnvVarInput): EnvVarRec => ({
  id: newUuid(),
  key: v.key,
  value: v.value,
  secret: v.secret ?? false,
  contexts: v.contexts ?? 'all'
})

/** PATCH env_vars: match by id, else by key + contexts; `delete: true` removes; else add. */
export function mergeEnvVars(current: EnvVarRec[], value: unknown, owner = 'app'): EnvVarRec[] {
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
      throw malformed(`${where}.id ${JSON.stringify(u.id)} matches no variable of this ${owner}.`)
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
