import { describe, expect, it } from '@jest/globals'
import { SecretSet } from '../src/core/settings/secrets.js'

describe('SecretSet', () => {
  it('redacts every registered value, longest first', () => {
    const secrets = new SecretSet()
    secrets.add('token-1234')
    secrets.add('token-1234-extended')
    expect(secrets.redact('a token-1234-extended b token-1234 c')).toBe('a *** b *** c')
  })

  it('registers each long enough line of a multiline value, once', () => {
    const secrets = new SecretSet()
    expect(secrets.add('-----BEGIN KEY-----\nabcdefgh\n}\n')).toEqual([
      '-----BEGIN KEY-----\nabcdefgh\n}\n',
      '-----BEGIN KEY-----',
      'abcdefgh'
    ])
    expect(secrets.add('abcdefgh')).toEqual([])
    expect(secrets.redact('line abcdefgh and } stay')).toBe('line *** and } stay')
  })

  it('leaves values shorter than four characters in place instead of garbling the text', () => {
    const secrets = new SecretSet()
    expect(secrets.add('x')).toEqual(['x'])
    expect(secrets.redact('examples/hello')).toBe('examples/hello')
    expect(secrets.add('   ')).toEqual([])
  })
})
