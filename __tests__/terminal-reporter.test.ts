/**
 * The command line's output carries text from builds, apps and APIs: on a terminal no escape
 * sequence of theirs may reach it, and inside a GitHub Actions step (a `run:` of the CLI) none of
 * it may act as a workflow command, read as the runner reads its log.
 */
import { describe, expect, it } from '@jest/globals'
import { TerminalReporter } from '../src/cli/terminal-reporter.js'
import { parseWorkflowCommands } from '../testing/workflow-commands.js'

const HOSTILE = [
  '   ::error title=pwn::owned',
  '::set-output name=url::https://evil.example',
  'text ##[warning]legacy',
  '::stop-commands::guess',
  '::add-mask::x'
]

function capture(inActions: boolean): { reporter: TerminalReporter; text: () => string } {
  let written = ''
  const out = { write: (chunk: string) => (written += chunk) }
  return {
    reporter: new TerminalReporter({ out, color: false, verbose: true, inActions }),
    text: () => written
  }
}

describe('TerminalReporter', () => {
  it('in a GitHub Actions step, nothing echoed acts as a workflow command', async () => {
    const { reporter, text } = capture(true)
    await reporter.group('Build logs', async () => {
      for (const line of HOSTILE) reporter.info(line)
    })
    reporter.warning(HOSTILE[0])
    reporter.error(HOSTILE[1])
    const commands = parseWorkflowCommands(text()).map(c => c.name)
    expect(commands.filter(name => name !== 'stop-commands')).toEqual([])
    expect(text()).toContain('::error title=pwn::owned')
  })

  it('outside Actions the same lines are shown as they are (and would be commands there)', () => {
    const { reporter, text } = capture(false)
    for (const line of HOSTILE) reporter.info(line)
    expect(parseWorkflowCommands(text()).map(c => c.name)).toEqual(
      expect.arrayContaining(['error', 'set-output'])
    )
  })

  it('terminal escape sequences from outside never reach the terminal', () => {
    const { reporter, text } = capture(false)
    reporter.info('\u001b]8;;https://evil.example\u0007click\u001b]8;;\u0007 \u001b[31mred\u009b2J')
    // eslint-disable-next-line no-control-regex
    expect(text()).not.toMatch(/[\u001b\u0007\u009b]/)
    expect(text()).toContain('click')
  })
})
