import { isIP } from 'node:net'
import { networkInterfaces } from 'node:os'

/**
 * Addresses a deployment never reaches unless its `permissions.net` names them: the host itself
 * (loopback, "this network", every address of the host's interfaces: the server's API, other
 * deployments, databases on the machine) and link-local/cloud metadata endpoints. Deno checks a
 * host name's resolved addresses against --deny-net too, so `localhost` or a name pointing at
 * 127.0.0.1 is covered. Deno accepts CIDR ranges for IPv4 only; IPv6 entries are single hosts.
 */
const PROTECTED_V4 = ['127.0.0.0/8', '0.0.0.0/8', '169.254.0.0/16', '100.100.100.200']
const PROTECTED_V6 = ['::1', '::', 'fd00:ec2::254']

function bracket(address: string): string {
  return isIP(address) === 6 ? `[${address}]` : address
}

function hostAddresses(): string[] {
  return Object.values(networkInterfaces())
    .flatMap(list => list ?? [])
    .map(entry => entry.address.replace(/%.*$/, ''))
}

/** The host part of a permissions.net entry ("host", "host:port", "[v6]:port"). */
function entryHost(entry: string): string {
  const v6 = /^\[([^\]]+)\]/.exec(entry)
  if (v6) return v6[1]
  return entry.includes(':') && isIP(entry) !== 6 ? entry.slice(0, entry.lastIndexOf(':')) : entry
}

function inV4Range(address: string, cidr: string): boolean {
  const [base, bits = '32'] = cidr.split('/')
  const toInt = (ip: string) => ip.split('.').reduce((n, part) => n * 256 + Number(part), 0)
  const size = 2 ** (32 - Number(bits))
  return Math.floor(toInt(address) / size) === Math.floor(toInt(base) / size)
}

/** Whether a named entry explicitly opens a protected address (then its range stays open). */
function namedExplicitly(protectedEntry: string, named: string[]): boolean {
  return named.some(host => {
    if (host === 'localhost') return protectedEntry.startsWith('127.') || protectedEntry === '::1'
    if (isIP(host) === 4 && !protectedEntry.includes(':')) return inV4Range(host, protectedEntry)
    return host === protectedEntry
  })
}

/** --deny-net entries for a deployment whose permissions.net is `net` (null = the internet). */
export function deniedAddresses(net: string[] | null): string[] {
  const named = (net ?? []).filter(entry => entry !== '*').map(entryHost)
  const candidates = [...PROTECTED_V4, ...PROTECTED_V6, ...hostAddresses()]
  const unique = [...new Set(candidates)].filter(entry => !namedExplicitly(entry, named))
  return unique.map(bracket)
}

/**
 * --allow-net/--deny-net for a deployment. `ownSockets` are the unix sockets of its HTTP listener
 * and control channel (the only things it may listen on or, for the channel, connect to once).
 */
export function netFlags(net: string[] | null, ownSockets: string[]): string[] {
  const unix = ownSockets.map(path => `unix:${path}`)
  const open = net === null || net.includes('*')
  const allow = open ? '--allow-net' : `--allow-net=${[...unix, ...net].join(',')}`
  return [allow, `--deny-net=${deniedAddresses(net).join(',')}`]
}
