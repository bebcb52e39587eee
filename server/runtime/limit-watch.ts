/**
 * Polls a measure (a process's memory, a database's size) every `pollMs` and calls `onExceeded`
 * once when it passes `limit`; a null reading (nothing to measure right now) counts as under.
 * Returns a stop function. The timer never keeps the server alive.
 */
export function watchLimit(
  measure: () => Promise<number | null>,
  limit: number,
  pollMs: number,
  onExceeded: (value: number) => void
): () => void {
  let stopped = false
  const stop = (): void => {
    stopped = true
    clearInterval(timer)
  }
  const timer = setInterval(() => {
    void measure().then(value => {
      if (stopped || value === null || value <= limit) return
      stop()
      onExceeded(value)
    })
  }, pollMs)
  timer.unref()
  return stop
}
