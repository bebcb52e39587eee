/**
 * The Actions runner's reading of a step's output, after actions/runner
 * (src/Runner.Worker/ActionCommandManager.cs and ActionCommand.cs): every line is offered to
 * the command parser; `::name props::data` counts when it starts the line after leading
 * whitespace, the legacy `##[name props]data` anywhere in the line, and only for registered
 * command names. `::stop-commands::<token>` turns processing off until a line `::<token>::`.
 * Lines are split as .NET's ReadLine does (\n, \r and \r\n).
 */
export interface WorkflowCommand {
  name: string
  properties: Record<string, string>
  data: string
  /** The raw line it came from. */
  line: string
}

const REGISTERED = new Set([
  'add-mask',
  'add-matcher',
  'add-path',
  'debug',
  'echo',
  'endgroup',
  'error',
  'group',
  'notice',
  'remove-matcher',
  'save-state',
  'set-env',
  'set-output',
  'stop-commands',
  'warning'
])

/** One line of a step's stdout as the runner reads it: a command it executes, or text it shows. */
export type RunnerLine = { command: WorkflowCommand } | { text: string }

/** Every line of `stdout`, in order, each read as the runner reads it. */
export function readRunnerLines(stdout: string): RunnerLine[] {
  const lines: RunnerLine[] = []
  let stopToken: string | null = null
  for (const line of stdout.split(/\r\n|\r|\n/)) {
    const command: WorkflowCommand | null = parseV2(line, stopToken) ?? parseLegacy(line, stopToken)
    if (!command) {
      lines.push({ text: line })
    } else if (stopToken !== null) {
      // While stopped, only the resume token is a command; everything else is shown as is.
      if (command.name.toLowerCase() === stopToken.toLowerCase()) stopToken = null
      else lines.push({ text: line })
    } else if (command.name === 'stop-commands') {
      stopToken = command.data
    } else {
      lines.push({ command })
    }
  }
  return lines
}

/** Every command the runner would execute for `stdout`, in order. */
export function parseWorkflowCommands(stdout: string): WorkflowCommand[] {
  return readRunnerLines(stdout).flatMap(line => ('command' in line ? [line.command] : []))
}

function known(name: string, stopToken: string | null): boolean {
  return REGISTERED.has(name.toLowerCase()) || (stopToken !== null && name === stopToken)
}

function parseV2(raw: string, stopToken: string | null): WorkflowCommand | null {
  const line = raw.trimStart()
  if (!line.startsWith('::')) return null
  const end = line.indexOf('::', 2)
  if (end < 0) return null
  const info = line.slice(2, end)
  const space = info.indexOf(' ')
  const name = space < 0 ? info : info.slice(0, space)
  if (!known(name, stopToken)) return null
  const properties: Record<string, string> = {}
  if (space > 0) {
    for (const pair of info
      .slice(space + 1)
      .trim()
      .split(',')
      .filter(Boolean)) {
      const eq = pair.indexOf('=')
      if (eq > 0 && eq < pair.length - 1)
        properties[pair.slice(0, eq)] = unescapeProperty(pair.slice(eq + 1))
    }
  }
  return { name, properties, data: unescapeData(line.slice(end + 2)), line: raw }
}

function parseLegacy(line: string, stopToken: string | null): WorkflowCommand | null {
  const start = line.indexOf('##[')
  if (start < 0) return null
  const close = line.indexOf(']', start)
  if (close < 0) return null
  const info = line.slice(start + 3, close)
  const space = info.indexOf(' ')
  const name = space < 0 ? info : info.slice(0, space)
  if (!known(name, stopToken)) return null
  return { name, properties: {}, data: line.slice(close + 1), line }
}

function unescapeData(text: string): string {
  return text.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%25/g, '%')
}

function unescapeProperty(text: string): string {
  return text
    .replace(/%0D/g, '\r')
    .replace(/%0A/g, '\n')
    .replace(/%3A/g, ':')
    .replace(/%2C/g, ',')
    .replace(/%25/g, '%')
}
