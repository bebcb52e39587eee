import type { Readable } from 'node:stream'

// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;?]*[ -/]*[@-~]|\u001b\][^\u0007]*\u0007/g

export function stripAnsi(text: string): string {
  return text.replace(ANSI, '')
}

/** Calls `onLine` for every complete line of `stream` (and the unterminated tail at its end). */
export function forEachLine(stream: Readable, onLine: (line: string) => void): Promise<void> {
  return new Promise(resolve => {
    let pending = ''
    stream.setEncoding('utf8')
    stream.on('data', (chunk: string) => {
      pending += chunk
      let newline = pending.indexOf('\n')
      while (newline !== -1) {
        onLine(pending.slice(0, newline).replace(/\r$/, ''))
        pending = pending.slice(newline + 1)
        newline = pending.indexOf('\n')
      }
    })
    const finish = () => {
      if (pending) onLine(pending)
      pending = ''
      resolve()
    }
    stream.on('end', finish)
    stream.on('error', finish)
  })
}
