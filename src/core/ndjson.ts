/**
 * Line reader over a streamed HTTP body (NDJSON): lines may be split across chunks and a
 * multi-byte character across chunk boundaries; the last line needs no trailing newline.
 */

export async function* readLines(
  body: AsyncIterable<Uint8Array> | ReadableStream<Uint8Array>
): AsyncGenerator<string> {
  const decoder = new TextDecoder()
  let pending = ''
  for await (const chunk of body as AsyncIterable<Uint8Array>) {
    pending += decoder.decode(chunk, { stream: true })
    let newline: number
    while ((newline = pending.indexOf('\n')) !== -1) {
      yield stripCarriageReturn(pending.slice(0, newline))
      pending = pending.slice(newline + 1)
    }
  }
  pending += decoder.decode()
  if (pending !== '') yield stripCarriageReturn(pending)
}

/** Parses every non-blank line as JSON; a line that is not JSON is an error naming it. */
export async function* readNdjson<T = unknown>(
  body: AsyncIterable<Uint8Array> | ReadableStream<Uint8Array>
): AsyncGenerator<T> {
  for await (const line of readLines(body)) {
    if (line.trim() === '') continue
    try {
      yield JSON.parse(line) as T
    } catch {
      throw new SyntaxError(`Malformed NDJSON line: ${line.slice(0, 200)}`)
    }
  }
}

function stripCarriageReturn(line: string): string {
  return line.endsWith('\r') ? line.slice(0, -1) : line
}
