// What the v2 build pipeline needs from the service that owns it, as types: the pipeline and
// the service (which creates the pipeline) then do not import each other.
import type { DeploymentRuntime, LogLevel, RunSpec } from '../../runtime/types.js'
import type { BlobStore } from '../assets/assets.js'
import type { AppLogEntry, ServerOptions } from '../layout.js'
import type { Analytics } from '../storage/analytics.js'
import type { LogBook } from '../storage/log-book.js'
import type { Store } from '../storage/store.js'
import type {
  AppRec,
  FailureDetail,
  FailureReason,
  RevisionRec,
  StageName,
  StageStatus,
  V2State
} from './model.js'

export type BuildStep = 'preparing' | 'installing' | 'building' | 'deploying'

export interface BuildLogRec {
  timestamp: string
  level: 'debug' | 'info' | 'warn' | 'error'
  message: string
  step: BuildStep
  timeline?: string
}

export interface V2Deps {
  options: ServerOptions
  store: Store
  runtime: DeploymentRuntime
  analytics: Analytics
  blobs: BlobStore
  appLogs: LogBook<AppLogEntry>
  /** Registered organization domains (shared with v1). */
  registeredDomains(): Set<string>
}

export type Outcome =
  | { ok: true }
  | { ok: false; reason: FailureReason; step: BuildStep; message: string; detail?: FailureDetail }

/** The service as the pipeline sees it. */
export interface PipelineHost {
  readonly deps: V2Deps
  readonly state: V2State
  readonly pipeline: { readonly isStopped: boolean }
  port: number
  changed(...records: object[]): Promise<void>
  log(id: string, step: BuildStep, level: LogLevel, message: string): void
  setStage(rev: RevisionRec, name: StageName, status: StageStatus): void
  warmupHost(id: string): string
  beginWarmup(id: string): void
  endWarmup(id: string): string | null
  runSpec(rev: RevisionRec): RunSpec
  envOf(app: AppRec | undefined, rev: RevisionRec): Record<string, string>
  finish(rev: RevisionRec, outcome: Outcome): Promise<void>
}
