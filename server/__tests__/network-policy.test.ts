import { describe, it, expect } from '@jest/globals'
import { embedsIPv4, netFlags } from '../runtime/network-policy.js'

describe('network policy', () => {
  it('tells IPv6 forms of IPv4 addresses from other IPv6 addresses', () => {
    for (const host of ['::ffff:127.0.0.1', '::ffff:7f00:1', '::7f00:1', '::ffff:0:7f00:1'])
      expect({ host, embeds: embedsIPv4(host) }).toEqual({ host, embeds: true })
    for (const host of ['::1', '::', 'fd00:ec2::254', '2001:db8::1', '127.0.0.1', 'example.com'])
      expect({ host, embeds: embedsIPv4(host) }).toEqual({ host, embeds: false })
  })

  it('never honours such an entry, even in a record stored before the API refused them', () => {
    const [allow, deny] = netFlags(
      ['[::ffff:127.0.0.1]:8420', 'example.com:443'],
      ['/s/http.sock'],
      [8420]
    )
    expect(allow).toBe('--allow-net=unix:/s/http.sock,example.com:443')
    expect(deny).toContain('127.0.0.0/8')
    const [onlyMapped] = netFlags(['[::ffff:7f00:1]'], ['/s/http.sock'], [8420])
    expect(onlyMapped).toBe('--allow-net=unix:/s/http.sock')
  })
})
