/**
 * The lifecycle's own inputs (see action.yml): which mode, where comments and GitHub
 * deployments go, and which domains production gets. Every problem is reported at once.
 */
import { parseBooleanInput } from '../core/settings/boolean-input.js'
import { InputError, type InputProblem } from '../core/settings/input-error.js'
import { parseAge } from '../core/previews/previews.js'

export type Mode = 'auto' | 'preview' | 'production' | 'cleanup' | 'janitor'

export interface LifecycleInputs {
  mode: Mode
  /** null = the repository's default branch. */
  productionBranch: string | null
  comment: boolean
  /** May be '' (no GitHub writes at all). Secret. */
  githubToken: string
  githubDeployments: boolean
  /** Production domains; may hold {project.name} and {deployment.id}. */
  domains: string[]
  allowDomainFailure: boolean
  /** Template with {pr} and {branch}. */
  previewEnvironment: string
  productionEnvironment: string
  /** Explicit PR number for workflow_run / workflow_dispatch runs. */
  pullRequest: number | null
  /** Reuse a preview of the exact same tree in production instead of deploying again. */
  promote: boolean
  /** At most this many previews per project (app); null = no limit. */
  maxPreviews: number | null
  /** The janitor removes previews older than this (ms); null = no age limit. */
  previewTtlMs: number | null
}

export const LIFECYCLE_INPUT_NAMES = [
  'mode',
  'production-branch',
  'comment',
  'github-token',
  'github-deployments',
  'domains',
  'allow-domain-failure',
  'preview-environment',
  'production-environment',
  'pull-request',
  'promote',
  'max-previews',
  'preview-ttl'
] as const

export type RawLifecycleInputs = Record<(typeof LIFECYCLE_INPUT_NAMES)[number], string>

const MODES: Mode[] = ['auto', 'preview', 'production', 'cleanup', 'janitor']
const DOMAIN = /^(\*\.)?([a-z0-9{}.-]+)$/i

type Report = (message: string) => void

export function parseLifecycleInputs(raw: Partial<RawLifecycleInputs>): LifecycleInputs {
  const problems: InputProblem[] = []
  const text = (name: keyof RawLifecycleInputs) => (raw[name] ?? '').trim()
  const report =
    (input: keyof RawLifecycleInputs): Report =>
    message =>
      problems.push({ input, message })
  const bool = (name: keyof RawLifecycleInputs, fallback: boolean): boolean =>
    parseBooleanInput(text(name), fallback, report(name))
  for (const name of ['preview-environment', 'production-environment'] as const) {
    if (text(name).length > 255) report(name)('is longer than 255 characters; use a shorter name.')
  }
  const parsed: LifecycleInputs = {
    mode: parseMode(text('mode'), report('mode')),
    productionBranch: text('production-branch').replace(/^refs\/heads\//, '') || null,
    comment: bool('comment', true),
    githubToken: text('github-token'),
    githubDeployments: bool('github-deployments', true),
    domains: parseDomains(text('domains'), report('domains')),
    allowDomainFailure: bool('allow-domain-failure', false),
    previewEnvironment: text('preview-environment') || 'preview/pr-{pr}',
    productionEnvironment: text('production-environment') || 'production',
    pullRequest: parsePullRequest(text('pull-request'), report('pull-request')),
    promote: bool('promote', true),
    maxPreviews: parseMaxPreviews(text('max-previews'), report('max-previews')),
    previewTtlMs: parseTtl(text('preview-ttl'), report('preview-ttl'))
  }
  if (problems.length) throw new InputError(problems)
  return parsed
}

function parseMode(text: string, report: Report): Mode {
  const mode = (text || 'auto').toLowerCase() as Mode
  if (!MODES.includes(mode))
    report(`"${text}" is not a mode; use one of ${MODES.join(', ')} (auto follows the event).`)
  return mode
}

function parseDomains(text: string, report: Report): string[] {
  const domains = text
    .split(/[\n,]/)
    .map(d => d.trim())
    .filter(Boolean)
  for (const domain of domains) {
    if (!DOMAIN.test(domain) || domain.includes('..')) {
      report(
        `"${domain}" is not a domain name; list host names one per line or comma-separated, ` +
          'e.g. app.example.com or {deno.app.slug}.example.com.'
      )
    }
  }
  return domains
}

function parsePullRequest(text: string, report: Report): number | null {
  if (!text) return null
  if (/^[1-9]\d{0,9}$/.test(text)) return Number(text)
  report(`"${text}" is not a pull request number; give the number only, e.g. 42.`)
  return null
}

function parseMaxPreviews(text: string, report: Report): number | null {
  if (!text) return null
  if (/^[1-9]\d{0,5}$/.test(text)) return Number(text)
  report(
    `"${text}" is not a number of previews; give a whole number of at least 1, or leave it empty.`
  )
  return null
}

function parseTtl(text: string, report: Report): number | null {
  if (!text) return null
  const ms = parseAge(text)
  if (ms === null || ms === 0) report(`"${text}" is not an age; give one such as 14d, 12h or 30m.`)
  return ms || null
}
