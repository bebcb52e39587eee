// Live streams (app logs, build logs, v2 progress) write entries as they happen, at the pace of
// the app or the build, not of the reader. A reader that stops reading would otherwise make the
// server hold everything sent since in its socket buffer: a flooding app then costs the server
// its memory once per open stream. So each stream holds a bounded amount and skips the rest,
// and says so once its reader has caught up.
import type { Writable } from 'node:stream'

/** What a live stream may hold for a reader that is behind before it skips entries. */
export const LIVE_STREAM_LIMIT_BYTES = 1 << 20

export interface LiveWriterOptions<E> {
  /** One entry as it goes on the wire: a JSON line, an SSE frame. */
  encode: (entry: E) => string
  /**
   * The one entry written, in the stream's own shape, in place of the `skipped` entries once
   * the reader has caught up; `latest` is the newest of them (a snapshot stream sends just that).
   */
  catchUp: (skipped: number, latest: E) => E
  limitBytes?: number
}

export interface LiveWriter<E> {
  /** Writes `entry` now, or skips it while the reader is more than the limit behind. */
  write(entry: E): void
  /** Writes the catch-up entry now, if any: the stream ends, and that must be its last word. */
  flush(): void
}

/**
 * Writes a live stream's entries to `out` unless its buffer (`writableLength`, which for an HTTP
 * response includes the socket's) is over the limit. From then on entries are only counted until
 * 'drain' (the buffer emptied), so a reader that stays behind gets whole entries in bursts and
 * one note per gap rather than a note every few entries. Writes never wait: the app, the build
 * and other readers go on at their own pace.
 */
export function liveWriter<E>(out: Writable, options: LiveWriterOptions<E>): LiveWriter<E> {
  const limit = options.limitBytes ?? LIVE_STREAM_LIMIT_BYTES
  let behind: { skipped: number; latest: E } | null = null
  const flush = (): void => {
    if (!behind) return
    const { skipped, latest } = behind
    behind = null
    out.off('drain', flush)
    if (!out.destroyed) out.write(options.encode(options.catchUp(skipped, latest)))
  }
  return {
    write(entry) {
      if (behind) {
        behind.skipped++
        behind.latest = entry
      } else if (out.writableLength > limit) {
        behind = { skipped: 1, latest: entry }
        // The limit is far above any highWaterMark: the last write returned false, so 'drain'
        // will come (unless the reader leaves, which ends the stream anyway).
        out.once('drain', flush)
      } else out.write(options.encode(entry))
    },
    flush
  }
}

/** The message of a log stream's catch-up entry. */
export function skippedLines(count: number, source: 'app' | 'build'): string {
  const lines = count === 1 ? 'log line' : 'log lines'
  return `${count} ${lines} skipped: this stream's reader fell behind the ${source}`
}
