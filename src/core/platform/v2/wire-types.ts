/**
 * Subhosting v2 wire types (apps, revisions, timelines), snake_case as served. From the v2
 * OpenAPI document (2.0.0) and the `@deno/sandbox` client; see docs/platform-apis.md.
 * Fields the sources disagree on are optional here and read defensively.
 */

/** The framework presets of a v2 `config.framework` (besides `""`, none). */
export const FRAMEWORKS = [
  'nextjs',
  'astro',
  'nuxt',
  'remix',
  'solidstart',
  'tanstackstart',
  'sveltekit',
  'fresh',
  'lume'
] as const

export type RevisionStatus = 'skipped' | 'queued' | 'building' | 'succeeded' | 'failed'

export type FailureReason = 'error' | 'cancelled' | 'timed_out' | 'skipped'

export interface App {
  id: string
  slug: string
  labels?: Record<string, string>
  created_at?: string
  updated_at?: string
}

export interface RevisionTimeline {
  name: string
  context?: string
  hostnames?: string[]
}

export interface FailureDetail {
  stage?: string
  code?: string
  message?: string
}

export interface Revision {
  id: string
  status: RevisionStatus
  failure_reason?: FailureReason | string | null
  failure_detail?: FailureDetail | null
  labels?: Record<string, string>
  created_at: string
  cancellation_requested_at?: string | null
  build_finished_at?: string | null
  deleted_at?: string | null
  timelines?: RevisionTimeline[]
}

/** The older per-revision timelines endpoint (`GET /revisions/{id}/timelines`). */
export interface TimelineListItem {
  slug?: string
  /** The app the timeline belongs to (the SDK's Timeline; not in every answer). */
  app?: { id?: string; slug?: string }
  context?: { slug?: string } | string
  domains?: { domain: string }[]
}

export interface Stage {
  status: string
  start?: string
  end?: string
  command?: string | null
}

/** One complete snapshot of a revision's build (`GET /revisions/{id}/progress`). */
export interface RevisionProgress {
  queued?: Stage
  preparing?: Stage
  installing?: Stage
  building?: Stage
  deploying?: Stage & { timelines?: (Stage & { slug?: string; warmup?: Stage })[] }
}

export interface V2BuildLogEntry {
  timestamp?: string
  level: string
  message: string
  step?: string
  timeline?: string
}

export type RuntimeConfig =
  | { type: 'dynamic'; entrypoint: string; args?: string[] }
  /** Files under `cwd` (relative to the assets root) served as they are. */
  | { type: 'static'; cwd: string; spa?: boolean }

export interface DeployConfig {
  framework?: string
  install?: string | null
  build?: string | null
  runtime?: RuntimeConfig
}

/** Everything of a deploy request except the assets, which are streamed from disk. */
export interface DeployFields {
  config: DeployConfig
  env_vars: { key: string; value: string }[]
  labels: Record<string, string>
  /** Layer slugs or IDs; sent only when given. */
  layers?: string[]
  production: boolean
  /** `true`, or the host names bound to this preview revision (the default URL stays). */
  preview: boolean | { domains: string[] }
}

/** One runtime log line of an app (`GET /apps/{app}/logs`). */
export interface RuntimeLog {
  timestamp?: string
  level: string
  message: string
  revision_id?: string
}

export interface RevisionDomains {
  production?: string[]
  preview?: string[]
}
