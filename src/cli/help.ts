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
    '       subhosting-deploy analytics --project APP [--api-url URL] [--json]',
    '       subhosting-deploy COMMAND --help   (promote, delete, previews, previews list, previews prune, analytics)',
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
    'Previews: list and prune the pull-request previews this tool created (v2 revision labels; v1',
    'the `[deploy …]` description marker); promote and delete take any revision (deployment) ID of',
    'the --project app (project), and refuse one of another app. Never removed: the production',
    'revision, one serving a custom domain, one still building. --api-url/--api-version pick the API.',
    'Analytics: the traffic of the app (project) over the last 24 hours.',
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

/** The options every command that reads an app (project) takes. */
const TARGET_OPTIONS = [
  "  --project APP          The app's slug or ID (v2), or the project's UUID (v1). Required.",
  '  --api-url URL          API base URL (default https://api.deno.com/v2; a v1 server ends in /v1).',
  '  --api-version v1|v2    Which API --api-url speaks (default: from its path).',
  '  --organization SLUG    v2: organization slug or ID, needed with a personal ddp_ token.',
  '  --json                 Print one JSON object on stdout.',
  '  -h, --help             Show this help.'
]

const TOKEN_LINE = `The token is read from ${TOKEN_ENV_VARS.join(', ')}.`

const COMMAND_HELP: Readonly<Record<string, string[]>> = {
  promote: [
    'Usage: subhosting-deploy promote ID --project APP [--dry-run] [--json]',
    '',
    'Makes revision ID of the app serve production without a rebuild (v2), and waits until it',
    'answers there; on v1 (no production timeline) it checks that deployment ID serves its URL.',
    'ID must belong to --project: a revision of another app is refused (exit 2).',
    '',
    ...TARGET_OPTIONS,
    '  --dry-run              Only check that ID exists in the app.'
  ],
  delete: [
    'Usage: subhosting-deploy delete ID --project APP [--dry-run] [--json]',
    '',
    'Deletes revision (v1: deployment) ID of the app. Any revision of the app may be deleted, not',
    'only the pull-request previews this tool created, except: the production revision, one',
    'serving a custom domain, one still building (refused, exit 2). An ID the app does not have',
    '(none at all, or one of another app) is refused too (exit 2).',
    '',
    ...TARGET_OPTIONS,
    '  --dry-run              Say whether it would be deleted; delete nothing.'
  ],
  previews: [
    'Usage: subhosting-deploy previews list --project APP [--pr N] [--json]',
    '       subhosting-deploy previews prune --project APP [--pr N] [--older-than AGE] [--keep N] [--dry-run] [--json]',
    '',
    'The pull-request previews this tool created in the app: `previews list --help` and',
    '`previews prune --help` say more.'
  ],
  'previews list': [
    'Usage: subhosting-deploy previews list --project APP [--pr N] [--json]',
    '',
    'Lists the pull-request previews this tool created in the app, oldest first: pull request,',
    'ID, age, state, URL, and what it serves besides its own URL.',
    '',
    ...TARGET_OPTIONS,
    '  --pr N                 Only the previews of pull request N.'
  ],
  'previews prune': [
    'Usage: subhosting-deploy previews prune --project APP [--pr N] [--older-than AGE] [--keep N] [--dry-run] [--json]',
    '',
    'Deletes the pull-request previews this tool created that match every criterion given; at',
    'least one is required. Never removed: the production revision, one serving a custom domain,',
    'one still building, one created after the listing started.',
    '',
    ...TARGET_OPTIONS,
    '  --pr N                 Only the previews of pull request N.',
    '  --older-than AGE       Only previews older than AGE, with its unit: 14d, 12h, 30m or 90s.',
    '  --keep N               Keep the newest N (at least 1) of each pull request.',
    '  --dry-run              List what would be deleted; delete nothing.'
  ],
  analytics: [
    'Usage: subhosting-deploy analytics --project APP [--api-url URL] [--json]',
    '',
    'The traffic of the app (v1: project) over the last 24 hours, as the platform reports it.',
    '',
    ...TARGET_OPTIONS
  ]
}

/** The usage of one command (`previews prune`, `delete`, ...); null for an unknown one. */
export function commandHelp(command: string): string | null {
  const lines = COMMAND_HELP[command]
  return lines ? [...lines, '', TOKEN_LINE].join('\n') : null
}
