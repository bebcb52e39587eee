/**
 * The action's stdout as the Actions UI shows it: workflow commands (`::group::`, `::error::`,
 * `::add-mask::` ...) are consumed by the runner, so they are rendered or dropped here.
 */
export function renderRunnerLog(stdout: string): string[] {
  const lines: string[] = []
  let depth = 0
  for (const line of stdout.split('\n')) {
    const command = /^::([a-z-]+)(?: [^:]*)?::(.*)$/.exec(line)
    if (!command) {
      if (line !== '') lines.push('  '.repeat(depth) + line)
      continue
    }
    const [, name, message] = command
    if (name === 'group') {
      lines.push('  '.repeat(depth) + `▸ ${message}`)
      depth = 1
    } else if (name === 'endgroup') {
      depth = 0
    } else if (name === 'error' || name === 'warning' || name === 'notice') {
      lines.push('  '.repeat(depth) + `${name}: ${decode(message)}`)
    } else if (name === 'debug') {
      continue
    }
    // add-mask, set-output and the other file-less commands never reach the visible log.
  }
  return lines
}

/** Workflow command data escapes %, CR and LF. */
function decode(text: string): string {
  return text.replace(/%0A/g, '\n').replace(/%0D/g, '\r').replace(/%25/g, '%')
}
