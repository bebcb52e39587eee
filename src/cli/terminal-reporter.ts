import type { Annotation, Reporter } from '../core/deploy/reporter.js'
import { SecretSet } from '../core/settings/secrets.js'
import { formatDuration } from '../core/text/units.js'
import { fenceWorkflowCommands, printableText } from '../core/text/workflow-commands.js'

export interface Output {
  write(text: string): unknown
}

export interface TerminalReporterOptions {
  out: Output
  /** Where errors go (default: out); a failure belongs on stderr even when progress does not. */
  err?: Output
  color: boolean
  verbose: boolean
  /** Inside a GitHub Actions step (GITHUB_ACTIONS=true): the output is a runner log. */
  inActions?: boolean
}

const STYLES = {
  bold: [1, 22],
  dim: [2, 22],
  red: [31, 39],
  green: [32, 39],
  yellow: [33, 39],
  cyan: [36, 39]
} as const

export type Style = keyof typeof STYLES

/** Colors only for a terminal, and never when the user opted out (https://no-color.org). */
export function wantsColor(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv): boolean {
  return stream.isTTY === true && !env.NO_COLOR && env.TERM !== 'dumb'
}

/**
 * The deploy core's progress for a person at a terminal: groups become indented sections with
 * their duration, warnings and errors are labelled (with file:line when known), and every
 * masked secret is replaced by *** before anything is written.
 */
export class TerminalReporter implements Reporter {
  private readonly secrets = new SecretSet()
  private depth = 0

  constructor(private readonly options: TerminalReporterOptions) {}

  info(message: string): void {
    this.print(printableText(message))
  }

  debug(message: string): void {
    if (this.options.verbose) this.print(this.paint('dim', printableText(message)))
  }

  warning(message: string, annotation?: Annotation): void {
    this.print(`${this.paint('yellow', 'warning')}${where(annotation)}: ${printableText(message)}`)
  }

  error(message: string, annotation?: Annotation): void {
    const text = `${this.paint('red', 'error')}${where(annotation)}: ${printableText(message)}`
    this.print(text, this.options.err)
  }

  mask(secret: string): void {
    this.secrets.add(secret)
  }

  async group<T>(name: string, fn: () => Promise<T>): Promise<T> {
    this.print(`${this.paint('cyan', '▸')} ${this.paint('bold', printableText(name))}`)
    const started = Date.now()
    this.depth++
    try {
      return await fn()
    } finally {
      this.depth--
      this.print(this.paint('dim', `  done in ${formatDuration(Date.now() - started)}`))
    }
  }

  paint(style: Style, text: string): string {
    if (!this.options.color) return text
    const [open, close] = STYLES[style]
    return `\u001b[${open}m${text}\u001b[${close}m`
  }

  /**
   * Writes lines at the current indentation, secrets masked, control characters neutralised and,
   * in a runner's log, fenced so nothing in them acts as a workflow command.
   */
  print(text: string, out: Output = this.options.out): void {
    const indent = '  '.repeat(this.depth)
    const lines = this.redact(text)
      .split('\n')
      .map(line => (line ? indent + line : line))
    const shown = lines.join('\n')
    const blocks = this.options.inActions ? fenceWorkflowCommands(shown) : [shown]
    out.write(blocks.join('\n') + '\n')
  }

  redact(text: string): string {
    return this.secrets.redact(text)
  }
}

function where(annotation: Annotation | undefined): string {
  if (!annotation?.file) return ''
  const line = annotation.startLine ? `:${annotation.startLine}` : ''
  const column = annotation.startLine && annotation.startColumn ? `:${annotation.startColumn}` : ''
  return ` ${annotation.file}${line}${column}`
}
