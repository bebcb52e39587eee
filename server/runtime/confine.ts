// Runs a command with its file system access confined by Landlock (Linux 5.13+), for the build
// steps that Deno itself runs without permission checks (`deno info`, `deno check`): they read
// every module the graph names, types directives included, so the graph must not be able to name
// another deployment's files. Deno code, started by build-confinement.ts:
//   deno run --allow-ffi --allow-run --allow-read --allow-env confine.ts '<json Policy>'
// Landlock binds the calling thread and everything it then starts; the command is spawned from
// this (the main) thread. Without Landlock the command runs unconfined after a warning line.

interface Policy {
  command: string
  args: string[]
  cwd: string
  /** Directories or files readable (and executable). */
  read: string[]
  /** Directories or files readable and writable. */
  write: string[]
}

const SYS_LANDLOCK_CREATE_RULESET = 444n
const SYS_LANDLOCK_ADD_RULE = 445n
const SYS_LANDLOCK_RESTRICT_SELF = 446n
const PR_SET_NO_NEW_PRIVS = 38
const O_PATH = 0o10000000
const O_CLOEXEC = 0o2000000
const LANDLOCK_RULE_PATH_BENEATH = 1

const ACCESS = {
  execute: 1n << 0n,
  writeFile: 1n << 1n,
  readFile: 1n << 2n,
  readDir: 1n << 3n,
  removeDir: 1n << 4n,
  removeFile: 1n << 5n,
  makeChar: 1n << 6n,
  makeDir: 1n << 7n,
  makeReg: 1n << 8n,
  makeSock: 1n << 9n,
  makeFifo: 1n << 10n,
  makeBlock: 1n << 11n,
  makeSym: 1n << 12n,
  refer: 1n << 13n,
  truncate: 1n << 14n
}
const FILE_ONLY = ACCESS.execute | ACCESS.writeFile | ACCESS.readFile | ACCESS.truncate
const READ = ACCESS.execute | ACCESS.readFile | ACCESS.readDir

const libc = Deno.dlopen('libc.so.6', {
  createRuleset: { name: 'syscall', parameters: ['i64', 'pointer', 'usize', 'u32'], result: 'i64' },
  addRule: { name: 'syscall', parameters: ['i64', 'i64', 'i64', 'pointer', 'u32'], result: 'i64' },
  restrictSelf: { name: 'syscall', parameters: ['i64', 'i64', 'u32'], result: 'i64' },
  prctl: { parameters: ['i32', 'u64', 'u64', 'u64', 'u64'], result: 'i32' },
  open: { parameters: ['buffer', 'i32'], result: 'i32' },
  close: { parameters: ['i32'], result: 'i32' }
})

function handledAccess(abi: number): bigint {
  let handled = (1n << 13n) - 1n
  if (abi >= 2) handled |= ACCESS.refer
  if (abi >= 3) handled |= ACCESS.truncate
  return handled
}

function addRule(ruleset: number, path: string, access: bigint, handled: bigint): void {
  let stat: Deno.FileInfo
  try {
    stat = Deno.statSync(path)
  } catch {
    return // nothing there to grant
  }
  const fd = libc.symbols.open(new TextEncoder().encode(path + '\0'), O_PATH | O_CLOEXEC)
  if (fd < 0) return
  const rule = new DataView(new ArrayBuffer(12))
  const allowed = (stat.isDirectory ? access : access & FILE_ONLY) & handled
  rule.setBigUint64(0, allowed, true)
  rule.setInt32(8, fd, true)
  const pointer = Deno.UnsafePointer.of(new Uint8Array(rule.buffer))
  const added = libc.symbols.addRule(
    SYS_LANDLOCK_ADD_RULE,
    BigInt(ruleset),
    BigInt(LANDLOCK_RULE_PATH_BENEATH),
    pointer,
    0
  )
  libc.symbols.close(fd)
  if (added < 0n) throw new Error(`landlock_add_rule failed for ${path}`)
}

/** Restricts this thread (and what it starts); false when the kernel has no Landlock. */
function confine(policy: Policy): boolean {
  const abi = Number(libc.symbols.createRuleset(SYS_LANDLOCK_CREATE_RULESET, null, 0n, 1))
  if (abi < 1) return false
  const handled = handledAccess(abi)
  const attr = new BigUint64Array([handled])
  const ruleset = Number(
    libc.symbols.createRuleset(SYS_LANDLOCK_CREATE_RULESET, Deno.UnsafePointer.of(attr), 8n, 0)
  )
  if (ruleset < 0) return false
  for (const path of policy.read) addRule(ruleset, path, READ, handled)
  for (const path of policy.write) addRule(ruleset, path, handled, handled)
  if (libc.symbols.prctl(PR_SET_NO_NEW_PRIVS, 1n, 0n, 0n, 0n) !== 0) return false
  return libc.symbols.restrictSelf(SYS_LANDLOCK_RESTRICT_SELF, BigInt(ruleset), 0) === 0n
}

const policy = JSON.parse(Deno.args[0]) as Policy
if (!confine(policy)) {
  console.error(
    'warning: this system has no Landlock (Linux 5.13+), so the build runs without file ' +
      'confinement; only the module graph check keeps it inside the assets.'
  )
}
const child = new Deno.Command(policy.command, {
  args: policy.args,
  cwd: policy.cwd,
  stdin: 'null',
  stdout: 'inherit',
  stderr: 'inherit'
}).spawn()
Deno.exit((await child.status).code)
