// The request context every route handler gets: options, state, logs, runtime, v2 service.
import type { DeploymentRuntime } from '../runtime/types.js'
import type { BlobStore } from './assets/assets.js'
import type { FaultInjector } from './faults/faults.js'
import type { AppLogEntry, ServerOptions, StoredBuildLog } from './layout.js'
import type { Analytics } from './storage/analytics.js'
import type { LogBook } from './storage/log-book.js'
import type { DeploymentRec, Store } from './storage/store.js'
import type { V2Service } from './v2/service.js'

/** Everything a route handler needs. */
export interface Ctx {
  options: ServerOptions
  token: string
  store: Store
  analytics: Analytics
  blobs: BlobStore
  buildLogs: LogBook<StoredBuildLog>
  appLogs: LogBook<AppLogEntry>
  runtime: DeploymentRuntime
  faults: FaultInjector
  /** The v2 API's state and build pipeline. */
  v2: V2Service
  /** Starts (or queues) the build of a freshly created deployment. */
  startBuild(deployment: DeploymentRec): void
}
