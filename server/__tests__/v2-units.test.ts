// Pure pieces of the v2 server: Accept negotiation of streams and the layer flattening order.
import { describe, it, expect } from '@jest/globals'
import type { IncomingMessage } from 'node:http'
import { streamFormat } from '../api/v2/http.js'
import { layerEnvVars } from '../api/v2/layers.js'
import type { LayerRec, V2State } from '../api/v2/model.js'

const accepting = (accept?: string): IncomingMessage =>
  ({ headers: accept === undefined ? {} : { accept } }) as IncomingMessage

describe('v2 units', () => {
  it('answers SSE only when Accept prefers it, by q-value and then by order', () => {
    const cases: [string | undefined, string][] = [
      [undefined, 'jsonl'],
      ['*/*', 'jsonl'],
      ['text/event-stream', 'sse'],
      ['text/event-stream;q=0.5, application/x-ndjson', 'jsonl'],
      ['application/x-ndjson;q=0.4, text/event-stream', 'sse'],
      ['application/x-ndjson, text/event-stream', 'jsonl'],
      ['text/event-stream, application/x-ndjson', 'sse'],
      ['text/*;q=0.9, application/*;q=0.8', 'sse'],
      ['text/event-stream;q=0', 'jsonl']
    ]
    expect(cases.map(([accept]) => [accept, streamFormat(accepting(accept))])).toEqual(cases)
  })

  it('flattens layers depth-first: bases first, the including layer last (it wins)', () => {
    const layer = (id: string, layerIds: string[]): LayerRec => ({
      id,
      slug: id,
      description: null,
      layerIds,
      envVars: [{ id: `${id}-v`, key: 'K', value: id, secret: false, contexts: 'all' }],
      createdAt: '',
      updatedAt: '',
      seq: 0
    })
    const layers = {
      a: layer('a', []),
      b: layer('b', []),
      x: layer('x', ['a', 'b']),
      y: layer('y', ['x'])
    }
    const state = { layers } as unknown as V2State
    expect(layerEnvVars(state, ['x']).map(v => v.value)).toEqual(['a', 'b', 'x'])
    expect(layerEnvVars(state, ['y', 'a']).map(v => v.value)).toEqual(['a', 'b', 'x', 'y', 'a'])
  })
})
