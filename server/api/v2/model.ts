// Records of the v2 control plane (apps, revisions, layers, domains, database instances),
// persisted in the state database next to the v1 records (each V2State collection is a row kind).

export type RevisionStatus = 'queued' | 'building' | 'succeeded' | 'failed'
export type FailureReason = 'error' | 'cancelled' | 'timed_out'

export interface FailureDetail {
  stage: 'warmup'
  code: 'boot_failed' | 'internal'
  message: string
}

export type RuntimeConfig =
  | { type: 'dynamic'; entrypoint?: string; args?: string[] }
  | { type: 'static'; cwd?: string; spa?: boolean }

export interface AppConfig {
  framework?: string
  install?: string | null
  build?: string | null
  predeploy?: string | null
  runtime?: RuntimeConfig
  crons?: boolean
}

export interface EnvVarRec {
  id: string
  key: string
  value: string
  secret: boolean
  contexts: 'all' | string[]
}

export interface AppRec {
  id: string
  slug: string
  labels: Record<string, string>
  envVars: EnvVarRec[]
  config: AppConfig | null
  createdAt: string
  updatedAt: string
  /** Creation order, for cursors. */
  seq: number
  /** Layer IDs in priority order (later wins); absent in state written before layers existed. */
  layerIds?: string[]
}

export interface LayerRec {
  id: string
  slug: string
  description: string | null
  /** Base layers, resolved depth-first before this layer's own variables. */
  layerIds: string[]
  envVars: EnvVarRec[]
  createdAt: string
  updatedAt: string
  seq: number
}

export type DomainKind = 'base_only' | 'wildcard_only' | 'base_and_wildcard'

export interface V2CertificateRec {
  id: string
  kind: 'automatic' | 'manual'
  subjectAltNames: string[]
  privateKeyAlgorithm: string
  notValidBefore: string
  notValidAfter: string
  createdAt: string
}

export interface V2DomainRec {
  id: string
  domain: string
  kind: DomainKind
  token: string
  isValidated: boolean
  certificates: V2CertificateRec[]
  provisioning: { code: 'success' | 'failed' | 'pending' | 'manual'; message?: string }
  createdAt: string
  updatedAt: string
  seq: number
}

export interface DatabaseInstanceRec {
  id: string
  slug: string
  /** The connection as answered: credentials (password, certificate) are never kept. */
  connection: Record<string, unknown>
  createdAt: string
}

export type Context = 'production' | 'preview'

export interface BindingRec {
  host: string
  context: Context
}

export type StageName =
  | 'queued'
  | 'preparing'
  | 'installing'
  | 'building'
  | 'deploying'
  | 'predeploy'
  | 'warmup'
  | 'routing'

export type StageStatus =
  'pending' | 'skipped' | 'running' | 'succeeded' | 'timed_out' | 'cancelled' | 'errored'

export interface StageRec {
  status: StageStatus
  start?: string
  end?: string
}

export interface RevisionRec {
  id: string
  appId: string
  seq: number
  status: RevisionStatus
  failureReason: FailureReason | null
  failureDetail: FailureDetail | null
  labels: Record<string, string>
  envVars: { key: string; value: string }[]
  config: AppConfig
  createdAt: string
  cancellationRequestedAt: string | null
  buildFinishedAt: string | null
  /** Joins the production timeline (deploy `production`, or promoted later). */
  production: boolean
  preview: boolean
  /** Whether the app's default production host follows this revision once it succeeds. */
  defaultAlias: boolean
  /** Order in which it took the default production host (success or promote); newest serves. */
  productionSeq: number | null
  bindings: BindingRec[]
  /** The module the runtime runs (asset path), known once the revision is prepared. */
  entryPoint: string | null
  /** Layer IDs of the deploy request (revision level of the env var resolution). */
  layerIds?: string[]
  stages: Record<StageName, StageRec>
}

export interface V2State {
  seq: number
  apps: Record<string, AppRec>
  revisions: Record<string, RevisionRec>
  layers: Record<string, LayerRec>
  domains: Record<string, V2DomainRec>
  databaseInstances: Record<string, DatabaseInstanceRec>
}

export const TERMINAL: readonly RevisionStatus[] = ['succeeded', 'failed']

/** A new collection added here starts empty on databases written before it existed. */
export function emptyV2State(): V2State {
  return { seq: 0, apps: {}, revisions: {}, layers: {}, domains: {}, databaseInstances: {} }
}

export function v2State(store: { state: { v2: V2State } }): V2State {
  return store.state.v2
}

export function nextSeq(state: V2State): number {
  return ++state.seq
}

/** The v2 slug of the server's one organization (host names, X-Deno-Org). */
export const ORG_SLUG = 'local'
