import { HttpError } from '../http/errors.js'

/** v1 error codes (thrown by shared code) → the v2 API's SCREAMING_SNAKE codes. */
const FROM_V1: Record<string, string> = {
  invalidToken: 'UNAUTHORIZED',
  invalidRequest: 'MALFORMED_REQUEST',
  missingAssets: 'MALFORMED_REQUEST',
  routeNotFound: 'NOT_FOUND',
  requestTooLarge: 'PAYLOAD_TOO_LARGE',
  internalServerError: 'INTERNAL_SERVER_ERROR'
}

/** `/v2/...` and `/api/v2/...` (console.deno.com's spelling) are the v2 API. */
export const isV2Path = (pathname: string): boolean => /^\/(api\/)?v2(\/|$)/.test(pathname)

export function v2Code(code: string): string {
  return FROM_V1[code] ?? code.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase()
}

/** The spec's nested envelope plus top-level fields, which `@deno/sandbox` reads. */
export function v2ErrorBody(err: HttpError): Record<string, unknown> {
  const code = v2Code(err.code)
  return { error: { code, message: err.message }, code, message: err.message, ...err.fields }
}

export const malformed = (message: string): HttpError =>
  new HttpError(400, 'MALFORMED_REQUEST', message)

export const v2NotFound = (message: string): HttpError => new HttpError(404, 'NOT_FOUND', message)

export const conflict = (code: string, message: string): HttpError =>
  new HttpError(409, code, message)
