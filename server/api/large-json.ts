// JSON parser over bytes for request bodies beyond V8's string limit (~512 MiB): a deployment may
// carry up to 1 GB of assets. String values longer than BUFFER_STRING_BYTES come back as Buffers
// holding their UTF-8 bytes, so a huge asset never has to become a JS string.

const BUFFER_STRING_BYTES = 1024 * 1024

const QUOTE = 0x22
const BACKSLASH = 0x5c
const ESCAPES: Record<number, string> = {
  0x22: '"',
  0x5c: '\\',
  0x2f: '/',
  0x62: '\b',
  0x66: '\f',
  0x6e: '\n',
  0x72: '\r',
  0x74: '\t'
}

export function parseLargeJson(buf: Buffer): unknown {
  let i = 0

  const fail = (what: string): never => {
    throw new SyntaxError(`${what} at byte ${i}`)
  }

  const skipSpace = (): void => {
    while (i < buf.length) {
      const c = buf[i]
      if (c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09) return
      i++
    }
  }

  const expectWord = (word: string, result: unknown): unknown => {
    if (buf.toString('latin1', i, i + word.length) !== word) fail('Unexpected token')
    i += word.length
    return result
  }

  const parseString = (): string | Buffer => {
    i++ // opening quote
    const pieces: Buffer[] = []
    let size = 0
    for (;;) {
      const quote = buf.indexOf(QUOTE, i)
      if (quote === -1) fail('Unterminated string')
      const slash = buf.subarray(i, quote).indexOf(BACKSLASH)
      if (slash === -1) {
        pieces.push(buf.subarray(i, quote))
        size += quote - i
        i = quote + 1
        break
      }
      const at = i + slash
      pieces.push(buf.subarray(i, at))
      size += at - i
      i = at + 1
      const code = buf[i]
      if (code === 0x75) {
        // Collect consecutive \uXXXX escapes so surrogate pairs combine.
        let units = ''
        while (buf[i - 1] === BACKSLASH && buf[i] === 0x75) {
          const hex = buf.toString('latin1', i + 1, i + 5)
          if (!/^[0-9a-fA-F]{4}$/.test(hex)) fail('Bad unicode escape')
          units += String.fromCharCode(parseInt(hex, 16))
          i += 5
          if (buf[i] === BACKSLASH && buf[i + 1] === 0x75) i++
          else break
        }
        const bytes = Buffer.from(units, 'utf8')
        pieces.push(bytes)
        size += bytes.length
      } else {
        const ch = ESCAPES[code]
        if (ch === undefined) fail('Bad escape')
        const bytes = Buffer.from(ch, 'latin1')
        pieces.push(bytes)
        size += 1
        i++
      }
    }
    const bytes = pieces.length === 1 ? pieces[0] : Buffer.concat(pieces, size)
    // A long value stays a view into the request body instead of a second copy.
    return size > BUFFER_STRING_BYTES ? bytes : bytes.toString('utf8')
  }

  const parseNumber = (): number => {
    const start = i
    while (i < buf.length && /[-+0-9.eE]/.test(String.fromCharCode(buf[i]))) i++
    const text = buf.toString('latin1', start, i)
    if (!/^-?(0|[1-9]\d*)(\.\d+)?([eE][-+]?\d+)?$/.test(text)) fail('Bad number')
    return Number(text)
  }

  const parseValue = (): unknown => {
    skipSpace()
    const c = buf[i]
    if (c === QUOTE) return parseString()
    if (c === 0x7b) return parseObject()
    if (c === 0x5b) return parseArray()
    if (c === 0x74) return expectWord('true', true)
    if (c === 0x66) return expectWord('false', false)
    if (c === 0x6e) return expectWord('null', null)
    if (c === 0x2d || (c >= 0x30 && c <= 0x39)) return parseNumber()
    return fail(i >= buf.length ? 'Unexpected end of JSON input' : 'Unexpected token')
  }

  const parseObject = (): Record<string, unknown> => {
    i++
    const obj: Record<string, unknown> = {}
    skipSpace()
    if (buf[i] === 0x7d) {
      i++
      return obj
    }
    for (;;) {
      skipSpace()
      if (buf[i] !== QUOTE) fail('Expected a property name')
      const key = parseString()
      skipSpace()
      if (buf[i] !== 0x3a) fail("Expected ':'")
      i++
      Object.defineProperty(obj, key.toString(), {
        value: parseValue(),
        enumerable: true,
        writable: true,
        configurable: true
      })
      skipSpace()
      if (buf[i] === 0x2c) {
        i++
        continue
      }
      if (buf[i] === 0x7d) {
        i++
        return obj
      }
      fail("Expected ',' or '}'")
    }
  }

  const parseArray = (): unknown[] => {
    i++
    const arr: unknown[] = []
    skipSpace()
    if (buf[i] === 0x5d) {
      i++
      return arr
    }
    for (;;) {
      arr.push(parseValue())
      skipSpace()
      if (buf[i] === 0x2c) {
        i++
        continue
      }
      if (buf[i] === 0x5d) {
        i++
        return arr
      }
      fail("Expected ',' or ']'")
    }
  }

  const value = parseValue()
  skipSpace()
  if (i !== buf.length) fail('Unexpected data after JSON')
  return value
}
