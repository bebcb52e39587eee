import type { Readable } from 'node:stream'

// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;?]*[ -/]*[@-~]|\u001b\][^\u0007]*\u0007/g

export function stripAnsi(text: string): string {
  return text.replace(ANSI, '')
}

/** Longest line kept, in UTF-16 code units; the rest of a longer line is dropped. */
export const MAX_LINE_CHARS = 16 * 1024
/** Appended to a line that was cut, so the reader knows text is missing. */
export const LINE_CUT_MARKER = ` … [line cut at ${MAX_LINE_CHARS / 1024} KiB]`

/**
 * Calls `onLine` for every complete line of `stream` (and the unterminated tail at its end).
 * Linear in the input: each chunk is scanned once and a line is joined once, however long it is
 * or however many chunks it spans; past MAX_LINE_CHARS the rest of the line is dropped unread.
 */
export function forEachLine(stream: Readable, onLine: (line: string) => void): Promise<void> {
  return new Promise(resolve => {
    let parts: string[] = []
    let length = 0
    let cut = false
    const take = (piece: string) => {
      if (cut || !piece) return
      const room = MAX_LINE_CHARS - length
      cut = piece.length > room
      parts.push(cut ? piece.slice(0, room) : piece)
      length += Math.min(piece.length, room)
    }
    const emit = () => {
      const line = parts.join('').replace(/\r$/, '')
      const wasCut = cut
      parts = []
      length = 0
      cut = false
      onLine(wasCut ? line + LINE_CUT_MARKER : line)
    }
    stream.setEncoding('utf8')
    stream.on('data', (chunk: string) => {
      let from = 0
      for (let newline = chunk.indexOf('\n'); newline !== -1; newline = chunk.indexOf('\n', from)) {
        take(chunk.slice(from, newline))
        emit()
        from = newline + 1
      }
      take(chunk.slice(from))
    })
    const finish = () => {
      if (parts.length) emit()
      resolve()
    }
    stream.on('end', finish)
    stream.on('error', finish)
  })
}
