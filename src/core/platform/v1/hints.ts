/** What to do about an error answer of the v1 API, naming the input that fixes it. */
import {
  commonHint,
  inputFor,
  rejectedHint,
  routeHint,
  type ApiErrorDetails,
  type InputRule
} from '../../http/api-errors.js'
import { inputName, inputNames } from '../../text/wording.js'

const CODE_INPUTS: InputRule[] = [
  [/^domain/i, 'domains'],
  [/^(entrypoint|entryPoint)/i, 'entrypoint'],
  [/^(importMap|lockFile)/i, 'import-map'],
  [/^database/i, 'database-id'],
  [/^envVar/i, 'env-vars'],
  [/^(missingAssets|asset)/i, 'root/include/exclude']
]

/** Which input a 400 message most likely points at, by the request field it names. */
const WORD_INPUTS: InputRule[] = [
  [/entry ?point/i, 'entrypoint'],
  [/import ?map/i, 'import-map'],
  [/lock ?file/i, 'lock-file'],
  [/compiler ?options|jsx|decorator/i, 'compiler-options'],
  [/database|\bkv\b/i, 'database-id'],
  [/env ?vars?|environment variable/i, 'env-vars'],
  [/request ?timeout/i, 'request-timeout'],
  [/permission|\bnet\b/i, 'allow-net'],
  [/domain/i, 'domains'],
  [/description/i, 'description'],
  [/asset|symlink|gitSha1|file/i, 'root/include/exclude']
]

export function v1HintFor(details: ApiErrorDetails): string {
  const { status, code } = details
  if (status === 401 || code === 'invalidToken') {
    return (
      `Check ${inputName('token')}: it must be a Subhosting organization access token (v1), ` +
      'not expired or revoked.'
    )
  }
  if (status === 403) {
    return `Check that ${inputName('token')} belongs to the organization that owns the project.`
  }
  if (code === 'projectNotFound') {
    return (
      `Check ${inputName('project')}: it must be the project's UUID, and the organization of the ` +
      'token must own that project.'
    )
  }
  if (code === 'deploymentNotFound') {
    return 'The deployment no longer exists; it was probably deleted while this run used it.'
  }
  const route = routeHint(details)
  if (route) return route
  if (status === 400 || status === 409)
    return rejectedHint(inputFor(CODE_INPUTS, WORD_INPUTS, details))
  if (status === 404) return `Check ${inputNames('api-url', 'project')}.`
  return commonHint(status)
}
