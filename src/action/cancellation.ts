import type { Reporter } from '../core/deploy/reporter.js'

/** Time the deploy gets to stop on its own after a signal before the process exits anyway. */
const DEFAULT_GRACE_MS = 5000

export interface Cancellation {
  /** Aborted on the first SIGINT or SIGTERM. */
  signal: AbortSignal
  /** Removes the signal handlers (the run is over). */
  dispose(): void
}

/**
 * Turns SIGINT/SIGTERM (what the runner sends when a workflow is cancelled) into an aborted
 * signal, so the deploy stops waiting and reports the deployment ID and state itself. A second
 * signal, or a deploy that does not stop within the grace period, exits the process at once; the
 * runner sends SIGTERM 7.5 s after SIGINT and kills the step soon after, so waiting longer is
 * pointless.
 */
export function watchForCancellation(reporter: Reporter, graceMs = DEFAULT_GRACE_MS): Cancellation {
  const controller = new AbortController()

  const onSignal = (signal: NodeJS.Signals): void => {
    if (controller.signal.aborted) {
      reporter.error(`Received ${signal} again: exiting without waiting for the deploy to stop.`)
      process.exit(1)
    }
    reporter.info(`Received ${signal}: the run was cancelled, stopping the deploy.`)
    controller.abort(new Error(`Cancelled by ${signal}`))
    setTimeout(() => {
      reporter.error(`The deploy did not stop within ${graceMs} ms of ${signal}: exiting.`)
      process.exit(1)
    }, graceMs).unref()
  }

  process.on('SIGINT', onSignal)
  process.on('SIGTERM', onSignal)
  return {
    signal: controller.signal,
    dispose() {
      process.off('SIGINT', onSignal)
      process.off('SIGTERM', onSignal)
    }
  }
}
