import { parseArgs } from 'node:util'
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
  const created = await post(url, token, body)
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

async function post(url: string, token: string, body: object): Promise<Created> {
  let res: Response
  try {
    res = await fetch(url, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(body)
    })
  } catch (error) {
    const cause = (error as { cause?: { message?: string } }).cause?.message
    throw new Error(
      `Could not reach ${url} (${cause ?? (error as Error).message}); check --api-url.`
    )
  }
  const text = await res.text()
  if (!res.ok) {
    const message = serverMessage(text).replace(/[.\s]+$/, '')
    const fix =
      res.status === 401 || res.status === 403
        ? `check ${TOKEN_ENV_VARS[0]}`
        : res.status === 404
          ? 'check --organization and --api-url'
          : 'check the flags the message names'
    throw new Error(`POST ${url} answered HTTP ${res.status}: ${message}; ${fix}.`)
  }
  const created = JSON.parse(text) as Created
  if (typeof created?.id !== 'string') throw new Error(`POST ${url} answered without an id.`)
  return created
}

function serverMessage(text: string): string {
  try {
    const body = JSON.parse(text) as { message?: unknown }
    if (typeof body.message === 'string') return body.message
  } catch {
    // not JSON: show the start of it
  }
  return text.slice(0, 200)
}
