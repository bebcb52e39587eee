import { invalidRequest } from './errors.js'
import { UUID_RE } from '../storage/ids.js'
import { reservedEnvName } from '../../runtime/reserved-env.js'
import { embedsIPv4 } from '../../runtime/network-policy.js'

export type Json = Record<string, unknown>

const describe = (value: unknown): string => {
  if (value === null) return 'null'
  if (value === undefined) return 'nothing'
  if (Array.isArray(value)) return 'an array'
  if (Buffer.isBuffer(value)) return 'a string'
  return `a ${typeof value}`
}

/** The body must be an object whose keys are all in `allowed` (additionalProperties: false). */
export function expectObject(value: unknown, where: string, allowed: readonly string[]): Json {
  if (typeof value !== 'object' || value === null || Array.isArray(value) || Buffer.isBuffer(value))
    throw invalidRequest(`${where} must be a JSON object, got ${describe(value)}.`)
  for (const key of Object.keys(value)) {
    if (!allowed.includes(key))
      throw invalidRequest(
        `${where} has an unknown field '${key}'; allowed fields are: ${allowed.join(', ')}.`
      )
  }
  return value as Json
}

export function expectMap(value: unknown, where: string): Json {
  if (typeof value !== 'object' || value === null || Array.isArray(value) || Buffer.isBuffer(value))
    throw invalidRequest(`${where} must be a JSON object, got ${describe(value)}.`)
  return value as Json
}

export function optString(
  obj: Json,
  key: string,
  where: string,
  maxLength?: number
): string | null | undefined {
  const value = obj[key]
  if (value === undefined || value === null) return value
  if (typeof value !== 'string')
    throw invalidRequest(`${where}.${key} must be a string or null, got ${describe(value)}.`)
  if (maxLength !== undefined && value.length > maxLength)
    throw invalidRequest(
      `${where}.${key} has ${value.length} characters; at most ${maxLength} are allowed.`
    )
  return value
}

export function reqString(obj: Json, key: string, where: string): string {
  const value = obj[key]
  if (value === undefined) throw invalidRequest(`${where}.${key} is required.`)
  if (typeof value !== 'string')
    throw invalidRequest(`${where}.${key} must be a string, got ${describe(value)}.`)
  return value
}

export function optBool(obj: Json, key: string, where: string): boolean | null | undefined {
  const value = obj[key]
  if (value === undefined || value === null || typeof value === 'boolean') return value
  throw invalidRequest(`${where}.${key} must be a boolean or null, got ${describe(value)}.`)
}

export function optPositiveInt(obj: Json, key: string, where: string): number | null | undefined {
  const value = obj[key]
  if (value === undefined || value === null) return value
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > 2 ** 31 - 1)
    throw invalidRequest(
      `${where}.${key} must be an integer from 1 to ${2 ** 31 - 1} (milliseconds) or null, got ${JSON.stringify(value)}.`
    )
  return value
}

export function optStringArray(value: unknown, where: string): string[] | null | undefined {
  if (value === undefined || value === null) return value
  if (!Array.isArray(value) || value.some(v => typeof v !== 'string'))
    throw invalidRequest(`${where} must be an array of strings or null.`)
  return value as string[]
}

export function expectUuid(value: unknown, where: string): string {
  if (typeof value !== 'string' || !UUID_RE.test(value))
    throw invalidRequest(`${where} must be a UUID, got ${JSON.stringify(value)}.`)
  return value.toLowerCase()
}

/** `permissions: {net?: string[] | null} | null` */
export function parsePermissions(
  value: unknown,
  where: string
): { net?: string[] | null } | null | undefined {
  if (value === undefined || value === null) return value
  const obj = expectObject(value, where, ['net'])
  if (!('net' in obj)) return {}
  const net = optStringArray(obj.net, `${where}.net`)
  for (const entry of net ?? []) {
    if (entry.length === 0 || /[\s/]/.test(entry))
      throw invalidRequest(
        `${where}.net has an invalid entry ${JSON.stringify(entry)}; use a hostname, an IPv4 address, a bracketed IPv6 address (optionally with :port) or "*".`
      )
  }
  const mapped = net?.find(entry => embedsIPv4(/^\[([^\]]+)\]/.exec(entry)?.[1] ?? ''))
  if (mapped)
    throw invalidRequest(
      `${where}.net names ${JSON.stringify(mapped)}, an IPv6 form of an IPv4 address, which would ` +
        'reach that IPv4 host around its rules. Name the IPv4 address itself (e.g. "127.0.0.1:8000").'
    )
  if (net?.includes('*')) refuseLoopbackPortsBesideAll(net, where)
  return { net: net ?? null }
}

/**
 * With "*" the sandbox can deny loopback addresses only whole, not all their ports but one, so a
 * loopback address with a port next to "*" would open every port of it: refused, with the fix.
 */
function refuseLoopbackPortsBesideAll(net: string[], where: string): void {
  const loopbackWithPort = net.find(entry =>
    /^(127\.\d{1,3}\.\d{1,3}\.\d{1,3}|localhost|\[::1\]):\d+$/i.test(entry)
  )
  if (loopbackWithPort)
    throw invalidRequest(
      `${where}.net names ${JSON.stringify(loopbackWithPort)} next to "*": a loopback port cannot be ` +
        'opened alone beside the whole internet. List the hosts the app needs instead of "*", or ' +
        'name the loopback address without a port to open all of its ports.'
    )
}

// ---------------------------------------------------------------------------------------------
// Environment variables: the rules for every API that sets them (v1 envVars, v2 env_vars).

/** Platform limits (v2 spec: key 1..128 characters, value at most 65536). */
export const ENV_NAME_MAX = 128
export const ENV_VALUE_MAX = 65_536

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/
// eslint-disable-next-line no-control-regex
const CONTROL_IN_VALUE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/

/** A variable name: 1..128 characters, no '=', no control characters, not reserved. */
export function checkEnvVarName(name: string, where: string): void {
  const problem =
    name === ''
      ? 'is empty'
      : name.length > ENV_NAME_MAX
        ? `has ${name.length} characters; at most ${ENV_NAME_MAX} are allowed`
        : name.includes('=')
          ? "contains '='"
          : CONTROL.test(name)
            ? 'contains a NUL or control character'
            : null
  if (problem)
    throw invalidRequest(
      `${where} has an invalid variable name ${JSON.stringify(name)}: it ${problem}.`
    )
}

/** A value: at most 65536 characters, no NUL or control characters except tab and line breaks. */
export function checkEnvVarValue(value: unknown, where: string): string {
  if (typeof value !== 'string') throw invalidRequest(`${where} must be a string.`)
  if (value.length > ENV_VALUE_MAX)
    throw invalidRequest(
      `${where} has ${value.length} characters; at most ${ENV_VALUE_MAX} are allowed.`
    )
  if (CONTROL_IN_VALUE.test(value))
    throw invalidRequest(
      `${where} contains a NUL or control character; only tab, CR and LF are allowed in values.`
    )
  return value
}

/** Rejects every reserved name at once, so one 400 names them all. */
export function checkNoReservedEnvNames(names: Iterable<string>, where: string): void {
  const reserved = [...names].filter(name => reservedEnvName(name) !== null)
  if (reserved.length === 0) return
  throw invalidRequest(
    `${where} sets reserved variable(s) ${reserved.map(n => JSON.stringify(n)).join(', ')}: ` +
      `${reserved.map(n => `${n}: ${reservedEnvName(n)}`).join('; ')}. Rename them (e.g. APP_${reserved[0]}).`
  )
}

/** `envVars` of a create request: a map of valid names to valid values, none reserved. */
export function expectEnvVars(value: unknown, where: string): Record<string, string> {
  const map = expectMap(value, where)
  for (const [name, v] of Object.entries(map)) {
    checkEnvVarName(name, where)
    checkEnvVarValue(v, `${where}.${name}`)
  }
  checkNoReservedEnvNames(Object.keys(map), where)
  return map as Record<string, string>
}
