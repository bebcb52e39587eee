import { parseArgs } from 'node:util'
import { ApiError, NetworkError } from '../core/http/api-errors.js'
import { ApiTransport, readJson } from '../core/http/transport.js'
import { UsageError } from './args.js'
import { TOKEN_ENV_VARS } from './flags.js'

/**
 * `projects create` and `databases create`: the two things a new user needs before the first
 * deploy, without curl. Each is one POST to the organization of a v1 API (the local server, or
 * Subhosting v1) and prints what to pass to the deploy next. On Deno Deploy (v2) apps and
 * databases are created in the dashboard.
 */
const V1_API_URL = 'https://api.deno.com/v1'

export const ORG_COMMANDS = {
  projects: {
    path: 'projects',
    field: 'name',
    what: 'project',
    next: (id: string) => `--project ${id}`
  },
  databases: {
    path: 'databases',
    field: 'description',
    what: 'KV database',
    next: (id: string) => `--database-id ${id}`
  }
} as const

export type OrgCommandName = keyof typeof ORG_COMMANDS

export interface OrgCommandIo {
  argv: string[]
  env: NodeJS.ProcessEnv
  write(text: string): void
  /** One line per retry ("… ECONNREFUSED 127.0.0.1:8420; retrying in 0.5 s …"). */
  log?(message: string): void
}

export function isOrgCommand(argv: string[]): boolean {
  return argv[0] === 'projects' || argv[0] === 'databases'
}

/** Runs `<projects|databases> create …`; throws UsageError for a bad command line. */
export async function runOrgCommand(io: OrgCommandIo): Promise<void> {
  const [group, verb, ...rest] = io.argv
  const command = ORG_COMMANDS[group as OrgCommandName]
  if (verb !== 'create') {
    throw new UsageError(
      `${group} ${verb ?? ''}`.trim() + `: the only subcommand is "${group} create"; see --help.`
    )
  }
  const flags = readFlags(rest, command.field)
  const token = TOKEN_ENV_VARS.map(name => io.env[name]).find(Boolean)
  if (!token) {
    throw new UsageError(
      `${TOKEN_ENV_VARS[0]} is not set. Export an organization access token: ` +
        `${TOKEN_ENV_VARS[0]}=... subhosting-deploy ${group} create ...`
    )
  }
  const url = `${flags.apiUrl.replace(/\/+$/, '')}/organizations/${encodeURIComponent(flags.organization)}/${command.path}`
  const body = flags.text === undefined ? {} : { [command.field]: flags.text }
  const created = await post(url, token, body, io.log)
  if (flags.json) {
    io.write(JSON.stringify(created, null, 2) + '\n')
    return
  }
  const name = typeof created.name === 'string' ? ` "${created.name}"` : ''
  io.write(
    `Created ${command.what}${name} ${created.id}\n` +
      `Deploy with: subhosting-deploy --api-url ${flags.apiUrl} ${command.next(created.id)} ...\n`
  )
}

interface OrgFlags {
  organization: string
  apiUrl: string
  text: string | undefined
  json: boolean
}

function readFlags(argv: string[], field: string): OrgFlags {
  let values: Record<string, string | boolean | undefined>
  try {
    values = parseArgs({
      args: argv,
      options: {
        organization: { type: 'string' },
        'api-url': { type: 'string' },
        [field]: { type: 'string' },
        json: { type: 'boolean' }
      },
      strict: true,
      allowPositionals: false
    }).values
  } catch (error) {
    throw new UsageError(`${(error as Error).message}; see --help.`)
  }
  const apiUrl = typeof values['api-url'] === 'string' ? values['api-url'] : V1_API_URL
  if (/\/v2\/?$/.test(apiUrl)) {
    throw new UsageError(
      `projects and databases are v1 resources, and ${apiUrl} is a v2 API. On v2 create an app: ` +
        `curl -X POST -H "Authorization: Bearer $${TOKEN_ENV_VARS[0]}" -H 'content-type: application/json' ` +
        `-d '{"slug":"my-app"}' ${apiUrl.replace(/\/+$/, '')}/apps`
    )
  }
  const organization = values.organization
  if (typeof organization !== 'string' || organization === '') {
    throw new UsageError(
      '--organization is required: the organization ID (the local server prints it as ' +
        '"organizationId" when it starts).'
    )
  }
  return {
    organization,
    apiUrl,
    text: typeof values[field] === 'string' ? values[field] : undefined,
    json: values.json === true
  }
}

interface Created {
  id: string
  name?: unknown
  [key: string]: unknown
}

/** How long a create may take in all, retries included. */
const ORG_COMMAND_DEADLINE_MS = 60_000

/**
 * One POST on the deploy's transport: resent only when it provably never left (so nothing is
 * created twice), with the deploy's rules for a host that does not resolve (no retry) and a
 * refused connection (a few seconds), each retry line naming the cause.
 */
async function post(
  url: string,
  token: string,
  body: object,
  log: (message: string) => void = () => {}
): Promise<Created> {
  const transport = new ApiTransport({
    apiUrl: new URL(url).origin,
    token,
    deadline: Date.now() + ORG_COMMAND_DEADLINE_MS,
    log
  })
  const payload = JSON.stringify(body)
  let created: Created | undefined
  try {
    created = await transport.call(
      `POST ${new URL(url).pathname}`,
      error => error instanceof NetworkError && !error.bodySent,
      transport.maxAttempts,
      async () =>
        readJson<Created | undefined>(await transport.send('POST', url, { body: payload }))
    )
  } catch (error) {
    if (error instanceof NetworkError) {
      throw new Error(`Could not reach ${url} (${error.reason}); check --api-url.`)
    }
    if (!(error instanceof ApiError)) throw error
    const message = error.serverMessage.replace(/[.\s]+$/, '')
    throw new Error(
      `POST ${url} answered HTTP ${error.status}: ${message}; ${fixFor(error.status)}.`
    )
  }
  if (typeof created?.id !== 'string') throw new Error(`POST ${url} answered without an id.`)
  return created
}

function fixFor(status: number): string {
  if (status === 401 || status === 403) return `check ${TOKEN_ENV_VARS[0]}`
  if (status === 404) return 'check --organization and --api-url'
  return 'check the flags the message names'
}
