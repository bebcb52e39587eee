// Shared by the API (rejects these names at create time) and the runtime (never passes them on).

/**
 * Names the runtime or the platform reads itself, matched case-insensitively. Each would let a
 * deployment change the Deno process rather than its own code: load native code (LD_, DYLD_),
 * write files (SSLKEYLOGFILE), export telemetry (OTEL_), reroute or trust other TLS (proxies, CA
 * files), or reconfigure Deno and its npm client (DENO_, NPM_CONFIG_, NODE_*, RUST_).
 */
const RESERVED_ENV_PREFIXES = [
  'DENO_',
  'LD_',
  'DYLD_',
  'RUST_',
  'OTEL_',
  'NPM_CONFIG_',
  'SUBHOSTING_'
]
const RESERVED_ENV_NAMES = new Set([
  'SSLKEYLOGFILE',
  'SSL_CERT_FILE',
  'SSL_CERT_DIR',
  'HTTP_PROXY',
  'HTTPS_PROXY',
  'ALL_PROXY',
  'NO_PROXY',
  'NODE_OPTIONS',
  'NODE_EXTRA_CA_CERTS',
  'NODE_TLS_REJECT_UNAUTHORIZED',
  'NODE_PATH',
  'NO_COLOR',
  'TMPDIR'
])

/** Why `name` is reserved, or null when a deployment may set it. */
export function reservedEnvName(name: string): string | null {
  const upper = name.toUpperCase()
  const prefix = RESERVED_ENV_PREFIXES.find(p => upper.startsWith(p))
  if (prefix) return `names starting with ${prefix} are reserved by the runtime`
  return RESERVED_ENV_NAMES.has(upper) ? 'it is reserved by the runtime' : null
}
