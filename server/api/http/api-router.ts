// The last step of an API request: auth, then the v1 or v2 route; every failure becomes a reply.
import type { IncomingMessage, ServerResponse } from 'node:http'
import { checkToken } from './auth.js'
import type { Ctx } from '../context.js'
import { HttpError } from './errors.js'
import { isStream, parseJsonBody, readBody, sendJson, type Reply } from './http-util.js'
import { matchRoute } from './router.js'
import { isV2Path, v2ErrorBody } from '../v2/index.js'

/** v1 answers `{code, message}`; v2 answers its own envelope (see v2/errors.ts). */
const errorReply = (err: HttpError, pathname: string): Reply => ({
  status: err.status,
  body: isV2Path(pathname)
    ? v2ErrorBody(err)
    : { code: err.code, message: err.message, ...err.fields },
  headers: err.headers
})

export async function deliver(res: ServerResponse, reply: Reply): Promise<void> {
  if (isStream(reply)) await reply.stream(res)
  else sendJson(res, reply.status, reply.body, reply.headers)
}

async function answerRoute(ctx: Ctx, req: IncomingMessage, url: URL): Promise<Reply> {
  checkToken(req, ctx.token)
  const match = matchRoute(req.method ?? 'GET', url.pathname)
  if (match.kind === 'method')
    throw new HttpError(
      405,
      'methodNotAllowed',
      `${req.method} is not allowed on ${url.pathname}; use ${match.allowed.join(' or ')}.`,
      { allow: match.allowed.join(', ') }
    )
  if (match.kind === 'none')
    throw new HttpError(
      404,
      'routeNotFound',
      `No API route ${req.method} ${url.pathname}. The v1 API lives under /v1, the v2 API under /v2 (or /api/v2).`
    )
  let parsed: Promise<unknown> | undefined
  const body = (): Promise<unknown> => (parsed ??= readBody(req).then(parseJsonBody))
  return await match.route.handler(ctx, { req, url, params: match.params, body })
}

/** Runs auth and the route; every failure becomes an error reply in the path's API version. */
export async function routeApiRequest(ctx: Ctx, req: IncomingMessage, url: URL): Promise<Reply> {
  try {
    return await answerRoute(ctx, req, url)
  } catch (err) {
    if (err instanceof HttpError) return errorReply(err, url.pathname)
    process.stderr.write(
      `subhosting: ${req.method} ${url.pathname} failed: ${(err as Error).stack}\n`
    )
    return errorReply(
      new HttpError(500, 'internalServerError', `Internal error: ${(err as Error).message}`),
      url.pathname
    )
  }
}
