/**
 * The README's troubleshooting table quotes messages users search for: each backtick-quoted
 * fragment of its "Message" column must be text the program can print. A fragment is split at
 * its placeholders (`<deployment>`, `<n>`, `<…>`: anything in angle brackets), and every piece in
 * between must occur verbatim in the source text of src/ or server/ (string literals joined
 * across `' +` line breaks, escaped quotes unescaped). Messages are composed (`Input "<input>": `
 * around a problem another module words), so the pieces may come from different files.
 */
import { describe, expect, it } from '@jest/globals'
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

const ROOT = fileURLToPath(new URL('..', import.meta.url))

/** Every .ts file under `dir`, tests and node_modules left out. */
function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter(e => e.isFile() && e.name.endsWith('.ts') && !e.name.endsWith('.test.ts'))
    .map(e => join(e.parentPath, e.name))
    .filter(file => !/[\\/](node_modules|__tests__)[\\/]/.test(file))
}

/** A source file as text a message can be searched in: concatenated literals read as one. */
function searchable(source: string): string {
  return source.replace(/(['"`])\s*\+\s*(['"`])/g, '').replace(/\\(['"`])/g, '$1')
}

const sources = ['src', 'server'].flatMap(dir =>
  sourceFiles(join(ROOT, dir)).map(file => searchable(readFileSync(file, 'utf8')))
)

/** The first cell of each body row of the table under `## Troubleshooting`. */
function messageCells(readme: string): string[] {
  const section = readme.split('\n## Troubleshooting\n')[1]?.split('\n## ')[0] ?? ''
  const rows = section.split('\n').filter(line => line.trim().startsWith('|'))
  return rows.slice(2).map(row =>
    row
      .trim()
      .slice(1)
      .split(/(?<!\\)\|/)[0]
      .trim()
  )
}

/** The pieces no source text contains. */
function unprinted(pieces: string[]): string[] {
  return pieces.filter(piece => !sources.some(text => text.includes(piece)))
}

const readme = readFileSync(join(ROOT, 'README.md'), 'utf8')
const cells = messageCells(readme)
const fragments = cells.flatMap(cell => [...cell.matchAll(/`([^`]+)`/g)].map(m => m[1]))

describe('README troubleshooting table', () => {
  it('has messages to check', () => {
    expect(cells.length).toBeGreaterThanOrEqual(15)
    expect(cells.filter(cell => !cell.includes('`'))).toEqual([])
  })

  it.each(fragments)('quotes a message the code prints: %s', fragment => {
    const pieces = fragment.split(/<[^>]*>/).filter(piece => piece.length > 0)
    expect(pieces.length).toBeGreaterThan(0)
    expect(unprinted(pieces)).toEqual([])
  })
})
