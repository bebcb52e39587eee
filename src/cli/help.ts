import { DEPLOY_FLAGS, OUTPUT_FLAGS, TOKEN_ENV_VARS, type FlagSpec } from './flags.js'

/** `--help`: every flag with its description, generated from the flag table. */
export function helpText(): string {
  return [
    'subhosting-deploy: deploy a directory to a Subhosting v1 API, wait until it serves, print the URL.',
    'The same deploy as the GitHub Action: every flag mirrors the action input of the same name.',
    '',
    'Usage: subhosting-deploy --project ID --entrypoint main.ts [options]',
    '       subhosting-deploy projects create --organization ID [--name NAME] [--api-url URL] [--json]',
    '       subhosting-deploy databases create --organization ID [--description TEXT] [--api-url URL] [--json]',
    '',
    'Deploy options:',
    ...table(DEPLOY_FLAGS),
    '',
    'Output:',
    ...table(OUTPUT_FLAGS),
    '',
    'Environment:',
    `  ${TOKEN_ENV_VARS[0]}    API token; ${TOKEN_ENV_VARS[1]} is read too.`,
    '  NO_COLOR            Disable colors (they are only used on a terminal anyway).',
    '',
    'Exit codes: 0 deployed, 1 deploy failed, 2 bad input, 130 cancelled.',
    'The dotenv file flag is --env-vars-file: Node itself takes --env-file wherever it appears.',
    'projects create / databases create talk to a v1 API (default https://api.deno.com/v1).',
    '',
    'Example (local server from `npm run server`):',
    '  SUBHOSTING_TOKEN=... subhosting-deploy --api-url http://127.0.0.1:8420/v1 \\',
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
