import { checkEnvVarName, checkEnvVarValue, checkNoReservedEnvNames } from '../http/validate.js'

/** v2 env vars follow the same rules as v1's (one validator for both APIs). */
export function checkEnvVars(items: { key?: unknown; value?: unknown }[], where: string): void {
  items.forEach((item, i) => {
    if (typeof item.key === 'string') checkEnvVarName(item.key, `${where}[${i}].key`)
    if (item.value !== undefined) checkEnvVarValue(item.value, `${where}[${i}].value`)
  })
  checkNoReservedEnvNames(
    items.map(item => item.key).filter((k): k is string => typeof k === 'string'),
    where
  )
}
