/**
 * deploy() end to end against the real local server with real Deno, including the server's
 * fault injection: every API call failing transiently still ends in exactly one deployment.
 */
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals'
import { SubhostingClient } from '../src/core/platform/v1/client.js'
import { ApiError } from '../src/core/http/api-errors.js'
import { CancelledError, DeployTimeoutError } from '../src/core/deploy/outcome-errors.js'
import { deploy } from '../src/core/deploy/deploy.js'
import type { DeploySettings } from '../src/core/settings/settings.js'
import { helloSettings, type SettingsOverrides } from '../testing/deploy-settings.js'
import { recordingReporter } from '../testing/recording-reporter.js'
import { startLocalServer, type FaultRule, type LocalServer } from '../server/testing/harness.js'

// Real Deno builds on a shared 2-core machine can be slow; the deploy timeouts stay below this.
jest.setTimeout(300_000)

let server: LocalServer

beforeAll(async () => {
  server = await startLocalServer()
})

afterAll(async () => {
  await server?.stop()
})

function settings(projectId: string, overrides: SettingsOverrides = {}): DeploySettings {
  const target = {
    token: server.token,
    projectId,
    apiUrl: server.apiUrl,
    apiVersion: 'v1'
  } as const
  return helloSettings(target, overrides)
}

/** Hits per rule as the server counted them (GET /_admin/faults). */
async function faultHits(): Promise<
  { method?: string; path: string; hits: number; times: number }[]
> {
  const res = await fetch(`${server.origin}/_admin/faults`, {
    headers: { authorization: `Bearer ${server.token}` }
  })
  return (
    (await res.json()) as {
      rules: { method?: string; path: string; hits: number; times: number }[]
    }
  ).rules
}

async function deploymentsOf(projectId: string) {
  const client = new SubhostingClient({
    apiUrl: server.apiUrl,
    token: server.token,
    deadline: Date.now() + 30_000
  })
  return client.listDeployments(projectId)
}

describe('deploy()', () => {
  it('deploys hello, reports the result and the URL serves it', async () => {
    const project = await server.createProject()
    const reporter = recordingReporter()
    const result = await deploy(settings(project.id), reporter, { commit: 'abc1234' })
    expect(result).toMatchObject({
      projectId: project.id,
      status: 'success',
      commit: 'abc1234',
      fileCount: 1,
      filesUploaded: 1,
      dryRun: false
    })
    expect(result.description).toMatch(/^core test \[deploy [0-9a-f]{8}\]$/)
    // On the wire: the hashes-only request and the JSON around the content count too.
    expect(result.bytesUploaded).toBeGreaterThan(result.totalBytes)
    expect(result.digest).toMatch(/^[0-9a-f]{40}$/)
    expect(result.buildMs).toBeGreaterThan(0)
    expect(result.totalMs).toBeGreaterThanOrEqual(result.buildMs!)
    const domain = result.domains[0]
    expect(result.url).toBe(`http://${domain}:${server.port}/`)
    expect((await server.fetchHost(domain, '/')).text()).toBe('Hello from Subhosting Deploy!\n')
    expect((await server.fetchHost(domain, '/env')).text()).toBe('hi-secret-value')
    const listed = await deploymentsOf(project.id)
    expect(listed.map(d => d.id)).toEqual([result.deploymentId])
    expect(listed[0].description).toBe(result.description)
    expect(reporter.lines.join('\n')).not.toContain('hi-secret-value')
    expect(reporter.lines.join('\n')).not.toContain(server.token)
  })

  it('with wait=false returns the pending deployment at once', async () => {
    const project = await server.createProject()
    const created: { id: string; projectId: string }[] = []
    const reporter = recordingReporter()
    const result = await deploy(settings(project.id, { wait: false }), reporter, {
      // A failing hook (e.g. GitHub down) must not fail a deployment that exists.
      onCreated: deployment => {
        created.push(deployment)
        throw new Error('recorder unavailable')
      }
    })
    expect(result).toMatchObject({ status: 'pending', url: null, buildMs: null })
    expect(result.deploymentId).toMatch(/^[a-z0-9]{12}$/)
    expect(created).toEqual([{ id: result.deploymentId, projectId: project.id }])
    expect(reporter.lines).toContain(
      `warning: Recording deployment ${result.deploymentId} failed (the deploy goes on): recorder unavailable`
    )
  })

  it('a dry run prints manifest and request without secrets and calls no API', async () => {
    const reporter = recordingReporter()
    const result = await deploy(
      settings('00000000-0000-4000-8000-000000000000', {
        dryRun: true,
        apiUrl: 'http://127.0.0.1:9/v1' // the discard port: any call would fail
      }),
      reporter
    )
    expect(result).toMatchObject({ dryRun: true, status: 'dry-run', deploymentId: null })
    const output = reporter.lines.join('\n')
    expect(output).toContain('main.ts')
    expect(output).toContain('"entryPointUrl": "main.ts"')
    expect(output).not.toContain('hi-secret-value')
    expect(output).not.toContain(server.token)
  })

  it('a bad token fails before anything is uploaded', async () => {
    const project = await server.createProject()
    const error = (await deploy(
      settings(project.id, { token: 'ddo_wrong' }),
      recordingReporter()
    ).catch(e => e)) as ApiError
    expect(error).toBeInstanceOf(ApiError)
    expect(error.status).toBe(401)
    expect(error.message).toContain('`token` input')
    expect(error.message).not.toContain('ddo_wrong')
    expect(await deploymentsOf(project.id)).toEqual([])
  })

  it('an unknown project names the project input', async () => {
    const error = (await deploy(
      settings('2f0e0c1a-5b5e-4c8e-9a53-0d6b1b3f8a11'),
      recordingReporter()
    ).catch(e => e)) as ApiError
    expect(error.code).toBe('projectNotFound')
    expect(error.message).toContain('`project` input')
  })

  it('times out with the documented message', async () => {
    const project = await server.createProject()
    await server.injectFaults([
      { method: 'GET', path: '/v1/deployments/**', times: 100, fault: 'delay', delayMs: 10_000 }
    ])
    try {
      const error = (await deploy(
        settings(project.id, { timeoutMs: 3000 }),
        recordingReporter()
      ).catch(e => e)) as DeployTimeoutError
      expect(error).toBeInstanceOf(DeployTimeoutError)
      const [deployment] = await deploymentsOf(project.id)
      expect(error.deploymentId).toBe(deployment.id)
      expect(error.message).toMatch(
        new RegExp(`^Timed out after 3 s waiting for deployment ${deployment.id}; last state: \\S`)
      )
    } finally {
      await server.clearFaults()
    }
  })

  it('cancels on abort, naming the deployment', async () => {
    const project = await server.createProject()
    const controller = new AbortController()
    // onCreated runs before the wait, so aborting there cancels the wait for this deployment.
    const error = (await deploy(settings(project.id), recordingReporter(), {
      signal: controller.signal,
      onCreated: () => controller.abort()
    }).catch(e => e)) as CancelledError
    expect(error).toBeInstanceOf(CancelledError)
    const [deployment] = await deploymentsOf(project.id)
    expect(error.deploymentId).toBe(deployment.id)
    expect(error.message).toContain(`Cancelled while waiting for deployment ${deployment.id}`)
  })
})

describe('the client against the local server', () => {
  it('gets the organization, redeploys, attaches/detaches a domain and deletes', async () => {
    const project = await server.createProject()
    const first = await deploy(settings(project.id), recordingReporter())
    const client = new SubhostingClient({
      apiUrl: server.apiUrl,
      token: server.token,
      deadline: Date.now() + 120_000
    })
    expect((await client.getOrganization(server.organizationId)).id).toBe(server.organizationId)

    const attached = await client.attachDomain(
      first.deploymentId!,
      '{project.name}.deploy.localhost'
    )
    expect(attached.domain).toBe(`${project.name}.deploy.localhost`)
    expect((await server.fetchHost(attached.domain, '/')).status).toBe(200)
    await client.detachDomain(first.deploymentId!, attached.domain)
    expect((await client.getDeployment(first.deploymentId!)).domains).not.toContain(attached.domain)

    const second = await client.redeploy(first.deploymentId!, { envVars: { GREETING: 'changed' } })
    expect(second.id).not.toBe(first.deploymentId)
    await client.deleteDeployment(second.id)
    const gone = (await client.getDeployment(second.id).catch(e => e)) as ApiError
    expect(gone.code).toBe('deploymentNotFound')
    expect((await deploymentsOf(project.id)).map(d => d.id)).toEqual([first.deploymentId])
  })
})

/** The same fault on every API call the action makes. */
function everywhere(fault: Omit<FaultRule, 'path' | 'method'>): FaultRule[] {
  return [
    { method: 'GET', path: '/v1/projects/*', ...fault },
    { method: 'POST', path: '/v1/projects/*/deployments', ...fault },
    { method: 'GET', path: '/v1/projects/*/deployments', ...fault },
    { method: 'GET', path: '/v1/deployments/*/build_logs', ...fault },
    { method: 'GET', path: '/v1/deployments/*', ...fault }
  ]
}

describe('transient failures of every API call still give exactly one deployment', () => {
  const cases: [string, FaultRule[]][] = [
    ['500 once', everywhere({ times: 1, fault: 'status', status: 500 })],
    ['502 twice', everywhere({ times: 2, fault: 'status', status: 502 })],
    [
      '503 twice with Retry-After',
      everywhere({ times: 2, fault: 'status', status: 503, retryAfter: 1 })
    ],
    [
      '429 once with Retry-After',
      everywhere({ times: 1, fault: 'status', status: 429, retryAfter: 1 })
    ],
    [
      '429 twice with Retry-After',
      everywhere({ times: 2, fault: 'status', status: 429, retryAfter: 1 })
    ],
    ['reset twice', everywhere({ times: 2, fault: 'reset' })]
  ]

  it.each(cases)('%s', async (_name, rules) => {
    const project = await server.createProject()
    await server.injectFaults(rules)
    try {
      const result = await deploy(settings(project.id), recordingReporter())
      expect(result.status).toBe('success')
      expect((await server.fetchHost(result.domains[0], '/')).status).toBe(200)
      expect((await deploymentsOf(project.id)).map(d => d.id)).toEqual([result.deploymentId])
      // Every call the action always makes really failed `times` times (the reconciling list
      // only runs after an ambiguous create failure).
      const spent = (await faultHits()).filter(
        r => !(r.method === 'GET' && r.path.endsWith('/deployments'))
      )
      for (const rule of spent)
        expect(`${rule.method} ${rule.path} ${rule.hits}`).toBe(
          `${rule.method} ${rule.path} ${rule.times}`
        )
    } finally {
      await server.clearFaults()
    }
  })

  // The server creates the deployment, then the answer is lost: the client must find and
  // adopt it instead of creating a second one. All contents are known from a first deploy,
  // so the very first create of the second deploy is the one that succeeds on the server.
  const lost: [string, FaultRule[]][] = [
    [
      '500 after processing',
      [
        {
          method: 'POST',
          path: '/v1/projects/*/deployments',
          times: 1,
          fault: 'status',
          status: 500,
          when: 'after'
        }
      ]
    ],
    [
      'reset after processing',
      [
        {
          method: 'POST',
          path: '/v1/projects/*/deployments',
          times: 1,
          fault: 'reset',
          when: 'after'
        }
      ]
    ],
    [
      '503 after processing, then the reconciling list lost once too',
      [
        {
          method: 'POST',
          path: '/v1/projects/*/deployments',
          times: 1,
          fault: 'status',
          status: 503,
          when: 'after'
        },
        {
          method: 'GET',
          path: '/v1/projects/*/deployments',
          times: 1,
          fault: 'status',
          status: 502,
          when: 'after'
        }
      ]
    ]
  ]

  it.each(lost)('create answer lost: %s', async (_name, rules) => {
    const project = await server.createProject()
    const first = await deploy(settings(project.id, { wait: false }), recordingReporter())
    await server.injectFaults(rules)
    try {
      const reporter = recordingReporter()
      const result = await deploy(settings(project.id), reporter)
      expect(result.status).toBe('success')
      expect(result.filesUploaded).toBe(0)
      expect(
        reporter.lines.some(l => l.startsWith(`Recovered deployment ${result.deploymentId}`))
      ).toBe(true)
      for (const rule of await faultHits()) expect(rule.hits).toBe(rule.times)
      const ids = (await deploymentsOf(project.id)).map(d => d.id).sort()
      expect(ids).toEqual([first.deploymentId, result.deploymentId].sort())
    } finally {
      await server.clearFaults()
    }
  })
})
