/**
 * The client and the local server keep their own lists of v2 framework presets (server/ imports
 * nothing from src/), so the end-to-end tests can catch a client that sends a preset the platform
 * refuses. This keeps the two lists equal: a preset added on one side must be added on the other.
 */
import { describe, expect, it } from '@jest/globals'
import { FRAMEWORKS as CLIENT } from '../src/core/platform/v2/wire-types.js'
import { FRAMEWORKS as SERVER } from '../server/api/v2/validate.js'

describe('v2 framework presets', () => {
  it('the client offers exactly the presets the local server accepts', () => {
    expect([...CLIENT].sort()).toEqual(SERVER.filter(preset => preset !== '').sort())
  })

  it("the server's list includes '' (no preset), as the v2 document enumerates it", () => {
    expect(SERVER).toContain('')
  })
})
