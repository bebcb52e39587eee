/**
 * Shorter values are never redacted from text we write ourselves, and shorter lines of a
 * multiline secret are not registered on their own: replacing every `c` of an env var `X=c`, or
 * every `}` of a JSON value, would garble the output and protect nothing.
 */
export const MIN_REDACTED_LENGTH = 4

/** The secrets of one run, and how to keep them out of text that nobody else masks. */
export class SecretSet {
  private readonly values = new Set<string>()

  /**
   * Registers a secret and, for a multiline value, each of its lines (logs may print it line by
   * line). Returns the values that were new, for callers that also tell a runner about them.
   */
  add(secret: string): string[] {
    if (secret.trim() === '') return []
    const lines = secret.split(/\r?\n/)
    const fragments =
      lines.length < 2 ? [] : lines.filter(line => line.trim().length >= MIN_REDACTED_LENGTH)
    const added = [secret, ...fragments].filter(value => !this.values.has(value))
    for (const value of added) this.values.add(value)
    return added
  }

  /** Replaces every registered value in `text` with `***`, longest first. */
  redact(text: string): string {
    const values = [...this.values].filter(value => value.length >= MIN_REDACTED_LENGTH)
    let out = text
    for (const value of values.sort((a, b) => b.length - a.length))
      out = out.split(value).join('***')
    return out
  }
}
