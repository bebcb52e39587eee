/**
 * Line reader over a streamed HTTP body (NDJSON): lines may be split across chunks and a
 * multi-byte character across chunk boundaries; the last line needs no trailing newline.
 */

/** Longer than any log line or snapshot; a longer one means a broken (or hostile) stream. */
export const MAX_LINE_CHARS = 1024 * 1024

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
    if (pending.length > MAX_LINE_CHARS)
      throw new SyntaxError(`A stream line is longer than ${MAX_LINE_CHARS} characters`)
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

/**
 * The JSON objects of a stream that is either JSON Lines or server-sent events (`data:` lines,
 * events split by a blank line, several `data:` lines joined by a newline; `event:`, `id:` and
 * comments ignored), by the response's content type.
 */
export async function* readJsonStream<T = unknown>(
  body: AsyncIterable<Uint8Array> | ReadableStream<Uint8Array>,
  contentType: string | null
): AsyncGenerator<T> {
  if (!/^text\/event-stream\b/i.test(contentType ?? '')) {
    yield* readNdjson<T>(body)
    return
  }
  let data: string[] = []
  const flush = function* (): Generator<T> {
    const text = data.join('\n')
    data = []
    if (text.trim() === '') return
    try {
      yield JSON.parse(text) as T
    } catch {
      throw new SyntaxError(`Malformed event data: ${text.slice(0, 200)}`)
    }
  }
  for await (const line of readLines(body)) {
    if (line === '') yield* flush()
    else if (line.startsWith('data:')) data.push(line.slice(line.startsWith('data: ') ? 6 : 5))
  }
  yield* flush()
}
