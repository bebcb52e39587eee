/**
 * How the deploy core talks to whoever runs it. The action implements it with @actions/core
 * (log groups, annotations, masking); the command line implements it for a terminal or --json.
 */
export interface Annotation {
  title?: string
  /** Repository-relative file path, when an error can be pinned to one. */
  file?: string
  startLine?: number
  startColumn?: number
}

export interface Reporter {
  info(message: string): void
  debug(message: string): void
  warning(message: string, annotation?: Annotation): void
  error(message: string, annotation?: Annotation): void
  /** Marks a value as secret so it never appears in logs. */
  mask(secret: string): void
  /** Runs `fn` with its log lines folded under `name` (a collapsible group in Actions). */
  group<T>(name: string, fn: () => Promise<T>): Promise<T>
}
