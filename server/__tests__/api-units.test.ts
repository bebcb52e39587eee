// Pure pieces of the control plane: domain rules, git blob hashes, flags.
import { describe, expect, it } from '@jest/globals'
import { gitBlobSha1, normalizeAssetPath } from '../api/assets/assets.js'
import { resolveAttachableDomain, validateRegisteredDomain } from '../api/routing/domain-rules.js'
import { parseFlags } from '../api/flags.js'
import { FaultInjector, parseFaultRules } from '../api/faults/faults.js'

describe('domain rules', () => {
  const ctx = {
    projectName: 'shop',
    deploymentId: 'abc123def456',
    suffix: 'deploy.localhost',
    registered: ['*.example.net', 'exact.test']
  }

  it('resolves placeholders and applies the suffix and registration rules', () => {
    expect(resolveAttachableDomain('{project.name}.deploy.localhost', ctx)).toBe(
      'shop.deploy.localhost'
    )
    expect(resolveAttachableDomain('{project.name}-{deployment.id}.deploy.localhost', ctx)).toBe(
      'shop-abc123def456.deploy.localhost'
    )
    expect(resolveAttachableDomain('shop.deploy.localhost', ctx)).toBe('shop.deploy.localhost')
    expect(resolveAttachableDomain('my-{project.name}-{deployment.id}.example.net', ctx)).toBe(
      'my-shop-abc123def456.example.net'
    )
    expect(resolveAttachableDomain('EXACT.test', ctx)).toBe('exact.test')
    for (const bad of [
      'foo.deploy.localhost',
      'my-{project.name}.deploy.localhost',
      '{deployment.id}.deploy.localhost',
      'foo.bar.example.net',
      '{project.id}.example.net',
      'other.test'
    ]) {
      expect(() => resolveAttachableDomain(bad, ctx)).toThrow(
        expect.objectContaining({ code: 'domainNotAllowed' })
      )
    }
  })

  it('validates registrations', () => {
    expect(validateRegisteredDomain('*.Example.com', 'deploy.localhost')).toBe('*.example.com')
    expect(() => validateRegisteredDomain('not a domain', 'deploy.localhost')).toThrow(
      /not a valid host name/
    )
    expect(() => validateRegisteredDomain('x.deploy.localhost', 'deploy.localhost')).toThrow(
      /suffix/
    )
  })
})

describe('assets', () => {
  it('hashes like git hash-object', () => {
    expect(gitBlobSha1(Buffer.from('a\n'))).toBe('78981922613b2afb6025042ff6bd878ac1994e85')
  })

  it('normalizes ./ and rejects escaping paths', () => {
    expect(normalizeAssetPath('./src/main.ts', 'path')).toBe('src/main.ts')
    for (const bad of ['', '../a', 'a/../b', '/abs', 'C:/x', 'a\\b', 'a//b', 'a/./b', 'a/']) {
      expect(() => normalizeAssetPath(bad, 'path')).toThrow()
    }
  })
})

describe('faults', () => {
  it('matches globs and spends counts', () => {
    const faults = new FaultInjector()
    faults.add(
      parseFaultRules(
        [{ method: 'post', path: '/v1/projects/*/deployments', times: 2, fault: 'reset' }],
        'rules'
      )
    )
    expect(faults.take('POST', '/v1/projects/p1/deployments')?.fault).toBe('reset')
    expect(faults.take('GET', '/v1/projects/p1/deployments')).toBeUndefined()
    expect(faults.take('POST', '/v1/projects/p1/x/deployments')).toBeUndefined()
    expect(faults.take('POST', '/v1/projects/p2/deployments')?.fault).toBe('reset')
    expect(faults.take('POST', '/v1/projects/p3/deployments')).toBeUndefined()
    expect(faults.list()[0]).toMatchObject({ remaining: 0, hits: 2 })
  })
})

describe('flags', () => {
  it('parses flags and names the bad one', () => {
    const flags = parseFlags([
      '--port',
      '0',
      '--data-dir=/tmp/x',
      '--idle-timeout',
      '500',
      '--domain-suffix',
      'apps.localhost'
    ])
    expect(flags).toMatchObject({
      port: 0,
      dataDir: '/tmp/x',
      idleTimeoutMs: 500,
      domainSuffix: 'apps.localhost',
      maxProcesses: 8
    })
    expect(() => parseFlags(['--port', 'abc'])).toThrow(/--port/)
    expect(() => parseFlags(['--bogus'])).toThrow(/--bogus/)
  })
})
