// A JSON parser that reads a byte stream (a request body of up to 1.5 GB) without holding it.
// Chosen string values (asset contents) are handed to a sink as they arrive instead of being
// built, so memory stays at one socket chunk plus the sink's buffer, whatever the body size.

const QUOTE = 0x22
const BACKSLASH = 0x5c
const SIMPLE_ESCAPES: Record<number, number> = {
  0x22: 0x22,
  0x5c: 0x5c,
  0x2f: 0x2f,
  0x62: 0x08,
  0x66: 0x0c,
  0x6e: 0x0a,
  0x72: 0x0d,
  0x74: 0x09
}
/** Deeper nesting is refused rather than risking the stack on hostile input. */
const MAX_DEPTH = 256

/** Receives a string value's UTF-8 bytes (escapes already decoded) as they arrive. */
export interface StringSink {
  /** May return a promise when the sink wants the parser to wait (backpressure). */
  write(bytes: Buffer): void | Promise<void>
  /** The value the parsed document holds in place of the string. */
  end(): Promise<unknown>
  /** The body broke off or was invalid: release what the sink holds. */
  abort(): Promise<void>
}

/**
 * Asked before each string value: `path` is the chain of keys from the root (array indexes as
 * strings) and `parent` the object being filled, with the keys seen so far.
 */
export type SinkChooser = (path: readonly string[], parent: object) => StringSink | null

/** Parses `source`; an empty body is `undefined`. Syntax errors are SyntaxErrors. */
export async function parseJsonStream(
  source: AsyncIterable<Uint8Array>,
  chooseSink: SinkChooser = () => null
): Promise<unknown> {
  const chunks = source[Symbol.asyncIterator]()
  const reader = new ByteReader(chunks)
  try {
    if ((await reader.peekNonSpace()) === -1) return undefined
    const value = await new Parser(reader, chooseSink).value([], null, 0)
    if ((await reader.peekNonSpace()) !== -1) reader.fail('Unexpected data after JSON')
    return value
  } finally {
    // Stopped early (bad JSON): let the source release the stream, e.g. for the rest to drain.
    await chunks.return?.()
  }
}

class ByteReader {
  buf: Buffer = Buffer.alloc(0)
  pos = 0
  /** Bytes before `buf`, for error positions. */
  private consumed = 0
  private ended = false

  constructor(private readonly chunks: AsyncIterator<Uint8Array>) {}

  fail(what: string): never {
    throw new SyntaxError(`${what} at byte ${this.consumed + this.pos}`)
  }

  /** Replaces the exhausted buffer with the next chunk; false at the end of the body. */
  async fill(): Promise<boolean> {
    while (this.pos >= this.buf.length) {
      if (this.ended) return false
      const next = await this.chunks.next()
      if (next.done) {
        this.ended = true
        return false
      }
      this.consumed += this.buf.length
      this.buf = Buffer.from(next.value.buffer, next.value.byteOffset, next.value.byteLength)
      this.pos = 0
    }
    return true
  }

  /** Makes at least `n` bytes available from `pos` (fewer only at the end of the body). */
  async need(n: number): Promise<void> {
    while (this.buf.length - this.pos < n && !this.ended) {
      const rest = this.buf.subarray(this.pos)
      const next = await this.chunks.next()
      if (next.done) {
        this.ended = true
        return
      }
      this.consumed += this.pos
      this.buf = Buffer.concat([rest, next.value])
      this.pos = 0
    }
  }

  /** The next byte that is not JSON whitespace, not consumed; -1 at the end. */
  async peekNonSpace(): Promise<number> {
    for (;;) {
      const { buf } = this
      while (this.pos < buf.length) {
        const c = buf[this.pos]
        if (c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09) return c
        this.pos++
      }
      if (!(await this.fill())) return -1
    }
  }
}

class Parser {
  constructor(
    private readonly r: ByteReader,
    private readonly chooseSink: SinkChooser
  ) {}

  async value(path: string[], parent: object | null, depth: number): Promise<unknown> {
    if (depth > MAX_DEPTH) this.r.fail('Nesting too deep')
    const c = await this.r.peekNonSpace()
    if (c === QUOTE) {
      const sink = parent === null ? null : this.chooseSink(path, parent)
      return sink ? this.streamedString(sink) : this.string()
    }
    if (c === 0x7b) return this.object(path, depth)
    if (c === 0x5b) return this.array(path, depth)
    if (c === 0x74) return this.word('true', true)
    if (c === 0x66) return this.word('false', false)
    if (c === 0x6e) return this.word('null', null)
    if (c === 0x2d || (c >= 0x30 && c <= 0x39)) return this.number()
    return this.r.fail(c === -1 ? 'Unexpected end of JSON input' : 'Unexpected token')
  }

  private async object(path: string[], depth: number): Promise<Record<string, unknown>> {
    const r = this.r
    r.pos++
    const obj: Record<string, unknown> = {}
    if ((await r.peekNonSpace()) === 0x7d) {
      r.pos++
      return obj
    }
    for (;;) {
      if ((await r.peekNonSpace()) !== QUOTE) r.fail('Expected a property name')
      const key = await this.string()
      if ((await r.peekNonSpace()) !== 0x3a) r.fail("Expected ':'")
      r.pos++
      // defineProperty: a "__proto__" key is data, as with JSON.parse.
      Object.defineProperty(obj, key, {
        value: await this.value([...path, key], obj, depth + 1),
        enumerable: true,
        writable: true,
        configurable: true
      })
      const next = await r.peekNonSpace()
      r.pos++
      if (next === 0x2c) continue
      if (next === 0x7d) return obj
      r.pos--
      r.fail("Expected ',' or '}'")
    }
  }

  private async array(path: string[], depth: number): Promise<unknown[]> {
    const r = this.r
    r.pos++
    const arr: unknown[] = []
    if ((await r.peekNonSpace()) === 0x5d) {
      r.pos++
      return arr
    }
    for (;;) {
      arr.push(await this.value([...path, String(arr.length)], arr, depth + 1))
      const next = await r.peekNonSpace()
      r.pos++
      if (next === 0x2c) continue
      if (next === 0x5d) return arr
      r.pos--
      r.fail("Expected ',' or ']'")
    }
  }

  private async word(word: string, result: unknown): Promise<unknown> {
    await this.r.need(word.length)
    const { buf, pos } = this.r
    if (buf.toString('latin1', pos, pos + word.length) !== word) this.r.fail('Unexpected token')
    this.r.pos += word.length
    return result
  }

  private async number(): Promise<number> {
    const r = this.r
    let text = ''
    for (;;) {
      const start = r.pos
      while (r.pos < r.buf.length && isNumberByte(r.buf[r.pos])) r.pos++
      text += r.buf.toString('latin1', start, r.pos)
      if (r.pos < r.buf.length || !(await r.fill())) break
    }
    if (!/^-?(0|[1-9]\d*)(\.\d+)?([eE][-+]?\d+)?$/.test(text)) r.fail('Bad number')
    return Number(text)
  }

  /** A string built in memory (keys and ordinary values). */
  private async string(): Promise<string> {
    const pieces: Buffer[] = []
    await this.scanString((bytes, raw) => {
      // As JSON.parse: no raw control characters (streamed contents skip this check).
      if (raw && bytes.some(c => c < 0x20)) this.r.fail('Bad control character in string')
      pieces.push(bytes)
    })
    return Buffer.concat(pieces).toString('utf8')
  }

  private async streamedString(sink: StringSink): Promise<unknown> {
    try {
      await this.scanString(bytes => sink.write(bytes))
      return await sink.end()
    } catch (error) {
      await sink.abort()
      throw error
    }
  }

  /**
   * Reads a string literal from its opening quote, handing decoded bytes to `emit`. Runs of
   * plain bytes are found with native searches; the next quote and backslash positions are
   * kept per chunk, so a text with an escape on every line is not rescanned to its end.
   */
  private async scanString(
    emit: (bytes: Buffer, raw: boolean) => void | Promise<void>
  ): Promise<void> {
    const r = this.r
    r.pos++ // opening quote
    let seen: Buffer | null = null
    let quoteAt = 0
    let slashAt = 0
    for (;;) {
      if (r.pos >= r.buf.length && !(await r.fill())) r.fail('Unterminated string')
      const { buf } = r
      if (buf !== seen || quoteAt < r.pos) quoteAt = found(buf.indexOf(QUOTE, r.pos), buf)
      if (buf !== seen || slashAt < r.pos) slashAt = found(buf.indexOf(BACKSLASH, r.pos), buf)
      seen = buf
      const end = Math.min(quoteAt, slashAt)
      if (end > r.pos) {
        // Socket chunks are never reused, so a view is safe to keep.
        const waited = emit(buf.subarray(r.pos, end), true)
        r.pos = end
        if (waited) await waited
      }
      if (end >= buf.length) continue
      if (end === quoteAt) {
        r.pos++
        return
      }
      if (buf.length - r.pos < 12) await r.need(12)
      const waited = emit(this.escape(), false)
      if (waited) await waited
    }
  }

  /**
   * Decodes the escape at `pos` (a backslash); \u pairs that form a surrogate pair combine.
   * The caller made 12 bytes available (or the body ends sooner).
   */
  private escape(): Buffer {
    const r = this.r
    const code = r.buf[r.pos + 1]
    if (code !== 0x75) {
      const byte = SIMPLE_ESCAPES[code]
      if (byte === undefined) r.fail(code === undefined ? 'Unterminated string' : 'Bad escape')
      r.pos += 2
      return ESCAPED_BYTES[byte]
    }
    const first = this.unicodeUnit()
    if (
      first >= 0xd800 &&
      first <= 0xdbff &&
      r.buf[r.pos] === BACKSLASH &&
      r.buf[r.pos + 1] === 0x75
    ) {
      const at = r.pos
      const second = this.unicodeUnit()
      if (second >= 0xdc00 && second <= 0xdfff)
        return Buffer.from(String.fromCharCode(first, second), 'utf8')
      r.pos = at // not a low surrogate: it is decoded on its own next
    }
    return Buffer.from(String.fromCharCode(first), 'utf8')
  }

  private unicodeUnit(): number {
    const r = this.r
    const hex = r.buf.toString('latin1', r.pos + 2, r.pos + 6)
    if (!/^[0-9a-fA-F]{4}$/.test(hex)) r.fail('Bad unicode escape')
    r.pos += 6
    return parseInt(hex, 16)
  }
}

/** One shared buffer per single-byte escape: text escapes a newline on every line. */
const ESCAPED_BYTES: Record<number, Buffer> = Object.fromEntries(
  Object.values(SIMPLE_ESCAPES).map(byte => [byte, Buffer.from([byte])])
)

function found(index: number, buf: Buffer): number {
  return index === -1 ? buf.length : index
}

function isNumberByte(c: number): boolean {
  return (
    (c >= 0x30 && c <= 0x39) || c === 0x2d || c === 0x2b || c === 0x2e || c === 0x65 || c === 0x45
  )
}
