/**
 * Text from builds, apps, events and the API is hostile: on the Actions runner it must never
 * act as a workflow command, and in the job summary never as markup. The runner's reading of
 * stdout is simulated by support/workflow-commands.ts.
 */
import {
  describe,
  it,
  expect,
  beforeAll,
  afterAll,
  beforeEach,
  afterEach,
  jest
} from '@jest/globals'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import * as core from '@actions/core'
import { ActionsReporter } from '../src/action/actions-reporter.js'
import { failStep } from '../src/action/failure.js'
import { renderLifecycleSummary, writeJobSummary } from '../src/action/job-summary.js'
import { reportFailure } from '../src/action/report.js'
import {
  CancelledError,
  DeployFailedError,
  DeployTimeoutError
} from '../src/core/deploy/outcome-errors.js'
import type { DeployResult } from '../src/core/deploy/deploy.js'
import { AppCrashedError, failureFacts } from '../src/core/deploy/outcome-errors.js'
import { escapeMarkdown } from '../src/core/text/markdown.js'
import { parseWorkflowCommands } from '../testing/workflow-commands.js'

const HOSTILE_LINES = [
  '   ::error title=x::y',
  'compiling… ##[warning]x',
  '::add-mask::abc',
  '::stop-commands::attacker',
  '\t::set-output name=url::https://evil.example',
  'first line\r::error::after a carriage return',
  '::attacker::'
]

let stdout = ''
let dir = ''

// @actions/core remembers the summary file's path on first use: one file for the whole suite.
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'hostile-'))
  process.env.GITHUB_STEP_SUMMARY = join(dir, 'summary.md')
})

afterAll(async () => {
  delete process.env.GITHUB_STEP_SUMMARY
  await rm(dir, { recursive: true, force: true })
})

beforeEach(async () => {
  stdout = ''
  jest.spyOn(process.stdout, 'write').mockImplementation(chunk => {
    stdout += String(chunk)
    return true
  })
  await writeFile(process.env.GITHUB_STEP_SUMMARY!, '')
  core.summary.emptyBuffer()
})

afterEach(() => {
  jest.restoreAllMocks()
  process.exitCode = undefined
})

describe('the runner simulator', () => {
  it('reads the commands the runner would (so the checks below can fail)', () => {
    const commands = parseWorkflowCommands(HOSTILE_LINES.join('\n'))
    expect(commands.map(c => c.name)).toEqual(['error', 'warning', 'add-mask'])
    expect(commands[0]).toMatchObject({ properties: { title: 'x' }, data: 'y' })
  })
})

describe('log lines echoed through the Actions reporter', () => {
  it('never become commands, and our own commands still work afterwards', async () => {
    const reporter = new ActionsReporter()
    await reporter.group('Build logs (deployment x::y)', async () => {
      for (const line of HOSTILE_LINES) reporter.info(line)
      reporter.info(HOSTILE_LINES.join('\n'))
    })
    reporter.warning('ours ::error::not-a-command', { title: 'a,b::c', file: 'x:y.ts' })

    const commands = parseWorkflowCommands(stdout)
    expect(commands.map(c => c.name)).toEqual(['group', 'endgroup', 'warning'])
    expect(commands[0].data).toBe('Build logs (deployment x::y)')
    expect(commands[2]).toMatchObject({
      data: 'ours ::error::not-a-command',
      properties: { title: 'a,b::c', file: 'x:y.ts' }
    })
    // Every hostile line is still shown to the reader.
    for (const line of HOSTILE_LINES) expect(stdout).toContain(line)
  })

  it('leaves plain lines alone (no fence around every line)', () => {
    new ActionsReporter().info('Uploading 3 file(s) (120 bytes).')
    expect(stdout).toBe('Uploading 3 file(s) (120 bytes).\n')
  })

  it('uses a fresh, unguessable token for every fence', () => {
    const reporter = new ActionsReporter()
    reporter.info('::a::')
    reporter.info('::b::')
    const tokens = [...stdout.matchAll(/^::stop-commands::(.+)$/gm)].map(m => m[1])
    expect(tokens).toHaveLength(2)
    expect(tokens[0]).not.toBe(tokens[1])
    expect(tokens[0]).toMatch(/^subhosting-log-[0-9a-f]{32}$/)
  })
})

describe('failures', () => {
  it('a build error with hostile lines yields exactly one error annotation', () => {
    const error = new DeployFailedError(
      'dep1',
      ['error: Uncaught ::error title=x::y at file:///src/app/main.ts:3:7', '##[warning]x'],
      { title: 'Deployment build failed', file: 'examples/app/main.ts', startLine: 3 }
    )
    failStep(error)
    const commands = parseWorkflowCommands(stdout)
    expect(commands.filter(c => c.name === 'error')).toHaveLength(1)
    expect(commands.find(c => c.name === 'error')).toMatchObject({
      properties: { file: 'examples/app/main.ts', line: '3' },
      data:
        'Deployment dep1 failed to build at examples/app/main.ts:3: error: Uncaught ' +
        '::error title=x::y at examples/app/main.ts:3:7'
    })
    expect(commands.filter(c => c.name === 'warning')).toHaveLength(0)
  })

  it('a run cancelled while probing says cancelled, not the platform state success', async () => {
    const outputs = join(dir, 'output-cancel')
    process.env.GITHUB_OUTPUT = outputs
    await writeFile(outputs, '')
    try {
      failStep(
        new CancelledError('dep4', 'success, URL http://x/ not serving yet (last: HTTP 502)')
      )
      const text = await readFile(outputs, 'utf8')
      expect(text).toMatch(/^status<<.*\ncancelled\n/m)
      expect(text).toMatch(/^deployment-id<<.*\ndep4\n/m)
    } finally {
      delete process.env.GITHUB_OUTPUT
    }
  })

  it('a timeout is failed once built (it never served), pending while still building', () => {
    const built = new DeployTimeoutError(60_000, 'd5', 'success, URL http://x/ not serving yet')
    const building = new DeployTimeoutError(60_000, 'd6', 'pending (building, 3 log line(s))')
    expect(failureFacts(built)).toEqual({ deploymentId: 'd5', status: 'failed', url: null })
    expect(failureFacts(building)).toEqual({ deploymentId: 'd6', status: 'pending', url: null })
    expect(failureFacts(new CancelledError(null, 'creating')).status).toBe('cancelled')
  })

  it('an app that crashed sets status failed, never success', () => {
    const outputs = join(dir, 'output')
    process.env.GITHUB_OUTPUT = outputs
    return writeFile(outputs, '')
      .then(() => {
        const crash = new AppCrashedError({
          deploymentUrl: 'http://x.deploy.localhost:1/',
          appError: 'error: Uncaught Error: KEY env var is missing',
          hint: 'pass it with the `env-vars` input.',
          answers: 2
        }).attachDeployment('dep2')
        failStep(crash)
        return readFile(outputs, 'utf8')
      })
      .then(text => {
        expect(text).toMatch(/^deployment-id<<.*\ndep2\n/m)
        expect(text).toMatch(/^status<<.*\nfailed\n/m)
        expect(text).not.toContain('success')
      })
      .finally(() => delete process.env.GITHUB_OUTPUT)
  })
})

const RESULT: DeployResult = {
  projectId: 'p1',
  deploymentId: 'd1',
  status: 'success',
  url: 'http://d1.deploy.localhost:8420/',
  domains: ['d1.deploy.localhost'],
  description: 'x<img src=https://evil.example/a.png>**b**<!-- hidden',
  commit: 'a'.repeat(40),
  digest: 'b'.repeat(40),
  fileCount: 1,
  totalBytes: 10,
  filesUploaded: 1,
  bytesUploaded: 10,
  buildMs: 1000,
  totalMs: 2000,
  dryRun: false,
  manifestPath: null,
  platform: 'v1'
}

const BRANCH = 'x<img src=https://evil.example/b.png>**b**<!--'

describe('the job summary', () => {
  it('is one document: the h2 of the deploy first, the lifecycle as plain Markdown after it', async () => {
    await writeJobSummary(RESULT, {
      mode: 'preview',
      environment: `preview/${BRANCH}`,
      notes: [`Branch ${escapeMarkdown(BRANCH)} deployed`, 'Raw <b>html</b>\nand a new line']
    })
    const summary = await readFile(process.env.GITHUB_STEP_SUMMARY!, 'utf8')
    expect(summary.indexOf('<h2>')).toBe(0)
    expect(summary.indexOf('### Pull request lifecycle')).toBeGreaterThan(
      summary.indexOf('</table>')
    )
    // No tag or comment of the attacker's survives; the text is still there, shown literally.
    expect(summary).not.toMatch(/<img|<!--|<b>/)
    expect(summary).toContain('&lt;img src')
    // The lifecycle list is Markdown (GitHub renders Markdown there), not <ul><li> HTML.
    expect(summary).not.toContain('<li>')
    expect(summary).toMatch(/\n- Mode: \*\*preview\*\*, environment preview\/x&lt;img/)
    // Every note stays one list item.
    const items = summary.split('\n').filter(line => line.startsWith('- '))
    expect(items).toHaveLength(3)
  })

  it('keeps a multi-line description inside its table cell: no blank line ends the HTML block', async () => {
    const description =
      'x\n\n# INJECTED\n![t](http://evil.example/p.png) [click](javascript:alert(1))\u001b[31mRED'
    await writeJobSummary({ ...RESULT, description })
    const summary = await readFile(process.env.GITHUB_STEP_SUMMARY!, 'utf8')
    const table = summary.slice(summary.indexOf('<table>'), summary.indexOf('</table>'))
    // The whole table is one HTML block: no blank line, no line starting Markdown inside it.
    expect(table).not.toMatch(/\n\s*\n/)
    expect(summary).not.toMatch(/^# INJECTED/m)
    expect(table).toContain('x  # INJECTED ![t](http://evil.example/p.png)')
    expect(summary).not.toContain('\u001b')
  })

  it('renders a lifecycle-only summary under an h2', () => {
    const text = renderLifecycleSummary(
      { mode: 'cleanup', environment: '', notes: ['Deleted 2'] },
      2
    )
    expect(text.trim().split('\n')[0]).toBe('## Subhosting deploy: cleanup')
  })

  it('a failure summary says failed/cancelled and escapes the app error', async () => {
    const crash = new AppCrashedError({
      deploymentUrl: 'http://x.deploy.localhost:1/',
      appError: 'error: <img src=x onerror=alert(1)> </code></pre><!--',
      hint: null,
      answers: 2
    }).attachDeployment('dep3')
    await reportFailure(crash, { mode: 'preview', environment: BRANCH, notes: [] })
    const summary = await readFile(process.env.GITHUB_STEP_SUMMARY!, 'utf8')
    expect(summary.indexOf('<h2>Subhosting deploy failed: App crashed at start-up</h2>')).toBe(0)
    expect(summary).toContain('<code>failed</code>')
    expect(summary).not.toMatch(/<img|<!--|<\/code><\/pre><!/)
    expect(summary).not.toContain('success')
  })
})

describe('escapeMarkdown', () => {
  it('shows every character literally', () => {
    expect(escapeMarkdown('a*b*_c_ `d` [e](f) # <g> & | ~h~ \\ -1.')).toBe(
      'a\\*b\\*\\_c\\_ \\`d\\` \\[e\\]\\(f\\) \\# &lt;g&gt; &amp; \\| \\~h\\~ \\\\ \\-1\\.'
    )
    expect(escapeMarkdown('one\ntwo\r\nthree')).toBe('one two three')
  })
})
