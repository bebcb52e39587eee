// The conformance schemas (server/testing/v2-schemas.ts) against the OpenAPI document's own
// operations and examples, embedded verbatim in fixtures/ so nothing outside the repository is read.
import { describe, it, expect } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { COMPONENTS, OPERATIONS, operationOf } from '../testing/v2-schemas.js'

interface Fixture {
  operations: { operationId: string; method: string; path: string; status: number }[]
  examples: Record<string, unknown>
}

const fixture = JSON.parse(
  readFileSync(new URL('./fixtures/v2-openapi-examples.json', import.meta.url), 'utf8')
) as Fixture

describe('v2 conformance schemas', () => {
  it('name every operation of the document with its method, path and success status', () => {
    const documented = Object.fromEntries(
      fixture.operations.map(({ operationId, ...rest }) => [operationId, rest])
    )
    const ours = Object.fromEntries(
      Object.entries(OPERATIONS).map(([id, op]) => [
        id,
        { method: op.method, path: op.path, status: op.status }
      ])
    )
    expect(ours).toEqual(documented)
    expect(fixture.operations).toHaveLength(34)
    for (const op of fixture.operations) {
      const concrete = op.path.replace(/\{[^}]+\}/g, 'x-1')
      expect(operationOf(op.method, concrete)).toBe(op.operationId)
    }
  })

  it('accept every example the document gives for a schema they express', () => {
    const names = Object.keys(fixture.examples)
    expect(names.length).toBeGreaterThan(15)
    const failures = names
      .filter(name => {
        const schema = COMPONENTS[name]
        if (!schema) throw new Error(`no schema for the document's example ${name}`)
        return !schema.safeParse(fixture.examples[name]).success
      })
      .map(name => `${name}: ${String(COMPONENTS[name].safeParse(fixture.examples[name]).error)}`)
    expect(failures).toEqual([])
  })

  it('reject answers that break the document (so a pass means something)', () => {
    const revision = fixture.examples.Revision as Record<string, unknown>
    expect(COMPONENTS.Revision.safeParse({ ...revision, status: 'done' }).success).toBe(false)
    const withoutReason = { ...revision }
    delete withoutReason.failure_reason
    expect(COMPONENTS.Revision.safeParse(withoutReason).success).toBe(false)
    expect(
      COMPONENTS.Layer.safeParse({ ...(fixture.examples.Layer as object), app_count: '1' }).success
    ).toBe(false)
  })
})
