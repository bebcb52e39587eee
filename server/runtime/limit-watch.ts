/**
 * Polls a measure (a process's memory, a database's size) every `pollMs` and calls `onExceeded`
 * once when it passes `limit`; a null reading (nothing to measure right now) counts as under.
 * A tick finding the previous measure still running skips, so slow measures (a big directory
 * tree) never pile up. Returns a stop function. The timer never keeps the server alive.
 */
export function watchLimit(
  measure: () => Promise<number | null>,
  limit: number,
  pollMs: number,
  onExceeded: (value: number) => void
): () => void {
  let stopped = false
  let measuring = false
  const stop = (): void => {
    stopped = true
    clearInterval(timer)
  }
  const timer = setInterval(() => {
    if (measuring) return
    measuring = true
    void measure()
      .finally(() => (measuring = false))
      .then(value => {
        if (stopped || value === null || value <= limit) return
        stop()
        onExceeded(value)
      })
  }, pollMs)
  timer.unref()
  return stop
}
