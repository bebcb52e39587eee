import { isIP } from 'node:net'
import { networkInterfaces } from 'node:os'

/**
 * Addresses a deployment never reaches unless its `permissions.net` names them: the host itself
 * (loopback, "this network", every address of the host's interfaces and their networks'
 * network and broadcast addresses: the server's API, other deployments, databases on the
 * machine) and link-local/cloud metadata endpoints. Deno checks a host name's resolved addresses
 * against --deny-net too, so `localhost` or a name pointing at 127.0.0.1 is covered. Deno accepts
 * CIDR ranges for IPv4 only; IPv6 entries are single hosts.
 */
const PROTECTED_V4 = ['127.0.0.0/8', '0.0.0.0/8', '169.254.0.0/16', '100.100.100.200']
const PROTECTED_V6 = ['::1', '::', 'fd00:ec2::254']

function bracket(address: string): string {
  return isIP(address) === 6 ? `[${address}]` : address
}

const toInt = (ip: string) => ip.split('.').reduce((n, part) => n * 256 + Number(part), 0)
const toIp = (n: number) => [24, 16, 8, 0].map(shift => Math.floor(n / 2 ** shift) % 256).join('.')

/**
 * Every address of the host's interfaces, plus (IPv4) the network and broadcast addresses of
 * their subnets: a listener on a broadcast address blocks host-wide binds on its port.
 */
function hostAddresses(): string[] {
  return Object.values(networkInterfaces())
    .flatMap(list => list ?? [])
    .flatMap(entry => {
      const address = entry.address.replace(/%.*$/, '')
      if (entry.family !== 'IPv4' || !entry.cidr) return [address]
      const bits = Number(entry.cidr.split('/')[1])
      if (bits >= 31) return [address]
      const size = 2 ** (32 - bits)
      const network = Math.floor(toInt(address) / size) * size
      return [address, toIp(network), toIp(network + size - 1)]
    })
}

/** The host part of a permissions.net entry ("host", "host:port", "[v6]:port"). */
function entryHost(entry: string): string {
  const v6 = /^\[([^\]]+)\]/.exec(entry)
  if (v6) return v6[1]
  return entry.includes(':') && isIP(entry) !== 6 ? entry.slice(0, entry.lastIndexOf(':')) : entry
}

/**
 * IPv6 literals that stand for an IPv4 address (`::ffff:127.0.0.1`, `::ffff:7f00:1`, the old
 * `::7f00:1`, SIIT's `::ffff:0:7f00:1`): a dual-stack socket reaches the IPv4 host through them,
 * around every IPv4 rule here, so a permissions.net entry naming one is never honoured.
 */
export function embedsIPv4(host: string): boolean {
  if (isIP(host) !== 6) return false
  const canonical = new URL(`http://[${host}]/`).hostname.slice(1, -1)
  return /^::(ffff:(0:)?)?[0-9a-f]{1,4}:[0-9a-f]{1,4}$/.test(canonical)
}

/** permissions.net without entries that embed IPv4 in IPv6 (see embedsIPv4). */
function honoured(net: string[] | null): string[] | null {
  return net && net.filter(entry => !embedsIPv4(entryHost(entry)))
}

/** Addresses that a named host stands for (`localhost` is both loopbacks). */
function namedAddresses(net: string[] | null): string[] {
  const hosts = (net ?? []).filter(entry => entry !== '*').map(entryHost)
  return [...new Set(hosts.flatMap(host => (host === 'localhost' ? ['127.0.0.1', '::1'] : [host])))]
}

/**
 * `cidr` without the single addresses `holes`, as the fewest CIDR blocks: a name opens exactly
 * its address, never the rest of its range (127.0.0.1 must not open 127.0.0.2 or the server).
 */
function carve(start: number, size: number, holes: number[]): string[] {
  const inside = holes.filter(hole => hole >= start && hole < start + size)
  if (inside.length === 0)
    return [size === 1 ? toIp(start) : `${toIp(start)}/${32 - Math.log2(size)}`]
  if (size === 1) return []
  const half = size / 2
  return [...carve(start, half, inside), ...carve(start + half, half, inside)]
}

/** One protected entry as deny entries, minus the addresses the deployment names. */
function denyEntry(entry: string, named: string[]): string[] {
  if (entry.includes(':')) return named.includes(entry) ? [] : [entry]
  const [base, bits = '32'] = entry.split('/')
  const size = 2 ** (32 - Number(bits))
  const holes = named.filter(host => isIP(host) === 4).map(toInt)
  return carve(Math.floor(toInt(base) / size) * size, size, holes)
}

/**
 * --deny-net entries for a deployment whose permissions.net is `net` (null = the internet).
 * `serverPorts` (the server's own listeners) stay denied on every address the list opens.
 */
export function deniedAddresses(net: string[] | null, serverPorts: number[] = []): string[] {
  const named = namedAddresses(honoured(net))
  const candidates = [...new Set([...PROTECTED_V4, ...PROTECTED_V6, ...hostAddresses()])]
  const denied = candidates.flatMap(entry => denyEntry(entry, named))
  const reopened = named.filter(host =>
    candidates.some(entry => denyEntry(entry, [host]).length !== denyEntry(entry, []).length)
  )
  const serverSide = reopened.flatMap(host => serverPorts.map(port => `${bracket(host)}:${port}`))
  return [...new Set(denied)].map(bracket).concat(serverSide)
}

/**
 * --allow-net/--deny-net for a deployment. `ownSockets` are the unix sockets of its HTTP listener
 * and control channel (the only things it may listen on or, for the channel, connect to once).
 */
export function netFlags(
  net: string[] | null,
  ownSockets: string[],
  serverPorts: number[] = []
): string[] {
  const unix = ownSockets.map(path => `unix:${path}`)
  const entries = honoured(net)
  const open = entries === null || entries.includes('*')
  const allow = open ? '--allow-net' : `--allow-net=${[...unix, ...entries].join(',')}`
  return [allow, `--deny-net=${deniedAddresses(net, serverPorts).join(',')}`]
}
