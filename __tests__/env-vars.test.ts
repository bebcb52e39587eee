import { describe, it, expect } from '@jest/globals'
import { parseEnvVars } from '../src/core/settings/env-vars.js'

const SECRET = 'hunter2-s3cr3t'

describe('parseEnvVars', () => {
  it('reads plain, quoted, exported and commented entries', () => {
    const { vars, problems } = parseEnvVars(
      [
        '# a comment',
        'PLAIN=value',
        '  SPACED = padded  ',
        'export EXPORTED=yes',
        "SINGLE='single $quoted'",
        'DOUBLE="double quoted"',
        'BACKTICK=`back tick`',
        'WITH_COMMENT=kept # dropped',
        'HASH_IN_QUOTES="a # b"',
        'EMPTY=',
        '',
        'EQUALS=a=b=c'
      ].join('\n')
    )
    expect(problems).toEqual([])
    expect(vars).toEqual({
      PLAIN: 'value',
      SPACED: 'padded',
      EXPORTED: 'yes',
      SINGLE: 'single $quoted',
      DOUBLE: 'double quoted',
      BACKTICK: 'back tick',
      WITH_COMMENT: 'kept',
      HASH_IN_QUOTES: 'a # b',
      EMPTY: '',
      EQUALS: 'a=b=c'
    })
  })

  it('expands \\n and \\r only inside double quotes', () => {
    const { vars } = parseEnvVars('DQ="line1\\nline2"\nSQ=\'line1\\nline2\'')
    expect(vars.DQ).toBe('line1\nline2')
    expect(vars.SQ).toBe('line1\\nline2')
  })

  it('reads multiline quoted values and keeps the following entries', () => {
    const text = [
      'KEY="-----BEGIN KEY-----',
      'abc',
      'def',
      '-----END KEY-----"',
      "SQL='select *",
      "from t'",
      'AFTER=1'
    ].join('\n')
    const { vars, problems } = parseEnvVars(text)
    expect(problems).toEqual([])
    expect(vars).toEqual({
      KEY: '-----BEGIN KEY-----\nabc\ndef\n-----END KEY-----',
      SQL: 'select *\nfrom t',
      AFTER: '1'
    })
  })

  it('handles CRLF line endings', () => {
    expect(parseEnvVars('A=1\r\nB="x\r\ny"\r\n').vars).toEqual({ A: '1', B: 'x\ny' })
  })

  it('reports a line without "=" by number, without its content', () => {
    const { problems } = parseEnvVars(`GOOD=1\n${SECRET}\nOTHER=2`)
    expect(problems).toEqual(['line 2 is not NAME=value (no "=" found); write it as NAME=value'])
  })

  it('reports invalid and reserved names with the fix, never the value', () => {
    const { problems, vars } = parseEnvVars(
      [`1BAD=${SECRET}`, `MY-VAR=${SECRET}`, `DENO_REGION=${SECRET}`, `=${SECRET}`].join('\n')
    )
    expect(problems).toEqual([
      'line 1: "1BAD" is not a valid variable name; use letters, digits and _ only, not starting with a digit',
      'line 2: "MY-VAR" is not a valid variable name; use letters, digits and _ only, not starting with a digit',
      'line 3: DENO_REGION is reserved: the platform reserves names starting with DENO_; rename it',
      'line 4: the name before "=" is empty; write it as NAME=value'
    ])
    expect(vars).toEqual({})
    expect(problems.join('\n')).not.toContain(SECRET)
  })

  it('accepts the DENO_ names the platform leaves to users', () => {
    expect(parseEnvVars('DENO_AUTH_TOKENS=a@b.com').vars).toEqual({ DENO_AUTH_TOKENS: 'a@b.com' })
  })

  it('reports an unclosed quote without leaking the value', () => {
    const { problems } = parseEnvVars(`A=1\nB="${SECRET}\nC=3`)
    expect(problems).toEqual([
      'line 2: the value of "B" opens with " but the quote is never closed; close it (values may span lines inside quotes)'
    ])
    expect(problems.join('\n')).not.toContain(SECRET)
  })

  it('reports text after a closing quote', () => {
    const { problems } = parseEnvVars(`A="${SECRET}" trailing`)
    expect(problems).toEqual([
      'line 1: unexpected text after the closing quote of "A"; quote the whole value or start the comment with #'
    ])
    expect(problems.join('\n')).not.toContain(SECRET)
  })

  it('keeps escaped quotes inside double-quoted values', () => {
    expect(parseEnvVars('A="say \\"hi\\""').vars.A).toBe('say \\"hi\\"')
  })

  it('shortens long names in messages', () => {
    const { problems } = parseEnvVars(`${'X'.repeat(50)} Y=1`)
    expect(problems[0]).toContain(`"${'X'.repeat(40)}…"`)
  })

  it('lets a later entry override an earlier one, like dotenv', () => {
    expect(parseEnvVars('A=1\nA=2').vars).toEqual({ A: '2' })
  })
})
