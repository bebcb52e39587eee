/**
 * An error the API answers with `{code, message}` and the given status; `fields` adds
 * machine-readable detail next to them (e.g. `missingAssets`, the full list the message quotes).
 */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly headers: Record<string, string> = {},
    readonly fields: Record<string, unknown> = {}
  ) {
    super(message)
  }
}

export const invalidRequest = (message: string): HttpError =>
  new HttpError(400, 'invalidRequest', message)

export const notFound = (code: string, message: string): HttpError =>
  new HttpError(404, code, message)
