/**
 * The README's inputs and outputs tables are the documentation users read; action.yml is what
 * the runner uses. This fails as soon as they disagree on a name, a default, whether an input is
 * required, or a description, and prints the table rows README.md should contain. The README's
 * workflow recipes are copies of docs/workflows.md and must stay identical to it.
 */
import { describe, it, expect } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parse as parseYaml } from 'yaml'

const ROOT = fileURLToPath(new URL('..', import.meta.url))

interface ActionYml {
  inputs: Record<
    string,
    { description: string; required?: boolean; default?: string | number | boolean }
  >
  outputs: Record<string, { description: string }>
}

const action = parseYaml(readFileSync(join(ROOT, 'action.yml'), 'utf8')) as ActionYml
const readme = readFileSync(join(ROOT, 'README.md'), 'utf8')

/** One line of prose, as markdown renders a folded YAML scalar. */
function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim()
}

function code(value: string): string {
  return value === '' ? '' : `\`${value}\``
}

function escapeCell(text: string): string {
  return text.replace(/\|/g, '\\|')
}

function expectedInputRows(): string[] {
  return Object.entries(action.inputs).map(([name, spec]) => {
    const required = spec.required === true ? 'yes' : 'no'
    const fallback = spec.default === undefined ? '' : code(String(spec.default))
    return `| \`${name}\` | ${required} | ${escapeCell(fallback)} | ${escapeCell(oneLine(spec.description))} |`
  })
}

function expectedOutputRows(): string[] {
  return Object.entries(action.outputs).map(
    ([name, spec]) => `| \`${name}\` | ${escapeCell(oneLine(spec.description))} |`
  )
}

/** The body rows of the first table under the heading `## <title>`, whitespace-normalised. */
function tableRows(title: string): string[] {
  const lines = readme.split('\n')
  const start = lines.findIndex(line => line.trim() === `## ${title}`)
  if (start < 0) throw new Error(`README.md has no "## ${title}" section`)
  const rows: string[] = []
  let inTable = false
  for (const line of lines.slice(start + 1)) {
    if (line.startsWith('## ')) break
    if (line.trim().startsWith('|')) {
      inTable = true
      rows.push(normaliseRow(line))
    } else if (inTable) {
      break
    }
  }
  // Header and the |---| separator.
  return rows.slice(2)
}

function normaliseRow(row: string): string {
  const cells = row
    .trim()
    .replace(/^\||\|$/g, '')
    .split(/(?<!\\)\|/)
    .map(cell => oneLine(cell))
  return `| ${cells.join(' | ')} |`
}

/** Which rows are missing, extra or different, keyed by the name in the first cell. */
function differences(section: string, expected: string[], actual: string[]): string {
  const byName = (rows: string[]) =>
    new Map(rows.map(row => [/^\| `([^`]+)`/.exec(row)?.[1] ?? row, row]))
  const want = byName(expected)
  const have = byName(actual)
  const problems: string[] = []
  for (const [name, row] of want) {
    if (!have.has(name)) problems.push(`missing ${name}: ${row}`)
    else if (have.get(name) !== row)
      problems.push(`differs ${name}:\n  README:     ${have.get(name)}\n  action.yml: ${row}`)
  }
  for (const name of have.keys()) if (!want.has(name)) problems.push(`not in action.yml: ${name}`)
  if (problems.length === 0 && JSON.stringify(expected) !== JSON.stringify(actual)) {
    problems.push('rows are not in the order of action.yml')
  }
  if (problems.length === 0) return ''
  return `README.md "## ${section}" disagrees with action.yml:\n${problems.join('\n')}\n\nRows generated from action.yml:\n${expected.join('\n')}`
}

describe('README.md and action.yml agree', () => {
  it('on every input: name, required, default and description, in order', () => {
    expect(differences('Inputs', expectedInputRows().map(normaliseRow), tableRows('Inputs'))).toBe(
      ''
    )
  })

  it('on every output: name and description, in order', () => {
    expect(
      differences('Outputs', expectedOutputRows().map(normaliseRow), tableRows('Outputs'))
    ).toBe('')
  })
})

/** The fenced code blocks of the README section `## <title>`. */
function codeBlocks(title: string): string[] {
  const start = readme.indexOf(`\n## ${title}\n`)
  if (start < 0) throw new Error(`README.md has no "## ${title}" section`)
  const next = readme.indexOf('\n## ', start + 1)
  const section = readme.slice(start, next < 0 ? undefined : next)
  return [...section.matchAll(/```[a-z]*\n([\s\S]*?)```/g)].map(match => match[1])
}

describe('README.md and docs/workflows.md agree', () => {
  it('every workflow recipe in the README is in docs/workflows.md, verbatim', () => {
    const docs = readFileSync(join(ROOT, 'docs', 'workflows.md'), 'utf8')
    const blocks = codeBlocks('Workflow recipes')
    expect(blocks.length).toBeGreaterThanOrEqual(5)
    expect(blocks.filter(block => !docs.includes(block))).toEqual([])
  })
})
