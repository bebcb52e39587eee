import { dirname } from 'node:path'
import { fileURLToPath } from 'node:url'

const CONFINE_PATH = fileURLToPath(new URL('./confine.ts', import.meta.url))

/** Host settings the build's module downloads need (never passed to a deployment's process). */
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

export function hostNetworkEnv(): Record<string, string> {
  const env: Record<string, string> = {}
  for (const name of HOST_NETWORK_SETTINGS) {
    const value = process.env[name]
    if (value) env[name] = value
  }
  return env
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
  const certs = ['DENO_CERT', 'SSL_CERT_FILE', 'SSL_CERT_DIR']
    .map(name => process.env[name])
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
