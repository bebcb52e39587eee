import { invalidRequest } from '../http/errors.js'
import { expectObject } from '../http/validate.js'

export interface FaultRule {
  method?: string
  path: string
  times: number
  fault: 'status' | 'reset' | 'delay'
  status?: number
  retryAfter?: number
  delayMs?: number
  when?: 'before' | 'after'
}

interface ActiveRule {
  rule: FaultRule
  pattern: RegExp
  remaining: number
  hits: number
}

const RULE_FIELDS = ['method', 'path', 'times', 'fault', 'status', 'retryAfter', 'delayMs', 'when']

/** `*` matches one path segment, `**` any number of segments. */
function globToRegExp(glob: string): RegExp {
  let re = ''
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]
    if (c === '*' && glob[i + 1] === '*') {
      re += '.*'
      i++
    } else if (c === '*') re += '[^/]*'
    else re += c.replace(/[.+?^${}()|[\]\\]/g, '\\$&')
  }
  return new RegExp(`^${re}$`)
}

export function parseFaultRules(value: unknown, where: string): FaultRule[] {
  if (!Array.isArray(value)) throw invalidRequest(`${where} must be an array of fault rules.`)
  return value.map((raw, i) => {
    const at = `${where}[${i}]`
    const obj = expectObject(raw, at, RULE_FIELDS)
    const rule = obj as unknown as FaultRule
    if (typeof rule.path !== 'string' || !rule.path.startsWith('/'))
      throw invalidRequest(
        `${at}.path must be a glob starting with '/', like '/v1/projects/*/deployments'.`
      )
    if (
      rule.method !== undefined &&
      (typeof rule.method !== 'string' || !/^[A-Za-z]+$/.test(rule.method))
    )
      throw invalidRequest(`${at}.method must be an HTTP method like "POST".`)
    if (!Number.isInteger(rule.times) || rule.times < 1)
      throw invalidRequest(`${at}.times must be an integer ≥ 1.`)
    if (!['status', 'reset', 'delay'].includes(rule.fault))
      throw invalidRequest(`${at}.fault must be "status", "reset" or "delay".`)
    if (
      rule.fault === 'status' &&
      (!Number.isInteger(rule.status) || rule.status! < 400 || rule.status! > 599)
    )
      throw invalidRequest(
        `${at}.status must be an HTTP error status from 400 to 599 for fault "status".`
      )
    if (
      rule.retryAfter !== undefined &&
      (typeof rule.retryAfter !== 'number' || rule.retryAfter < 0)
    )
      throw invalidRequest(`${at}.retryAfter must be a number of seconds ≥ 0.`)
    if (rule.fault === 'delay' && (!Number.isInteger(rule.delayMs) || rule.delayMs! < 0))
      throw invalidRequest(`${at}.delayMs must be an integer ≥ 0 for fault "delay".`)
    if (rule.when !== undefined && rule.when !== 'before' && rule.when !== 'after')
      throw invalidRequest(`${at}.when must be "before" or "after".`)
    return { ...rule, method: rule.method?.toUpperCase() }
  })
}

/** Injected failures for API routes, consumed request by request. */
export class FaultInjector {
  private rules: ActiveRule[] = []

  add(rules: FaultRule[]): void {
    for (const rule of rules)
      this.rules.push({ rule, pattern: globToRegExp(rule.path), remaining: rule.times, hits: 0 })
  }

  clear(): void {
    this.rules = []
  }

  list(): (FaultRule & { remaining: number; hits: number })[] {
    return this.rules.map(r => ({ ...r.rule, remaining: r.remaining, hits: r.hits }))
  }

  /** Takes one use of the first live rule matching this request, if any. */
  take(method: string, pathname: string): FaultRule | undefined {
    const active = this.rules.find(
      r =>
        r.remaining > 0 && (!r.rule.method || r.rule.method === method) && r.pattern.test(pathname)
    )
    if (!active) return undefined
    active.remaining--
    active.hits++
    return active.rule
  }
}
