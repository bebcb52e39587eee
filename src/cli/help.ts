import { DEPLOY_FLAGS, OUTPUT_FLAGS, TOKEN_ENV_VARS, type FlagSpec } from './flags.js'

/** `--help`: every flag with its description, generated from the flag table. */
export function helpText(): string {
  return [
    'subhosting-deploy: deploy a directory to Deno Deploy (a new revision of an app), wait until it',
    'serves, print the URL. A Subhosting v1 API works too: pass its --api-url and a project ID.',
    'The same deploy as the GitHub Action: every flag mirrors the action input of the same name.',
    '',
    'Usage: subhosting-deploy --project APP --entrypoint main.ts [--production] [options]',
    '       subhosting-deploy projects create --organization ID [--name NAME] [--api-url URL] [--json]',
    '       subhosting-deploy databases create --organization ID [--description TEXT] [--api-url URL] [--json]',
    '       subhosting-deploy promote ID --project APP [--json] [--dry-run]',
    '       subhosting-deploy delete ID --project APP [--json] [--dry-run]',
    '       subhosting-deploy previews list --project APP [--pr N] [--json]',
    '       subhosting-deploy previews prune --project APP [--pr N] [--older-than 14d] [--keep N] [--json] [--dry-run]',
    '',
    'Deploy options:',
    ...table(DEPLOY_FLAGS),
    '',
    'Output:',
    ...table(OUTPUT_FLAGS),
    '',
    'Environment:',
    `  ${TOKEN_ENV_VARS[0]}   API token; ${TOKEN_ENV_VARS.slice(1).join(' and ')} are read too.`,
    '  NO_COLOR            Disable colors (they are only used on a terminal anyway).',
    '',
    'Previews: list, prune, promote and delete the pull-request previews this tool created (v2',
    'revision labels; v1 the `[deploy …]` description marker). Never removed: the production',
    'revision, one serving a custom domain, one still building. --api-url/--api-version pick the API.',
    '',
    'Exit codes: 0 deployed, 1 deploy failed, 2 bad input, 130 cancelled.',
    'The dotenv file flag is --env-vars-file: Node itself takes --env-file wherever it appears.',
    'On Deno Deploy (v2) apps are created in the dashboard; projects create / databases create',
    'are for a v1 API (Subhosting v1 or the local server; default https://api.deno.com/v1).',
    '',
    'Example (Deno Deploy, a preview revision of the app my-app):',
    `  ${TOKEN_ENV_VARS[0]}=... subhosting-deploy --project my-app --entrypoint main.ts`,
    '',
    'Example (v1: the local server from `npm run server`):',
    `  ${TOKEN_ENV_VARS[0]}=... subhosting-deploy --api-url http://127.0.0.1:8420/v1 \\`,
    '    --project <uuid> --root examples/hello --entrypoint main.ts'
  ].join('\n')
}

function table(flags: readonly FlagSpec[]): string[] {
  const names = flags.map(flag => {
    const short = flag.short ? `-${flag.short}, ` : ''
    const value = flag.type === 'string' ? ` ${flag.value ?? 'VALUE'}` : ''
    return `${short}--${flag.name}${value}`
  })
  const width = Math.max(...names.map(name => name.length)) + 2
  return flags.map((flag, i) => `  ${names[i].padEnd(width)}${flag.description}`)
}
