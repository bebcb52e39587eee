// Applies the injected fault (if any) that matched an API request around its normal handling.
import type { IncomingMessage, ServerResponse } from 'node:http'
import { deliver } from '../http/api-router.js'
import { HttpError } from '../http/errors.js'
import type { FaultRule } from './faults.js'
import { sendError, type Reply } from '../http/http-util.js'

const sleep = (ms: number | undefined): Promise<void> =>
  new Promise(resolve => setTimeout(resolve, ms))

/** A reset drops the connection; a status fault answers the injected error instead. */
function failRequest(fault: FaultRule, req: IncomingMessage, res: ServerResponse, url: URL): void {
  if (fault.fault === 'reset') {
    req.socket.destroy()
    return
  }
  req.resume()
  const headers: Record<string, string> = {}
  if (fault.retryAfter !== undefined) headers['retry-after'] = String(fault.retryAfter)
  sendError(
    res,
    new HttpError(
      fault.status!,
      'injectedFault',
      `Injected fault: ${fault.status} for ${req.method} ${url.pathname}.`,
      headers
    )
  )
}

/**
 * 'before' (the default): the fault strikes before the request is handled (a delay waits first).
 * 'after': the request is handled, then its answer is lost (or, for a delay, comes late) — the
 * case that tests whether a client's retry can create something twice.
 */
export async function answerWithFault(
  fault: FaultRule | undefined,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  handle: () => Promise<Reply>
): Promise<void> {
  if (!fault) return deliver(res, await handle())
  const after = fault.when === 'after'
  if (fault.fault !== 'delay') {
    if (after) await handle()
    return failRequest(fault, req, res, url)
  }
  if (!after) await sleep(fault.delayMs)
  const reply = await handle()
  if (after) await sleep(fault.delayMs)
  await deliver(res, reply)
}
