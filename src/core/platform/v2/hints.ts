/** What to do about an error answer of the v2 API, naming the input that fixes it. */
import {
  commonHint,
  inputFor,
  rejectedHint,
  routeHint,
  type ApiErrorDetails,
  type InputRule
} from '../../http/api-errors.js'
import { inputName, inputNames } from '../../text/wording.js'

/** v2 codes are SCREAMING_SNAKE; the ones that name a field point at its input. */
const CODE_INPUTS: InputRule[] = [
  [/DOMAIN/, 'domains'],
  [/FRAMEWORK/, 'framework'],
  [/ENTRYPOINT|RUNTIME/, 'entrypoint'],
  [/ENV_VAR/, 'env-vars'],
  [/ASSET/, 'root/include/exclude']
]

/** Domains first: a domain message speaks of labels ("any single label under it"). */
const WORD_INPUTS: InputRule[] = [
  [/domain|host ?name/i, 'domains'],
  [/entry ?point|runtime/i, 'entrypoint'],
  [/framework/i, 'framework'],
  [/install/i, 'install-command'],
  [/\bbuild\b/i, 'build-command'],
  [/env_?vars?|environment variable/i, 'env-vars'],
  [/labels?\b/i, 'description'],
  [/asset|symlink|file/i, 'root/include/exclude']
]

/** A domain refused in a deploy request is one of `preview-domains` (production binds later). */
function inputOf(details: ApiErrorDetails): string | undefined {
  const input = inputFor(CODE_INPUTS, WORD_INPUTS, details)
  return input === 'domains' && /\/deploy$/.test(details.operation) ? 'preview-domains' : input
}

export function v2HintFor(details: ApiErrorDetails): string {
  const { status, code, serverMessage } = details
  if (status === 401) {
    return (
      `Check ${inputName('token')}: it must be a Deno Deploy organization token (\`ddo_…\`), or a ` +
      `personal token (\`ddp_…\`) together with ${inputName('organization')}; not expired or revoked.`
    )
  }
  if (status === 403) {
    return `Check that ${inputNames('token', 'organization')} give access to the app and this feature.`
  }
  const route = routeHint(details)
  if (route) return route
  if (status === 404 && /\bapp\b/i.test(serverMessage)) {
    return (
      `Check ${inputName('project')}: with v2 it is the app's slug or ID, and the app must belong ` +
      `to the organization of the token (or ${inputName('organization')}).`
    )
  }
  if (status === 404) return `Check ${inputNames('api-url', 'project', 'organization')}.`
  if (status === 400 || status === 422) return rejectedHint(inputOf(details))
  if (status === 409) {
    const input = inputOf(details)
    return input
      ? `The platform refused the change in the current state (${code}); check ${inputName(input)}.`
      : `The platform refused the change in the current state (${code}).`
  }
  return commonHint(status)
}
