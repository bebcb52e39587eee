import { describe, expect, it } from '@jest/globals'
import {
  AbortedError,
  DeadlineError,
  backoffDelay,
  parseRetryAfter,
  retry,
  sleep
} from '../src/core/http/retry.js'

describe('parseRetryAfter', () => {
  const now = Date.parse('2026-01-01T00:00:00Z')

  it('reads delta-seconds, including fractions', () => {
    expect(parseRetryAfter('3', now)).toBe(3000)
    expect(parseRetryAfter(' 0 ', now)).toBe(0)
    expect(parseRetryAfter('1.5', now)).toBe(1500)
  })

  it('reads an HTTP date relative to now, and a past date as 0', () => {
    expect(parseRetryAfter('Thu, 01 Jan 2026 00:00:10 GMT', now)).toBe(10_000)
    expect(parseRetryAfter('Wed, 31 Dec 2025 23:59:00 GMT', now)).toBe(0)
  })

  it('returns null when absent or malformed', () => {
    expect(parseRetryAfter(null, now)).toBeNull()
    expect(parseRetryAfter(undefined, now)).toBeNull()
    expect(parseRetryAfter('soon', now)).toBeNull()
    expect(parseRetryAfter('-5', now)).toBeNull()
    expect(parseRetryAfter('', now)).toBeNull()
  })
})

describe('backoffDelay', () => {
  const options = { baseMs: 100, capMs: 1000 }

  it('doubles per attempt, jittered within [d/2, d]', () => {
    expect(backoffDelay(0, options, () => 0)).toBe(50)
    expect(backoffDelay(0, options, () => 1)).toBe(100)
    expect(backoffDelay(2, options, () => 0)).toBe(200)
    expect(backoffDelay(2, options, () => 1)).toBe(400)
  })

  it('never exceeds the cap', () => {
    for (let attempt = 0; attempt < 40; attempt++) {
      const delay = backoffDelay(attempt, options)
      expect(delay).toBeGreaterThanOrEqual(Math.min(1000, 100 * 2 ** attempt) / 2)
      expect(delay).toBeLessThanOrEqual(1000)
    }
  })
})

describe('sleep', () => {
  it('rejects at once when the wait would pass the deadline', async () => {
    await expect(sleep(60_000, undefined, Date.now() + 1000)).rejects.toBeInstanceOf(DeadlineError)
  })

  it('rejects with AbortedError when aborted before or during the wait', async () => {
    await expect(sleep(10, AbortSignal.abort())).rejects.toBeInstanceOf(AbortedError)
    const controller = new AbortController()
    const waiting = sleep(60_000, controller.signal)
    controller.abort()
    await expect(waiting).rejects.toBeInstanceOf(AbortedError)
  })
})

describe('retry', () => {
  const fast = { baseMs: 1, capMs: 2 }

  it('retries retryable failures until one succeeds', async () => {
    let calls = 0
    const result = await retry(
      async () => {
        calls++
        if (calls < 3) throw new Error('flaky')
        return 'ok'
      },
      {
        deadline: Date.now() + 60_000,
        maxAttempts: 5,
        backoff: fast,
        classify: () => ({ retry: true })
      }
    )
    expect(result).toBe('ok')
    expect(calls).toBe(3)
  })

  it('rethrows a non-retryable error at once', async () => {
    let calls = 0
    const fatal = new Error('fatal')
    await expect(
      retry(
        async () => {
          calls++
          throw fatal
        },
        {
          deadline: Date.now() + 60_000,
          maxAttempts: 5,
          backoff: fast,
          classify: () => ({ retry: false })
        }
      )
    ).rejects.toBe(fatal)
    expect(calls).toBe(1)
  })

  it('stops after maxAttempts with the last error', async () => {
    let calls = 0
    await expect(
      retry(
        async () => {
          calls++
          throw new Error(`failure ${calls}`)
        },
        {
          deadline: Date.now() + 60_000,
          maxAttempts: 3,
          backoff: fast,
          classify: () => ({ retry: true })
        }
      )
    ).rejects.toThrow('failure 3')
    expect(calls).toBe(3)
  })

  it('uses the delay the classifier gives (Retry-After) and stops when it passes the deadline', async () => {
    const delays: number[] = []
    let calls = 0
    await expect(
      retry(
        async () => {
          calls++
          throw new Error('rate limited')
        },
        {
          deadline: Date.now() + 5_000,
          maxAttempts: 10,
          classify: (_error, attempt) => ({ retry: true, delayMs: attempt === 0 ? 5 : 60_000 }),
          onRetry: (_error, _attempt, delayMs) => delays.push(delayMs)
        }
      )
    ).rejects.toThrow('rate limited')
    expect(delays).toEqual([5])
    expect(calls).toBe(2)
  })

  it('rejects with AbortedError when aborted during a wait', async () => {
    const controller = new AbortController()
    await expect(
      retry(
        async () => {
          throw new Error('down')
        },
        {
          deadline: Date.now() + 600_000,
          maxAttempts: 10,
          signal: controller.signal,
          classify: () => ({ retry: true, delayMs: 60_000 }),
          onRetry: () => controller.abort()
        }
      )
    ).rejects.toBeInstanceOf(AbortedError)
  })
})
