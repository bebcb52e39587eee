import { dirname } from 'node:path'
import { fileURLToPath } from 'node:url'

const CONFINE_PATH = fileURLToPath(new URL('./confine.ts', import.meta.url))

/**
 * Host settings the build's module downloads need (never passed to a deployment's process).
 * NODE_EXTRA_CA_CERTS is not among them: Deno does not read it, so it reaches builds as
 * DENO_CERT (see hostNetworkEnv).
 */
const HOST_NETWORK_SETTINGS = [
  'HTTP_PROXY',
  'HTTPS_PROXY',
  'ALL_PROXY',
  'NO_PROXY',
  'http_proxy',
  'https_proxy',
  'all_proxy',
  'no_proxy',
  'DENO_CERT',
  'DENO_TLS_CA_STORE',
  'SSL_CERT_FILE',
  'SSL_CERT_DIR',
  'NPM_CONFIG_REGISTRY'
]

/** Every host variable that decides how a build downloads, for explaining a failed download. */
const DOWNLOAD_SETTINGS = [...HOST_NETWORK_SETTINGS, 'NODE_EXTRA_CA_CERTS']

/** System files a Deno build needs to run, resolve names and verify TLS (read only). */
const SYSTEM_READ = [
  '/usr',
  '/lib',
  '/lib64',
  '/etc/ssl',
  '/etc/pki',
  '/etc/ca-certificates',
  '/etc/resolv.conf',
  '/etc/hosts',
  '/etc/nsswitch.conf',
  '/etc/gai.conf',
  '/etc/host.conf',
  '/etc/localtime'
]

/**
 * The host's proxy, CA and registry settings for a build's Deno. A host that trusts its TLS CA
 * only through NODE_EXTRA_CA_CERTS (as Node tools do) gets it as DENO_CERT, which Deno reads
 * (it adds the file's certificates to the roots it trusts), unless DENO_CERT is set itself.
 */
export function hostNetworkEnv(): Record<string, string> {
  const env: Record<string, string> = {}
  for (const name of HOST_NETWORK_SETTINGS) {
    const value = process.env[name]
    if (value) env[name] = value
  }
  const extraCa = process.env.NODE_EXTRA_CA_CERTS
  if (extraCa && !env.DENO_CERT) env.DENO_CERT = extraCa
  return env
}

/** Deno's error for a remote module, jsr: or npm: package it could not download. */
const DOWNLOAD_FAILED =
  /Import '[a-z][a-z0-9+.-]*:\/\/[^']*' failed|Failed loading [a-z][a-z0-9+.-]*:\/\/\S+ for package|error sending request for url/i

/** Whether a build error line says a download failed (network, proxy or TLS trust). */
export function isDownloadFailure(line: string): boolean {
  return DOWNLOAD_FAILED.test(line)
}

/**
 * The closing line of a build whose downloads failed: which proxy/CA variables the server saw
 * (names only: proxy URLs may carry credentials) and what to set before starting it.
 */
export function downloadFailureHint(): string {
  const seen = DOWNLOAD_SETTINGS.filter(name => process.env[name])
  const mapped =
    process.env.NODE_EXTRA_CA_CERTS && !process.env.DENO_CERT
      ? ' (NODE_EXTRA_CA_CERTS reaches builds as DENO_CERT)'
      : ''
  const saw = seen.length
    ? `the server was started with ${seen.join(', ')} set${mapped}`
    : 'the server was started with no proxy or CA variable set'
  return (
    `Build failed: a remote module could not be downloaded; builds download with the server's ` +
    `proxy and CA settings, and ${saw}. If this host reaches the internet through a proxy, set ` +
    `HTTPS_PROXY (and NO_PROXY); if it trusts its own TLS CA, set DENO_CERT or ` +
    `NODE_EXTRA_CA_CERTS to that PEM file (or SSL_CERT_FILE); for another npm registry, set ` +
    `NPM_CONFIG_REGISTRY; all before starting the server.`
  )
}

export interface Confinement {
  /** The deployment's assets. */
  srcDir: string
  /** Shared module cache and the deployment's generated config (read + write). */
  writable: string[]
}

/**
 * The command line that runs `deno <args>` confined to the assets, the module cache and system
 * files (see confine.ts). Linux only; elsewhere the command runs as is.
 */
export function confinedDeno(
  deno: string,
  args: string[],
  cwd: string,
  confinement: Confinement
): { command: string; args: string[] } {
  if (process.platform !== 'linux') return { command: deno, args }
  const network = hostNetworkEnv()
  const certs = ['DENO_CERT', 'SSL_CERT_FILE', 'SSL_CERT_DIR']
    .map(name => network[name])
    .filter((path): path is string => Boolean(path))
  const policy = {
    command: deno,
    args,
    cwd,
    read: [confinement.srcDir, deno, dirname(deno), ...SYSTEM_READ, ...certs],
    write: [...confinement.writable, '/dev/null']
  }
  return {
    command: deno,
    args: [
      'run',
      '--no-prompt',
      '--no-config',
      '--no-lock',
      '--allow-ffi',
      `--allow-run=${deno}`,
      '--allow-read',
      '--allow-env',
      CONFINE_PATH,
      JSON.stringify(policy)
    ]
  }
}
