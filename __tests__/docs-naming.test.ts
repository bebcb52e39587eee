/**
 * README.md and docs/workflows.md speak with one voice: the token secret is `DENO_DEPLOY_TOKEN`
 * everywhere (the CLI reads it first; the other variables it reads are only named after it), the
 * recipes name one app (`my-app`), promotion is described for v2 as well as v1, and the `comment`
 * and `promote` inputs say that the comment is promotion's record.
 */
import { describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { parse as parseYaml } from 'yaml'
import { REPO_ROOT } from '../testing/action-runner.js'
import { TOKEN_ENV_VARS } from '../src/cli/flags.js'

const read = (file: string): string => readFileSync(join(REPO_ROOT, file), 'utf8')
const DOCS = { 'README.md': read('README.md'), 'docs/workflows.md': read('docs/workflows.md') }
const [FIRST, ...ALSO] = TOKEN_ENV_VARS

describe.each(Object.entries(DOCS))('%s', (_file, text) => {
  it(`passes the token from the secret ${FIRST} only`, () => {
    const secrets = [...text.matchAll(/token: \$\{\{ secrets\.(\w+) \}\}/g)].map(m => m[1])
    expect(secrets.length).toBeGreaterThanOrEqual(5)
    expect([...new Set(secrets)]).toEqual([FIRST])
  })

  it(`names ${FIRST} before the other token variables, wherever they appear`, () => {
    const lines = text.split('\n').filter(line => ALSO.some(name => line.includes(name)))
    const late = lines.filter(line => {
      const first = line.indexOf(FIRST)
      return first < 0 || ALSO.some(name => line.includes(name) && line.indexOf(name) < first)
    })
    expect(late).toEqual([])
  })

  it('names the app my-app, never a SUBHOSTING_PROJECT_ID variable', () => {
    expect(text).not.toContain('SUBHOSTING_PROJECT_ID')
    expect(text).toContain('project: my-app')
  })
})

it('the CLI reads DENO_DEPLOY_TOKEN first', () => {
  expect(FIRST).toBe('DENO_DEPLOY_TOKEN')
})

it('docs/workflows.md describes promotion on v2 and on v1', () => {
  const docs = DOCS['docs/workflows.md']
  const section = docs.slice(docs.indexOf('**Promotion without rebuild.**'))
  const promotion = section.slice(0, section.indexOf('**Cleanup.**'))
  expect(promotion).toContain('POST /revisions/{id}/promote')
  expect(promotion).toContain('PUT /deployments/{id}/domains/{domain}')
  expect(promotion).toContain('comment: false')
})

it('action.yml says the comment is what promotion reads', () => {
  const action = parseYaml(read('action.yml')) as {
    inputs: Record<string, { description: string }>
  }
  expect(action.inputs.comment.description).toMatch(/promotion's record/)
  expect(action.inputs.promote.description).toMatch(/Needs the pull request comment/)
})
