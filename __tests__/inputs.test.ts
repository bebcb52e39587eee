import { describe, it, expect, beforeAll, afterAll } from '@jest/globals'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { InputError } from '../src/core/settings/input-error.js'
import {
  DEFAULT_API_URL,
  DEFAULT_TIMEOUT_MS,
  defaultDescription,
  parseSettings,
  type RawInputs,
  type RunContext
} from '../src/core/settings/inputs.js'
import { parseDuration, splitList } from '../src/core/settings/value-parsers.js'

const TOKEN = 'ddp_test-token-value-0123456789'
const PROJECT = '0f6c2b1e-5a4d-4c3b-8a29-1b2c3d4e5f60'
const DATABASE = 'aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee'

let workspace: string
let ctx: RunContext

beforeAll(() => {
  workspace = mkdtempSync(path.join(tmpdir(), 'inputs-'))
  mkdirSync(path.join(workspace, 'app'))
  writeFileSync(path.join(workspace, 'app', 'main.ts'), 'export {}\n')
  writeFileSync(path.join(workspace, 'file.txt'), 'not a dir\n')
  ctx = { workspace, eventName: 'push', ref: 'refs/heads/main', sha: 'abcdef1234567890' }
})
afterAll(() => rmSync(workspace, { recursive: true, force: true }))

/** v1 inputs (v1-compatible servers); v2's own rules are in platform-inputs.test.ts. */
const V1_API = 'https://api.deno.com/v1'

function base(overrides: RawInputs = {}): RawInputs {
  return {
    token: TOKEN,
    project: PROJECT,
    entrypoint: 'main.ts',
    root: 'app',
    'api-url': V1_API,
    ...overrides
  }
}

/** Parses and returns the problems as `input: message` lines (asserting it throws). */
function problemsOf(
  raw: RawInputs,
  context: RunContext = ctx
): { input: string; message: string }[] {
  try {
    parseSettings(raw, context)
  } catch (err) {
    expect(err).toBeInstanceOf(InputError)
    const error = err as InputError
    expect(error.message).not.toContain(TOKEN)
    return error.problems
  }
  throw new Error('expected an InputError')
}

function onlyProblem(raw: RawInputs): { input: string; message: string } {
  const problems = problemsOf(raw)
  expect(problems).toHaveLength(1)
  return problems[0]
}

describe('parseSettings: valid inputs', () => {
  it('applies the defaults', () => {
    const settings = parseSettings(base(), ctx)
    expect(settings).toEqual({
      token: TOKEN,
      projectId: PROJECT,
      root: path.join(workspace, 'app'),
      entrypoint: 'main.ts',
      include: [],
      exclude: [],
      envVars: {},
      description: 'main · abcdef1',
      apiUrl: V1_API,
      api: {
        version: 'v1',
        databaseId: null,
        compilerOptions: null,
        importMap: null,
        lockFile: null,
        requestTimeoutMs: null,
        allowNet: null
      },
      timeoutMs: DEFAULT_TIMEOUT_MS,
      wait: true,
      probePath: '/',
      dryRun: false
    })
  })

  it('parses every optional input', () => {
    const settings = parseSettings(
      base({
        token: `  ${TOKEN}\n`,
        project: PROJECT.toUpperCase(),
        entrypoint: './src/../main.ts',
        include: 'src/**, *.{ts,tsx}\nstatic',
        exclude: './dist/**\n\n*.log',
        'env-vars': 'A=1\nB="two words"',
        'database-id': DATABASE,
        'compiler-options':
          '{"jsx":"react-jsx","jsxImportSource":"preact","experimentalDecorators":false,"jsxPrecompileSkipElements":["a"]}',
        'import-map': 'import_map.json',
        'lock-file': 'none',
        description: 'release 1',
        'request-timeout': '30s',
        'allow-net': 'example.com, api.example.com:443\n10.0.0.1\n[::1]:8080',
        'api-url': 'http://127.0.0.1:8420/v1/',
        timeout: '90s',
        wait: 'no',
        'dry-run': 'TRUE'
      }),
      ctx
    )
    expect(settings).toMatchObject({
      token: TOKEN,
      projectId: PROJECT,
      entrypoint: 'main.ts',
      include: ['src/**', '*.{ts,tsx}', 'static'],
      exclude: ['dist/**', '*.log'],
      envVars: { A: '1', B: 'two words' },
      api: {
        databaseId: DATABASE,
        compilerOptions: {
          jsx: 'react-jsx',
          jsxImportSource: 'preact',
          experimentalDecorators: false,
          jsxPrecompileSkipElements: ['a']
        },
        importMap: 'import_map.json',
        lockFile: '',
        requestTimeoutMs: 30000,
        allowNet: ['example.com', 'api.example.com:443', '10.0.0.1', '[::1]:8080']
      },
      description: 'release 1',
      apiUrl: 'http://127.0.0.1:8420/v1',
      timeoutMs: 90000,
      wait: false,
      dryRun: true
    })
  })

  it('accepts URL entry points', () => {
    for (const url of [
      'https://example.com/main.ts',
      'jsr:@std/http/file-server',
      'npm:hono',
      'file:///src/main.ts'
    ]) {
      expect(parseSettings(base({ entrypoint: url }), ctx).entrypoint).toBe(url)
    }
  })

  it('maps allow-net none to [] and * to all', () => {
    expect(parseSettings(base({ 'allow-net': 'none' }), ctx).api).toMatchObject({ allowNet: [] })
    expect(parseSettings(base({ 'allow-net': '*' }), ctx).api).toMatchObject({ allowNet: ['*'] })
  })

  it('accepts localhost and ::1 over http, https anywhere', () => {
    expect(parseSettings(base({ 'api-url': 'http://localhost:9/v1' }), ctx).apiUrl).toBe(
      'http://localhost:9/v1'
    )
    expect(parseSettings(base({ 'api-url': 'http://[::1]:9/v1' }), ctx).apiUrl).toBe(
      'http://[::1]:9/v1'
    )
    expect(parseSettings(base({ 'api-url': 'https://sub.example.com/v1//' }), ctx).apiUrl).toBe(
      'https://sub.example.com/v1'
    )
  })

  it('resolves root against the workspace, default "."', () => {
    expect(parseSettings(base({ root: '' }), ctx).root).toBe(workspace)
    expect(parseSettings(base({ root: path.join(workspace, 'app') }), ctx).root).toBe(
      path.join(workspace, 'app')
    )
  })
})

describe('parseSettings: every problem names the input and the fix', () => {
  it('token: empty', () => {
    expect(onlyProblem(base({ token: '  ' }))).toEqual({
      input: 'token',
      message: expect.stringContaining('is empty. Pass a Subhosting access token from a secret')
    })
  })

  it('token: inner whitespace, without echoing it', () => {
    const problem = onlyProblem(base({ token: 'abc def-secret' }))
    expect(problem.input).toBe('token')
    expect(problem.message).toContain('contains whitespace or a line break')
    expect(problem.message).not.toContain('def-secret')
  })

  it('project: not a UUID, explains where to find it', () => {
    expect(onlyProblem(base({ project: 'my-project' }))).toEqual({
      input: 'project',
      message: expect.stringMatching(
        /"my-project" is not a project ID\. Use the project's UUID .*GET \/organizations\/\{organizationId\}\/projects/
      )
    })
    expect(onlyProblem(base({ project: '' })).message).toContain(
      "is empty. Set it to the project's ID"
    )
  })

  it('project: a pasted token is never echoed', () => {
    const problem = onlyProblem(base({ project: TOKEN }))
    expect(problem.message).toContain('"***" is not a project ID')
  })

  it('entrypoint: empty, absolute, escaping, directory, bad scheme', () => {
    expect(onlyProblem(base({ entrypoint: '' })).message).toBe(
      'is empty. Set it to the entry module, relative to root, e.g. `main.ts`'
    )
    expect(onlyProblem(base({ entrypoint: path.join(workspace, 'app', 'main.ts') })).message).toBe(
      `"${path.join(workspace, 'app', 'main.ts')}" is an absolute path; give the entry module relative to root (${path.join(workspace, 'app')}), i.e. "main.ts"`
    )
    expect(onlyProblem(base({ entrypoint: '../main.ts' })).message).toContain(
      '"../main.ts" leaves root'
    )
    expect(onlyProblem(base({ entrypoint: 'src/' })).message).toContain('names a directory')
    expect(onlyProblem(base({ entrypoint: 'ftp://x/main.ts' }))).toEqual({
      input: 'entrypoint',
      message:
        '"ftp://x/main.ts" is not a usable URL for the entry module; use a path relative to root or a URL starting with http: https: file: jsr: npm:'
    })
  })

  it('root: missing or a file', () => {
    expect(onlyProblem(base({ root: 'nope' }))).toEqual({
      input: 'root',
      message: expect.stringContaining(
        `"nope" does not exist (resolved to ${path.join(workspace, 'nope')}). Set root to the app's directory`
      )
    })
    expect(onlyProblem(base({ root: 'file.txt' })).message).toContain('is a file, not a directory')
  })

  it('include/exclude: absolute and escaping globs', () => {
    expect(onlyProblem(base({ include: '/src/**' }))).toEqual({
      input: 'include',
      message: expect.stringContaining('glob "/src/**" is absolute; globs are relative to root')
    })
    expect(onlyProblem(base({ exclude: 'a, ../b' }))).toEqual({
      input: 'exclude',
      message: expect.stringContaining('glob "../b" leaves root')
    })
  })

  it('include/exclude: negated globs', () => {
    expect(onlyProblem(base({ exclude: '!keep.ts' }))).toEqual({
      input: 'exclude',
      message: expect.stringContaining('glob "!keep.ts" is negated; negation is not supported')
    })
  })

  it('env-vars: malformed line and invalid name, by line number, never the value', () => {
    const problems = problemsOf(
      base({ 'env-vars': 'OK=1\nsecret-without-equals\nBAD-NAME=topsecret' })
    )
    expect(problems).toEqual([
      {
        input: 'env-vars',
        message: 'line 2 is not NAME=value (no "=" found); write it as NAME=value'
      },
      {
        input: 'env-vars',
        message:
          'line 3: "BAD-NAME" is not a valid variable name; use letters, digits and _ only, not starting with a digit'
      }
    ])
    expect(JSON.stringify(problems)).not.toMatch(/secret-without-equals|topsecret/)
  })

  it('database-id: not a UUID', () => {
    expect(onlyProblem(base({ 'database-id': 'kv1' }))).toEqual({
      input: 'database-id',
      message: expect.stringContaining('"kv1" is not a KV database ID. Use the database\'s UUID')
    })
  })

  it('compiler-options: bad JSON, not an object, unknown key, wrong type', () => {
    expect(onlyProblem(base({ 'compiler-options': '{jsx:' })).message).toMatch(
      /^is not valid JSON \(.*\)\. Give a JSON object/
    )
    expect(onlyProblem(base({ 'compiler-options': '["jsx"]' })).message).toContain(
      'must be a JSON object'
    )
    expect(onlyProblem(base({ 'compiler-options': '{"target":"es2020"}' })).message).toBe(
      'has an unknown key "target"; the API accepts only jsx, jsxFactory, jsxFragmentFactory, jsxImportSource, jsxPrecompileSkipElements, experimentalDecorators, emitDecoratorMetadata'
    )
    expect(
      onlyProblem(base({ 'compiler-options': '{"experimentalDecorators":"yes"}' })).message
    ).toBe('key "experimentalDecorators" must be a boolean or null, not "yes"')
    expect(
      onlyProblem(base({ 'compiler-options': '{"jsxPrecompileSkipElements":[1]}' })).message
    ).toBe('key "jsxPrecompileSkipElements" must be a string[] or null, not [1]')
  })

  it('import-map and lock-file: escaping root or absolute', () => {
    expect(onlyProblem(base({ 'import-map': '../map.json' }))).toEqual({
      input: 'import-map',
      message: expect.stringContaining('"../map.json" leaves root')
    })
    expect(onlyProblem(base({ 'lock-file': '/deno.lock' }))).toEqual({
      input: 'lock-file',
      message: expect.stringContaining(
        '"/deno.lock" is an absolute path; give the lock file relative to root'
      )
    })
    expect(onlyProblem(base({ 'lock-file': 'jsr:@x/y' })).message).toContain(
      'is not a usable URL for the lock file'
    )
  })

  it('description: longer than 1000 characters', () => {
    expect(onlyProblem(base({ description: 'x'.repeat(1001) }))).toEqual({
      input: 'description',
      message: 'is 1001 characters long; the API accepts at most 1000. Shorten it'
    })
  })

  it('request-timeout: not a duration, zero', () => {
    for (const value of ['soon', '0', '1.5']) {
      expect(onlyProblem(base({ 'request-timeout': value }))).toEqual({
        input: 'request-timeout',
        message: expect.stringContaining(
          `"${value}" is not a per-request timeout. Give whole milliseconds`
        )
      })
    }
  })

  it('allow-net: URL, bad host, bad port, bare IPv6, bad IPv4', () => {
    const problems = problemsOf(
      base({ 'allow-net': 'https://example.com\nbad_host!\nexample.com:99999\n::1\n300.1.1.1' })
    )
    expect(problems.map(p => p.input)).toEqual(Array(5).fill('allow-net'))
    const expected = [
      '"https://example.com" is a URL, not a host.',
      '"bad_host!" is not a valid host name.',
      '"example.com:99999" has an invalid port.',
      '"::1" is an IPv6 address without brackets; write it as [::1]',
      '"300.1.1.1" is not a valid IPv4 address.'
    ]
    expected.forEach((start, i) => expect(problems[i].message.startsWith(start)).toBe(true))
    expect(problems[0].message).toContain('List hosts like `example.com`')
  })

  it('api-url: not a URL, plain http off loopback, wrong scheme, credentials, query', () => {
    expect(onlyProblem(base({ 'api-url': 'not a url' })).message).toBe(
      `"not a url" is not a URL. Use the API's base URL, e.g. ${DEFAULT_API_URL}`
    )
    expect(onlyProblem(base({ 'api-url': 'http://api.example.com/v1' }))).toEqual({
      input: 'api-url',
      message:
        '"http://api.example.com" uses plain http, which would send the token unencrypted. Use https://api.example.com/v1 (http is accepted only for 127.0.0.1, ::1 and localhost)'
    })
    expect(onlyProblem(base({ 'api-url': 'ftp://x/v1' })).message).toContain(
      'uses ftp: but must be https:'
    )
    const credentials = onlyProblem(base({ 'api-url': 'https://user:pw-secret@x.com/v1' }))
    expect(credentials.message).toContain('contains credentials')
    expect(credentials.message).not.toContain('pw-secret')
    expect(onlyProblem(base({ 'api-url': 'https://x.com/v1?a=1' })).message).toContain(
      'must not carry a query or fragment'
    )
  })

  it('timeout: malformed or out of range', () => {
    for (const value of ['ten minutes', '0', '2d', '25h']) {
      expect(onlyProblem(base({ timeout: value }))).toEqual({
        input: 'timeout',
        message: expect.stringContaining(`"${value}" is not a wait budget. Give seconds`)
      })
    }
  })

  it('wait and dry-run: not booleans', () => {
    expect(problemsOf(base({ wait: 'maybe', 'dry-run': 'y' }))).toEqual([
      {
        input: 'wait',
        message: '"maybe" is not a boolean. Use true or false (yes/no and 1/0 also work)'
      },
      {
        input: 'dry-run',
        message: '"y" is not a boolean. Use true or false (yes/no and 1/0 also work)'
      }
    ])
  })

  it('collects every problem before throwing, in one message', () => {
    try {
      parseSettings({ project: 'x', root: 'nope', wait: 'maybe', 'env-vars': 'junk' }, ctx)
      throw new Error('expected an InputError')
    } catch (err) {
      const error = err as InputError
      expect(error.problems.map(p => p.input)).toEqual([
        'token',
        'project',
        'entrypoint',
        'root',
        'env-vars',
        'wait'
      ])
      expect(error.message).toMatch(/^6 inputs need fixing:\n {2}- Input "token": is empty/)
      expect(error.message).toContain('  - Input "wait": "maybe" is not a boolean')
    }
  })
})

describe('helpers', () => {
  it('derives the description from the event', () => {
    expect(
      defaultDescription({
        workspace,
        eventName: 'pull_request',
        prNumber: 42,
        sha: '1234567890abcdef'
      })
    ).toBe('PR #42 · 1234567')
    expect(
      defaultDescription({
        workspace,
        eventName: 'push',
        ref: 'refs/heads/feature/x',
        sha: 'fedcba9876'
      })
    ).toBe('feature/x · fedcba9')
    expect(
      defaultDescription({
        workspace,
        eventName: 'push',
        ref: 'refs/tags/v1.2.0',
        sha: 'fedcba9876'
      })
    ).toBe('v1.2.0 · fedcba9')
    expect(defaultDescription({ workspace })).toBe('')
  })

  it('parses durations with and without units', () => {
    expect(parseDuration('600', 's')).toBe(600000)
    expect(parseDuration('90s', 's')).toBe(90000)
    expect(parseDuration('10m', 's')).toBe(600000)
    expect(parseDuration('1h', 'ms')).toBe(3600000)
    expect(parseDuration('250', 'ms')).toBe(250)
    expect(parseDuration('500ms', 's')).toBe(500)
    expect(parseDuration('abc', 's')).toBeNull()
  })

  it('splits lists on commas and newlines, keeping braces whole', () => {
    expect(splitList('a, b\n c,\n\n{x,y}/*.ts,[a,b].js')).toEqual([
      'a',
      'b',
      'c',
      '{x,y}/*.ts',
      '[a,b].js'
    ])
  })
})
