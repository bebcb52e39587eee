/**
 * Sizes and durations as people read them, the same in the log, the job summary and the
 * terminal. Sizes are decimal (kB = 1000 B), as the platform counts its 1 GB deployment limit.
 */

/** 999 → "999 B", 1_500 → "1.5 kB", 24_300_000 → "24 MB". */
export function formatBytes(bytes: number): string {
  if (bytes < 1000) return `${bytes} B`
  const units = ['kB', 'MB', 'GB', 'TB']
  let value = bytes
  let unit = -1
  do {
    value /= 1000
    unit++
  } while (value >= 1000 && unit < units.length - 1)
  return `${value.toFixed(value < 10 ? 1 : 0)} ${units[unit]}`
}

/** 250 → "250 ms", 1_520 → "1.5 s", 4_000 → "4 s", 45_200 → "45 s", 610_000 → "10 min 10 s". */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`
  if (ms < 10_000) return `${(ms / 1000).toFixed(1).replace(/\.0$/, '')} s`
  const seconds = Math.round(ms / 1000)
  if (seconds < 120) return `${seconds} s`
  const minutes = Math.floor(seconds / 60)
  const rest = seconds % 60
  return rest ? `${minutes} min ${rest} s` : `${minutes} min`
}
