import { fileURLToPath } from 'node:url'
import { resolve } from 'node:path'

export interface Flags {
  port: number
  host: string
  dataDir: string
  token?: string
  domainSuffix: string
  idleTimeoutMs: number
  maxProcesses: number
  runBuildCommands: boolean
  typeCheck: boolean
  memoryLimitMb: number
  help: boolean
}

const REPO_ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)))

export const USAGE = `Local Subhosting server: the Subhosting v1 REST API, running every deployment with Deno.

Usage: npm run server -- [flags]

  --port N             HTTP port for the API and every deployment (default 8420; 0 = any free port)
  --host ADDR          address to listen on (default 127.0.0.1)
  --data-dir DIR       where projects, deployments, blobs, logs and KV live (default <repo>/.subhosting-local)
  --token T            API token for this run (default: generated once, kept in the data dir)
  --domain-suffix S    deployments answer at <project>-<id>.<S> (default deploy.localhost)
  --idle-timeout MS    stop a deployment's process after MS ms without requests (default 60000)
  --max-processes N    at most N deployment processes at once (default 8)
  --memory-limit MB    stop a deployment whose resident memory passes MB (default 512, as hosted)
  --type-check         fail builds on TypeScript type errors (the platform only transpiles)
  --run-build-commands run v2 revisions' install, build and predeploy commands (sh -c in the
                       revision's source dir). They run UNSANDBOXED, with this server user's
                       privileges: use only with code you trust. Without it such revisions fail.
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

export function parseFlags(argv: string[]): Flags {
  const flags: Flags = {
    port: 8420,
    host: '127.0.0.1',
    dataDir: resolve(REPO_ROOT, '.subhosting-local'),
    domainSuffix: 'deploy.localhost',
    idleTimeoutMs: 60_000,
    maxProcesses: 8,
    typeCheck: false,
    memoryLimitMb: 512,
    runBuildCommands: false,
    help: false
  }
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]
    const eq = arg.indexOf('=')
    const name = arg.startsWith('--') ? arg.slice(2, eq === -1 ? undefined : eq) : arg
    const value = (): string | undefined => (eq !== -1 ? arg.slice(eq + 1) : argv[++i])
    switch (name) {
      case 'help':
        flags.help = true
        break
      case 'run-build-commands':
        flags.runBuildCommands = true
        break
      case 'port':
        flags.port = intFlag(name, value(), 0, 65535)
        break
      case 'host': {
        const v = value()
        if (!v) throw new FlagError('--host needs an address, e.g. 127.0.0.1.')
        flags.host = v
        break
      }
      case 'data-dir': {
        const v = value()
        if (!v) throw new FlagError('--data-dir needs a directory.')
        flags.dataDir = resolve(v)
        break
      }
      case 'token': {
        const v = value()
        if (!v || /\s/.test(v))
          throw new FlagError('--token needs a non-empty value without spaces.')
        flags.token = v
        break
      }
      case 'domain-suffix': {
        const v = value()
          ?.toLowerCase()
          .replace(/^\.|\.$/g, '')
        if (!v || !/^[a-z0-9-]+(\.[a-z0-9-]+)*$/.test(v))
          throw new FlagError('--domain-suffix needs a domain like deploy.localhost.')
        flags.domainSuffix = v
        break
      }
      case 'idle-timeout':
        flags.idleTimeoutMs = intFlag(name, value(), 1, 2 ** 31 - 1)
        break
      case 'max-processes':
        flags.maxProcesses = intFlag(name, value(), 1, 1000)
        break
      case 'memory-limit':
        flags.memoryLimitMb = intFlag(name, value(), 16, 1_048_576)
        break
      case 'type-check':
        flags.typeCheck = true
        break
      default:
        throw new FlagError(
          `Unknown argument ${JSON.stringify(arg)}. Run with --help for the flags.`
        )
    }
  }
  return flags
}
