// /_admin/faults: tests add, list and clear injected faults; never subject to faults itself.
import type { IncomingMessage, ServerResponse } from 'node:http'
import { checkToken, isLoopbackPeer } from '../http/auth.js'
import type { Ctx } from '../context.js'
import { HttpError } from '../http/errors.js'
import { parseFaultRules } from './faults.js'
import { parseJsonBody, readBody, sendError, sendJson } from '../http/http-util.js'

export const ADMIN_PATH = '/_admin/faults'

async function answerAdmin(ctx: Ctx, req: IncomingMessage, res: ServerResponse): Promise<void> {
  checkToken(req, ctx.token)
  if (req.method === 'GET') return sendJson(res, 200, { rules: ctx.faults.list() })
  if (req.method === 'DELETE') {
    ctx.faults.clear()
    return sendJson(res, 200, { rules: [] })
  }
  if (req.method === 'POST') {
    const body = parseJsonBody(await readBody(req)) as { rules?: unknown } | undefined
    ctx.faults.add(parseFaultRules(body?.rules, 'rules'))
    return sendJson(res, 200, { rules: ctx.faults.list() })
  }
  throw new HttpError(405, 'methodNotAllowed', `Use GET, POST or DELETE on ${ADMIN_PATH}.`)
}

/** Loopback peers only: whoever can reach a public listener must not be able to break it. */
export async function handleAdmin(
  ctx: Ctx,
  req: IncomingMessage,
  res: ServerResponse
): Promise<void> {
  if (!isLoopbackPeer(req))
    return sendError(
      res,
      new HttpError(403, 'forbidden', 'Fault injection is only available from loopback addresses.')
    )
  try {
    await answerAdmin(ctx, req, res)
  } catch (err) {
    sendError(
      res,
      err instanceof HttpError
        ? err
        : new HttpError(500, 'internalServerError', (err as Error).message)
    )
  }
}
