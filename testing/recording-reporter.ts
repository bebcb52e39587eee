import type { Reporter } from '../src/core/deploy/reporter.js'

/** A Reporter that keeps every line (warnings, errors and group names prefixed) for assertions. */
export function recordingReporter(onInfo?: (line: string) => void): Reporter & { lines: string[] } {
  const lines: string[] = []
  const record = (line: string): void => {
    lines.push(line)
    onInfo?.(line)
  }
  return {
    lines,
    info: record,
    debug: () => {},
    warning: line => record(`warning: ${line}`),
    error: line => record(`error: ${line}`),
    mask: () => {},
    group: async (name, fn) => {
      record(`group: ${name}`)
      return fn()
    }
  }
}
