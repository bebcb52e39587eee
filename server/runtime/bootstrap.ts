// Runs inside every deployment's Deno process (Deno code, not part of the Node build), loaded
// with --preload before the deployment's entry point, which stays the main module (so
// import.meta.main holds). Protocol with the server: JSON lines ({ready}, {kv}, {fatal}) on a
// private unix socket (control-channel.ts) that this module connects to once, before any app
// code runs, and then revokes the process's access to; stdout and stderr are the app's own.

interface BootConfig {
  /** KV file of the deployment's database, or null when it has none. */
  kvPath: string | null
  /** The app's graph may serve through node:http (see module-graph.ts). */
  nodeHttp?: boolean
  /** Unix socket to serve HTTP on (the process may not listen on TCP at all). */
  httpSocket: string
  /** Unix socket of the control channel. */
  controlSocket: string
}

const BOOT_ENV = 'SUBHOSTING_BOOT'
const config = JSON.parse(Deno.env.get(BOOT_ENV) ?? '{}') as BootConfig
// The app sees only its own variables.
Deno.env.delete(BOOT_ENV)

// Connected while the HTTP listener binds (below); both are done before any app code runs.
const controlConnecting = Deno.connect({ transport: 'unix', path: config.controlSocket })
// Captured then: app code may later replace prototypes and globals, never these bindings.
let controlWrite: (bytes: Uint8Array) => Promise<number> = () =>
  Promise.reject(new Error('the control channel is not connected yet'))
const encode = TextEncoder.prototype.encode.bind(new TextEncoder())
const stringify = JSON.stringify
let sending = Promise.resolve()

function signal(message: Record<string, unknown>): void {
  const bytes = encode(stringify(message) + '\n')
  sending = sending
    .then(async () => {
      let written = 0
      while (written < bytes.length) written += await controlWrite(bytes.subarray(written))
    })
    // The server went away: the process is about to be stopped anyway.
    .catch(() => undefined)
}

// The server holds our stdin open; when it goes away (even killed hard) we must not outlive it.
// Started only once the app runs: Deno waits for a preload module's pending work before it
// evaluates the main module.
let watchingStdin = false
function exitWithServer(): void {
  if (watchingStdin) return
  watchingStdin = true
  ;(async () => {
    const buffer = new Uint8Array(256)
    try {
      while ((await Deno.stdin.read(buffer)) !== null) {
        // nothing is ever sent; only end-of-file matters
      }
    } catch {
      // stdin closed abruptly: same as end-of-file
    }
    Deno.exit(0)
  })()
}

// ---------------------------------------------------------------------------------------------
// HTTP: whatever address the app asks for, it is served on the unix socket the server assigned.
// The bootstrap binds that socket itself before any app code runs and then revokes the process's
// read and write access to the path: the app can neither delete the socket nor write a file there.

type Handler = Deno.ServeHandler
type ErrorHandler = (error: unknown) => Response | Promise<Response>
type AnyOptions = Record<string, unknown> & {
  handler?: Handler
  onListen?: (addr: Deno.NetAddr) => void
  onError?: ErrorHandler
  signal?: AbortSignal
}

const originalServe = Deno.serve.bind(Deno) as (
  options: AnyOptions,
  handler: Handler
) => Deno.HttpServer
const revokePath = Deno.permissions.revokeSync.bind(Deno.permissions)
let serving = false
let appHandler: Handler | undefined
let appOnError: ErrorHandler | undefined

/** Deno's own default for a handler that throws, unless the app brought an onError. */
function answerError(error: unknown): Response | Promise<Response> {
  if (appOnError) return appOnError(error)
  console.error(error)
  return new Response('Internal Server Error', { status: 500 })
}

function revokeHttpSocket(): void {
  for (const name of ['read', 'write'] as const) revokePath({ name, path: config.httpSocket })
}

/** The listener, bound before app code; requests reach the app's handler once it has one. */
async function bindEarly(): Promise<Deno.HttpServer> {
  let listening = () => undefined as void
  const ready = new Promise<void>(resolve => (listening = resolve))
  const server = originalServe(
    { path: config.httpSocket, onListen: () => listening(), onError: answerError },
    (request, info) =>
      appHandler
        ? appHandler(request, info)
        : new Response('The deployment has not started serving yet.', { status: 503 })
  )
  // Deno runs the main module only once a preload module has no pending work; adopt() refs it.
  server.unref()
  await ready
  revokeHttpSocket()
  return server
}

// node:http apps bind the socket themselves (their server cannot take a bound listener); their
// access to the path is revoked as soon as they listen.
const [control, earlyServer] = await Promise.all([
  controlConnecting,
  config.nodeHttp ? undefined : bindEarly()
])
for (const name of ['read', 'write'] as const) revokePath({ name, path: config.controlSocket })
controlWrite = control.write.bind(control)

function serve(...args: unknown[]): Deno.HttpServer {
  let options: AnyOptions = {}
  let handler: Handler | undefined
  if (typeof args[0] === 'function') {
    handler = args[0] as Handler
    if (args[1] && typeof args[1] === 'object') options = args[1] as AnyOptions
  } else {
    if (args[0] && typeof args[0] === 'object') options = args[0] as AnyOptions
    handler = typeof args[1] === 'function' ? (args[1] as Handler) : options.handler
  }
  if (typeof handler !== 'function') {
    throw new TypeError('Deno.serve(): no handler function was given.')
  }
  if (serving) {
    throw new Error(
      'Deno.serve() was called more than once: a deployment serves exactly one HTTP handler.'
    )
  }
  serving = true
  exitWithServer()
  return earlyServer ? adopt(earlyServer, handler, options) : serveLate(handler, options)
}

/** Hands the early listener to the app: its handler, onError, onListen and abort signal. */
function adopt(server: Deno.HttpServer, handler: Handler, options: AnyOptions): Deno.HttpServer {
  appHandler = asIfOverTcp(handler)
  server.ref()
  if (typeof options.onError === 'function') appOnError = options.onError
  options.signal?.addEventListener('abort', () => void server.shutdown(), { once: true })
  const { onListen } = options
  queueMicrotask(() => {
    if (typeof onListen === 'function') onListen(PUBLIC_ADDR)
    signal({ ready: config.httpSocket })
  })
  return server
}

/** Deno.serve of an app whose graph also uses node:http (no early listener). */
function serveLate(handler: Handler, options: AnyOptions): Deno.HttpServer {
  // Address, unix socket and TLS options are the platform's business, not the app's.
  const { onListen, ...rest } = options
  for (const name of ['handler', 'path', 'cert', 'key', 'hostname', 'port']) delete rest[name]
  return originalServe(
    {
      ...rest,
      path: config.httpSocket,
      onListen() {
        revokeHttpSocket()
        if (typeof onListen === 'function') onListen(PUBLIC_ADDR)
        signal({ ready: config.httpSocket })
      }
    },
    asIfOverTcp(handler)
  )
}

/** What the app is told it listens on (as on the platform); it really serves a unix socket. */
const PUBLIC_ADDR = { transport: 'tcp', hostname: '0.0.0.0', port: 8000 } as Deno.NetAddr

/**
 * Requests over a unix socket have http+unix: URLs and a socket path as remote address; the app
 * gets what it would see over TCP: an http: URL and the client's address (set by the server).
 * A proxy rather than a copy, so the request keeps its body stream, signal and identity.
 */
function asIfOverTcp(handler: Handler): Handler {
  return (request, info) => {
    const url = request.url.startsWith('http+unix:') ? 'http:' + request.url.slice(10) : request.url
    const client = request.headers.get('x-forwarded-for') ?? '127.0.0.1'
    const seen = new Proxy(request, {
      get(target, property) {
        if (property === 'url') return url
        const value = Reflect.get(target, property, target)
        return typeof value === 'function' ? value.bind(target) : value
      }
    })
    return handler(seen, {
      completed: info.completed,
      remoteAddr: { transport: 'tcp', hostname: client, port: 0 }
    } as Deno.ServeHandlerInfo)
  }
}
;(Deno as unknown as { serve: unknown }).serve = serve

interface NodeServer {
  prependOnceListener(event: string, listener: () => void): void
  address(): { port: number } | string | null
}

/** node:http servers (Express and friends) get the same treatment as Deno.serve. */
async function confineNodeHttp(): Promise<void> {
  const http = (await import('node:http')) as unknown as {
    Server: { prototype: { listen: (...args: unknown[]) => unknown } }
  }
  const listen = http.Server.prototype.listen
  http.Server.prototype.listen = function (this: NodeServer, ...args: unknown[]) {
    if (serving) {
      throw new Error('a deployment serves exactly one HTTP server; listen() was called again.')
    }
    serving = true
    exitWithServer()
    this.prependOnceListener('listening', () => {
      revokeHttpSocket()
      if (this.address() === config.httpSocket) signal({ ready: config.httpSocket })
    })
    const callback = args.findLast(arg => typeof arg === 'function')
    return listen.call(this, { path: config.httpSocket }, callback)
  }
}
if (config.nodeHttp) await confineNodeHttp()

// ---------------------------------------------------------------------------------------------
// KV: a plain Deno.openKv() opens the deployment's database; reads and writes are counted.

const counts = { kvRead: 0, kvWrite: 0 }
let flushTimer: ReturnType<typeof setTimeout> | undefined

function count(kind: 'kvRead' | 'kvWrite', n: number): void {
  if (n <= 0) return
  counts[kind] += n
  if (flushTimer !== undefined) return
  const timer = setTimeout(() => {
    flushTimer = undefined
    signal({ kv: { read: counts.kvRead, write: counts.kvWrite } })
    counts.kvRead = 0
    counts.kvWrite = 0
  }, 20)
  Deno.unrefTimer(timer)
  flushTimer = timer
}

const kvApi = Deno as unknown as {
  openKv?: (path?: string) => Promise<Deno.Kv>
  Kv?: { prototype: Record<string, unknown> }
  AtomicOperation?: { prototype: Record<string, unknown> }
}
const originalOpenKv = kvApi.openKv?.bind(Deno)

function openDeploymentKv(path?: string): Promise<Deno.Kv> {
  if (!config.kvPath || !originalOpenKv) {
    return Promise.reject(
      new Error(
        'Deno.openKv(): this deployment has no KV database. Create one (POST ' +
          '/v1/organizations/{organizationId}/databases) and deploy with ' +
          '"databases": {"default": "<database id>"}.'
      )
    )
  }
  if (path !== undefined && path !== null && path !== '') {
    return Promise.reject(
      new Error(
        `Deno.openKv("${path}"): only the deployment's default database is available; ` +
          'call Deno.openKv() without arguments.'
      )
    )
  }
  return originalOpenKv(config.kvPath)
}
// Deno.openKv is a getter-only property, so it is redefined rather than assigned.
Object.defineProperty(Deno, 'openKv', {
  value: openDeploymentKv,
  configurable: true,
  writable: true
})

function wrapMethod(
  proto: Record<string, unknown> | undefined,
  name: string,
  around: (original: (...a: unknown[]) => unknown, self: unknown, args: unknown[]) => unknown
): void {
  const original = proto?.[name]
  if (!proto || typeof original !== 'function') return
  proto[name] = function (this: unknown, ...args: unknown[]) {
    return around(original.bind(this) as (...a: unknown[]) => unknown, this, args)
  }
}

const kvProto = kvApi.Kv?.prototype
// Deployments sharing a database are separate processes on one SQLite file; a writer can find it
// locked by another for a moment. The hosted service never surfaces that, so wait it out.
const LOCKED = /database is locked|SQLITE_BUSY/i
const LOCK_WAIT_MS = 10_000

async function whileLocked<T>(operation: () => Promise<T>): Promise<T> {
  const deadline = Date.now() + LOCK_WAIT_MS
  for (let attempt = 1; ; attempt++) {
    try {
      return await operation()
    } catch (error) {
      if (!LOCKED.test(String((error as Error)?.message)) || Date.now() > deadline) throw error
      await new Promise(resolve =>
        setTimeout(resolve, 1 + Math.random() * Math.min(50, attempt * 3))
      )
    }
  }
}

const counted =
  (kind: 'kvRead' | 'kvWrite', n: (args: unknown[]) => number) =>
  (original: (...a: unknown[]) => unknown, _self: unknown, args: unknown[]) => {
    count(kind, n(args))
    return whileLocked(() => original(...args) as Promise<unknown>)
  }

wrapMethod(
  kvProto,
  'get',
  counted('kvRead', () => 1)
)
wrapMethod(
  kvProto,
  'getMany',
  counted('kvRead', args => (Array.isArray(args[0]) ? args[0].length : 1))
)
wrapMethod(
  kvProto,
  'set',
  counted('kvWrite', () => 1)
)
wrapMethod(
  kvProto,
  'delete',
  counted('kvWrite', () => 1)
)
wrapMethod(
  kvProto,
  'enqueue',
  counted('kvWrite', () => 1)
)
wrapMethod(kvProto, 'list', (original, _self, args) => {
  const iterator = original(...args) as { next: () => Promise<IteratorResult<unknown>> }
  const next = iterator.next.bind(iterator)
  iterator.next = async () => {
    const result = await next()
    if (!result.done) count('kvRead', 1)
    return result
  }
  return iterator
})

const mutationsPerOperation = new WeakMap<object, number>()
const atomicProto = kvApi.AtomicOperation?.prototype
for (const name of ['set', 'delete', 'sum', 'min', 'max', 'enqueue']) {
  wrapMethod(atomicProto, name, (original, self, args) => {
    mutationsPerOperation.set(self as object, (mutationsPerOperation.get(self as object) ?? 0) + 1)
    return original(...args)
  })
}
wrapMethod(atomicProto, 'mutate', (original, self, args) => {
  mutationsPerOperation.set(
    self as object,
    (mutationsPerOperation.get(self as object) ?? 0) + args.length
  )
  return original(...args)
})
wrapMethod(atomicProto, 'commit', async (original, self) => {
  const result = (await whileLocked(() => original() as Promise<unknown>)) as { ok: boolean }
  if (result.ok) count('kvWrite', mutationsPerOperation.get(self as object) ?? 0)
  return result
})

// ---------------------------------------------------------------------------------------------

/** Serves the entry's `export default { fetch }` unless it called Deno.serve() itself. */
function serveDefaultExport(entry: Record<string, unknown>): void {
  if (serving) return
  const fallback = entry.default as { fetch?: unknown } | undefined
  if (fallback && typeof fallback.fetch === 'function') {
    const fetchHandler = fallback.fetch as Handler
    serve((request: Request, info: Deno.ServeHandlerInfo) =>
      fetchHandler.call(fallback, request, info)
    )
    return
  }
  const message =
    'The entry point neither called Deno.serve() nor has a default export with a fetch() ' +
    'function (export default { fetch(request) { ... } }), so the deployment serves nothing.'
  signal({ fatal: message })
  console.error(message)
  Deno.exit(1)
}

// 'load' fires once the main module (and its top-level await) has been evaluated; importing it
// then returns the evaluated namespace instead of evaluating it a second time.
globalThis.addEventListener('load', async () => {
  exitWithServer()
  serveDefaultExport((await import(Deno.mainModule)) as Record<string, unknown>)
})
