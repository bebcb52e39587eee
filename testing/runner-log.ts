import { readRunnerLines } from './workflow-commands.js'

/**
 * The action's stdout as the Actions UI shows it: the runner consumes workflow commands
 * (read by ./workflow-commands.ts), so groups become headings, annotations one line each, and
 * `::add-mask::`, `::debug::` and the other commands disappear.
 */
export function renderRunnerLog(stdout: string): string[] {
  const shown: string[] = []
  let depth = 0
  for (const line of readRunnerLines(stdout)) {
    if ('text' in line) {
      if (line.text !== '') shown.push('  '.repeat(depth) + line.text)
      continue
    }
    const { name, data } = line.command
    if (name === 'group') {
      shown.push('  '.repeat(depth) + `▸ ${data}`)
      depth = 1
    } else if (name === 'endgroup') {
      depth = 0
    } else if (name === 'error' || name === 'warning' || name === 'notice') {
      shown.push('  '.repeat(depth) + `${name}: ${data}`)
    }
  }
  return shown
}
