import { fileURLToPath } from 'node:url'
import { resolve } from 'node:path'

export interface Flags {
  port: number
  host: string
  dataDir: string
  token?: string
  domainSuffix: string
  publicUrl?: string
  idleTimeoutMs: number
  maxProcesses: number
  maxProcessesPerApp?: number
  queueTimeoutMs: number
  kvQuotaMb: number
  appLogMemoryKb: number
  appLogFileMb: number
  runBuildCommands: boolean
  verifyAllDomains: boolean
  typeCheck: boolean
  memoryLimitMb: number
  help: boolean
}

const REPO_ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)))

export const USAGE = `Local Subhosting server: the Deno Deploy v2 API (/v2, /api/v2) and the Subhosting v1 API (/v1), running every deployment with Deno.

Usage: npm run server -- [flags]

  --port N             HTTP port for the API and every deployment (default 8420; 0 = any free port)
  --host ADDR          address to listen on (default 127.0.0.1)
  --data-dir DIR       where projects, deployments, blobs, logs and KV live (default <repo>/.subhosting-local)
  --token T            API token for this run (default: generated once, kept in the data dir)
  --domain-suffix S    deployments answer at <project>-<id>.<S> (default deploy.localhost)
  --public-url URL     the origin API links (pagination Link headers) use, e.g. when a proxy
                       fronts the server (default http://<host>:<port>); never the Host header
  --idle-timeout MS    stop a deployment's process after MS ms without requests (default 60000)
  --max-processes N    at most N deployment processes at once (default 8); only idle ones are
                       stopped to make room
  --max-processes-per-app N
                       at most N of them for one v1 project or v2 app (default: --max-processes)
  --queue-timeout MS   with every slot busy, a request waits MS ms for one, then 503 (default 10000)
  --kv-quota MB        size of one KV database on disk; an app that passes it is stopped (default 1024)
  --log-memory KB      per deployment, the most recent KB of log lines kept in memory (default 4096)
  --log-file MB        a deployment's log file is rotated at MB, keeping one old file (default 64)
  --memory-limit MB    stop a deployment whose resident memory passes MB (default 512, as hosted)
  --type-check         fail builds on TypeScript type errors (the platform only transpiles)
  --run-build-commands run v2 revisions' install, build and predeploy commands (sh -c in the
                       revision's source dir). They run UNSANDBOXED, with this server user's
                       privileges: use only with code you trust. Without it such revisions fail.
  --verify-all-domains POST /v2/domains/{domain}/verify succeeds for any name (there is no DNS
                       check); without it only names under the domain suffix verify.
  --help               print this help

Prints one JSON line {"apiUrl","organizationId","organizationSlug","token"} on stdout when ready; logs go to stderr.
Fault injection: POST/GET/DELETE /_admin/faults, or SUBHOSTING_FAULTS='<json rules>' (see server/README.md).`

export class FlagError extends Error {}

function intFlag(name: string, raw: string | undefined, min: number, max: number): number {
  if (raw === undefined || !/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max)
    throw new FlagError(
      `--${name} needs an integer from ${min} to ${max}, got ${JSON.stringify(raw ?? '')}.`
    )
  return Number(raw)
}

function requiredValue(raw: string | undefined, problem: string): string {
  if (!raw) throw new FlagError(problem)
  return raw
}

/** Flags that take no value. */
const SWITCHES: Record<string, (flags: Flags) => void> = {
  help: flags => {
    flags.help = true
  },
  'run-build-commands': flags => {
    flags.runBuildCommands = true
  },
  'verify-all-domains': flags => {
    flags.verifyAllDomains = true
  },
  'type-check': flags => {
    flags.typeCheck = true
  }
}

/** `--public-url`: an http(s) origin only (no credentials, path, query or fragment). */
function publicOrigin(raw: string | undefined): string {
  let url: URL | null = null
  try {
    url = new URL(requiredValue(raw, '--public-url needs a URL like https://deploy.example.com.'))
  } catch (err) {
    if (err instanceof FlagError) throw err
  }
  if (!url || !/^https?:$/.test(url.protocol) || url.origin + '/' !== url.href)
    throw new FlagError(
      '--public-url needs an http(s) origin without user, path, query or fragment, like https://deploy.example.com.'
    )
  return url.origin
}

/** Flags with a value (`--name value` or `--name=value`), each checked as it is read. */
const VALUE_FLAGS: Record<string, (flags: Flags, raw: string | undefined) => void> = {
  port: (flags, raw) => {
    flags.port = intFlag('port', raw, 0, 65535)
  },
  host: (flags, raw) => {
    flags.host = requiredValue(raw, '--host needs an address, e.g. 127.0.0.1.')
  },
  'data-dir': (flags, raw) => {
    flags.dataDir = resolve(requiredValue(raw, '--data-dir needs a directory.'))
  },
  token: (flags, raw) => {
    if (!raw || /\s/.test(raw))
      throw new FlagError('--token needs a non-empty value without spaces.')
    flags.token = raw
  },
  'domain-suffix': (flags, raw) => {
    const v = raw?.toLowerCase().replace(/^\.|\.$/g, '')
    if (!v || !/^[a-z0-9-]+(\.[a-z0-9-]+)*$/.test(v))
      throw new FlagError('--domain-suffix needs a domain like deploy.localhost.')
    flags.domainSuffix = v
  },
  'public-url': (flags, raw) => {
    flags.publicUrl = publicOrigin(raw)
  },
  'idle-timeout': (flags, raw) => {
    flags.idleTimeoutMs = intFlag('idle-timeout', raw, 1, 2 ** 31 - 1)
  },
  'max-processes': (flags, raw) => {
    flags.maxProcesses = intFlag('max-processes', raw, 1, 1000)
  },
  'max-processes-per-app': (flags, raw) => {
    flags.maxProcessesPerApp = intFlag('max-processes-per-app', raw, 1, 1000)
  },
  'queue-timeout': (flags, raw) => {
    flags.queueTimeoutMs = intFlag('queue-timeout', raw, 0, 600_000)
  },
  'kv-quota': (flags, raw) => {
    flags.kvQuotaMb = intFlag('kv-quota', raw, 1, 1_048_576)
  },
  'log-memory': (flags, raw) => {
    flags.appLogMemoryKb = intFlag('log-memory', raw, 64, 1_048_576)
  },
  'log-file': (flags, raw) => {
    flags.appLogFileMb = intFlag('log-file', raw, 1, 1_048_576)
  },
  'memory-limit': (flags, raw) => {
    flags.memoryLimitMb = intFlag('memory-limit', raw, 16, 1_048_576)
  }
}

export function parseFlags(argv: string[]): Flags {
  const flags: Flags = {
    port: 8420,
    host: '127.0.0.1',
    dataDir: resolve(REPO_ROOT, '.subhosting-local'),
    domainSuffix: 'deploy.localhost',
    idleTimeoutMs: 60_000,
    maxProcesses: 8,
    queueTimeoutMs: 10_000,
    kvQuotaMb: 1024,
    appLogMemoryKb: 4096,
    appLogFileMb: 64,
    typeCheck: false,
    memoryLimitMb: 512,
    runBuildCommands: false,
    verifyAllDomains: false,
    help: false
  }
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]
    const eq = arg.indexOf('=')
    const name = arg.startsWith('--') ? arg.slice(2, eq === -1 ? undefined : eq) : arg
    if (Object.hasOwn(SWITCHES, name)) SWITCHES[name](flags)
    else if (Object.hasOwn(VALUE_FLAGS, name))
      VALUE_FLAGS[name](flags, eq !== -1 ? arg.slice(eq + 1) : argv[++i])
    else
      throw new FlagError(`Unknown argument ${JSON.stringify(arg)}. Run with --help for the flags.`)
  }
  return flags
}
