/**
 * The action's input layer: every action.yml input reaches parseSettings under its own name,
 * secrets are masked before anything else is logged, and the run context comes from the event.
 * Only @actions/core is replaced (it talks to the runner); parsing and the payloads are real.
 */
import { describe, it, expect, beforeAll, afterAll, beforeEach, jest } from '@jest/globals'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createRequire } from 'node:module'
import { actionYml } from '../testing/action-runner.js'

/** Every call into @actions/core, in order: `mask:<value>`, `debug:<message>`, ... */
const calls: string[] = []
let inputs: Record<string, string> = {}

const log = (kind: string) => (message: unknown) => {
  calls.push(`${kind}:${String(message)}`)
}
jest.unstable_mockModule('@actions/core', () => ({
  // Like the real getInput: unset is '', values are trimmed.
  getInput: jest.fn((name: string) => (inputs[name] ?? '').trim()),
  setSecret: jest.fn(log('mask')),
  debug: jest.fn(log('debug')),
  info: jest.fn(log('info')),
  warning: jest.fn(log('warning')),
  error: jest.fn(log('error')),
  notice: jest.fn(log('notice'))
}))

const { getInputs, getRunContext, readRawInputs } = await import('../src/action/input-helper.js')
const { InputError } = await import('../src/core/settings/input-error.js')
const { DEFAULT_API_URL, DEFAULT_TIMEOUT_MS, INPUT_NAMES } =
  await import('../src/core/settings/inputs.js')
const { parseDuration } = await import('../src/core/settings/value-parsers.js')
const { maskSecret, redactSecrets } = await import('../src/action/actions-reporter.js')

const require = createRequire(import.meta.url)
interface WebhookExample {
  name: string
  examples: Record<string, unknown>[]
}
const webhooks = require('@octokit/webhooks-examples') as WebhookExample[]
const example = (name: string, action?: string): Record<string, unknown> => {
  const examples = webhooks.find(w => w.name === name)!.examples
  return action ? examples.find(e => e.action === action)! : examples[0]
}

const PROJECT = '8c5f5a1e-3b8e-4c1a-9f0d-2a6b7c8d9e0f'
let TOKEN = ''
let tokens = 0
const PUSH = { eventName: 'push', sha: 'a'.repeat(40), ref: 'refs/heads/main', payload: {} }

let workspace: string
beforeAll(async () => {
  workspace = await mkdtemp(join(tmpdir(), 'action-inputs-'))
  await writeFile(join(workspace, 'main.ts'), 'Deno.serve(() => new Response("hi"))\n')
})
afterAll(async () => {
  await rm(workspace, { recursive: true, force: true })
})
beforeEach(() => {
  calls.length = 0
  // A fresh token per test: a value already masked is not registered twice.
  TOKEN = `ddo_s3cretT0kenValue${++tokens}`
  inputs = { token: TOKEN, project: PROJECT, entrypoint: 'main.ts', root: '.' }
})

const env = () => ({ GITHUB_WORKSPACE: workspace })

describe('readRawInputs', () => {
  it('reads every deploy input, under its action.yml name', () => {
    expect(Object.keys(actionYml.inputs)).toEqual(expect.arrayContaining([...INPUT_NAMES]))
    inputs = Object.fromEntries(INPUT_NAMES.map(name => [name, `value of ${name}`]))
    expect(readRawInputs()).toEqual(inputs)
  })

  it('reads unset inputs as empty strings, leaving defaults to parseSettings', () => {
    inputs = {}
    const raw = readRawInputs()
    expect(Object.keys(raw)).toEqual([...INPUT_NAMES])
    expect(new Set(Object.values(raw))).toEqual(new Set(['']))
  })
})

describe('getInputs', () => {
  it('masks the token and every env var value before anything is logged', () => {
    inputs['env-vars'] = [
      'GREETING=hello-secret-value',
      'export QUOTED="spaced secret value"',
      'MULTI="first secret line',
      'second secret line"'
    ].join('\n')
    const { settings } = getInputs(PUSH, env())

    expect(settings.envVars).toEqual({
      GREETING: 'hello-secret-value',
      QUOTED: 'spaced secret value',
      MULTI: 'first secret line\nsecond secret line'
    })
    const firstLog = calls.findIndex(call => !call.startsWith('mask:'))
    const masked = calls.slice(0, firstLog === -1 ? calls.length : firstLog)
    expect(masked).toEqual(
      expect.arrayContaining([
        `mask:${TOKEN}`,
        'mask:hello-secret-value',
        'mask:spaced secret value',
        'mask:first secret line\nsecond secret line',
        'mask:first secret line',
        'mask:second secret line'
      ])
    )
    const logged = calls.slice(masked.length).join('\n')
    for (const secret of [TOKEN, 'hello-secret-value', 'spaced secret value', 'secret line']) {
      expect(logged).not.toContain(secret)
    }
  })

  it('masks secrets even when the inputs are invalid, and reports every problem at once', () => {
    inputs = {
      token: TOKEN,
      project: 'my-project',
      'api-url': 'https://api.deno.com/v1',
      entrypoint: '',
      root: '.',
      'env-vars': 'GOOD=kept-secret-value\n1BAD=bad-secret-value',
      'compiler-options': '{"jsx": ',
      wait: 'maybe'
    }
    let thrown: unknown
    try {
      getInputs(PUSH, env())
    } catch (error) {
      thrown = error
    }
    expect(thrown).toBeInstanceOf(InputError)
    const problems = (thrown as InstanceType<typeof InputError>).problems.map(p => p.input)
    expect(problems).toEqual(
      expect.arrayContaining(['project', 'entrypoint', 'env-vars', 'compiler-options', 'wait'])
    )
    expect(calls).toEqual(
      expect.arrayContaining([`mask:${TOKEN}`, 'mask:kept-secret-value', 'mask:bad-secret-value'])
    )
    const message = (thrown as Error).message
    for (const secret of [TOKEN, 'kept-secret-value', 'bad-secret-value']) {
      expect(message).not.toContain(secret)
    }
  })

  it("the core's own defaults (for the command line) are action.yml's", () => {
    expect(DEFAULT_API_URL).toBe(actionYml.inputs['api-url'].default)
    expect(parseDuration(String(actionYml.inputs.timeout.default), 's')).toBe(DEFAULT_TIMEOUT_MS)
  })

  it('applies the action.yml defaults the runner passes for unset inputs', () => {
    for (const [name, spec] of Object.entries(actionYml.inputs)) {
      if (spec.default !== undefined && !(name in inputs)) inputs[name] = String(spec.default)
    }
    const { settings } = getInputs(PUSH, env())
    expect(settings).toMatchObject({
      root: workspace,
      apiUrl: 'https://api.deno.com/v2',
      api: {
        version: 'v2',
        organization: null,
        installCommand: null,
        buildCommand: null,
        framework: null
      },
      timeoutMs: 10 * 60 * 1000,
      wait: true,
      dryRun: false,
      include: [],
      exclude: [],
      envVars: {}
    })
  })

  it('derives the description from a pull request event', () => {
    const payload = example('pull_request', 'opened') as {
      number: number
      pull_request: { number: number; head: { sha: string } }
    }
    const { settings, context } = getInputs(
      { eventName: 'pull_request', sha: 'b'.repeat(40), ref: 'refs/pull/2/merge', payload },
      env()
    )
    const pr = payload.pull_request
    expect(context.prNumber).toBe(pr.number)
    expect(settings.description).toBe(`PR #${pr.number} · ${pr.head.sha.slice(0, 7)}`)
  })
})

describe('getRunContext', () => {
  it('takes the PR number, head commit and head branch from a pull_request payload', () => {
    const payload = example('pull_request', 'synchronize') as {
      pull_request: { number: number; head: { sha: string; ref: string } }
    }
    const context = getRunContext(
      { eventName: 'pull_request', sha: 'c'.repeat(40), ref: 'refs/pull/9/merge', payload },
      { GITHUB_WORKSPACE: '/work/space' }
    )
    expect(context).toEqual({
      workspace: '/work/space',
      eventName: 'pull_request',
      prNumber: payload.pull_request.number,
      sha: payload.pull_request.head.sha,
      ref: `refs/heads/${payload.pull_request.head.ref}`
    })
  })

  it('takes GITHUB_SHA and GITHUB_REF for a push', () => {
    const payload = example('push')
    const sha = payload.after as string
    const context = getRunContext(
      { eventName: 'push', sha, ref: payload.ref as string, payload },
      { GITHUB_WORKSPACE: '/work/space' }
    )
    expect(context).toEqual({
      workspace: '/work/space',
      eventName: 'push',
      prNumber: undefined,
      sha,
      ref: payload.ref
    })
  })

  it('falls back to the working directory without GITHUB_WORKSPACE', () => {
    expect(getRunContext({ payload: {} }, {})).toEqual({
      workspace: process.cwd(),
      eventName: undefined,
      prNumber: undefined,
      sha: undefined,
      ref: undefined
    })
  })
})

describe('redactSecrets', () => {
  it('redacts masked values in text the runner does not mask, leaving too-short ones', () => {
    maskSecret('summary-secret-5e1f\nsecond-line-7c2a')
    maskSecret('ab')
    expect(redactSecrets('API said: second-line-7c2a; ab')).toBe('API said: ***; ab')
    expect(redactSecrets('summary-secret-5e1f\nsecond-line-7c2a')).toBe('***')
  })
})
