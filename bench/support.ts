/**
 * What the benchmarks share: deterministic trees, the environment of a real Actions step (push
 * event, inputs with action.yml defaults), the action bundle built into a temp dir, timed child
 * processes with peak RSS, and min/median/max statistics.
 */
import { spawn, spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { stepEnv as runnerStepEnv, writeStepFiles } from '../testing/action-runner.js'
import { pushEvent } from '../testing/events.js'

export const WORK = path.resolve('bench/.work')
const TIME = existsSync('/usr/bin/time') ? '/usr/bin/time' : null

export interface TreeSpec {
  textFiles: number
  textBytes: number
  binaryFiles: number
  binaryBytes: number
}

/** Seeded content, regenerated only when the spec changes; returns every file's path. */
export function generateTree(root: string, spec: TreeSpec): string[] {
  const marker = `${root}.spec`
  const key = JSON.stringify(spec)
  const listFile = `${root}.paths`
  if (existsSync(marker) && readFileSync(marker, 'utf-8') === key)
    return readFileSync(listFile, 'utf-8').trim().split('\n')
  rmSync(root, { recursive: true, force: true })
  let seed = 0x9e3779b9
  const random = (): number => {
    seed ^= seed << 13
    seed ^= seed >>> 17
    seed ^= seed << 5
    return seed >>> 0
  }
  const words = ['const', 'value', 'deploy', 'export', 'function', 'return', 'await', 'import']
  const paths: string[] = []
  const total = spec.textFiles + spec.binaryFiles
  for (let i = 0; i < total; i++) {
    const dir = path.join(root, `pkg${i % 40}`, `mod${i % 9}`)
    mkdirSync(dir, { recursive: true })
    const step = Math.round(total / Math.max(1, spec.binaryFiles))
    const binary = spec.binaryFiles > 0 && i % step === step - 1
    const file = path.join(dir, binary ? `asset${i}.bin` : `file${i}.ts`)
    let content: Buffer
    if (binary) {
      content = Buffer.alloc(spec.binaryBytes)
      for (let at = 0; at + 4 <= spec.binaryBytes; at += 4) content.writeUInt32LE(random(), at)
    } else {
      let text = `// file ${i}\n`
      while (text.length < spec.textBytes)
        text += `${words[random() % words.length]} ${random()};\n`
      content = Buffer.from(text.slice(0, spec.textBytes))
    }
    writeFileSync(file, content)
    paths.push(file)
  }
  const main = path.join(root, 'main.ts')
  writeFileSync(main, 'Deno.serve(() => new Response("bench"))\n')
  paths.push(main)
  writeFileSync(listFile, `${paths.join('\n')}\n`)
  writeFileSync(marker, key)
  return paths
}

/**
 * The step environment the runner gives the action on a push to a feature branch (the shared
 * runner simulator in testing/), its files under bench/.work/step-<name>.
 */
export function stepEnv(name: string, inputs: Record<string, string>): Record<string, string> {
  const event = pushEvent(
    { owner: 'bench-org', repo: 'bench-app' },
    'refs/heads/feature/bench',
    'b'.repeat(40)
  )
  const files = writeStepFiles(path.join(WORK, `step-${name}`), event)
  return runnerStepEnv(
    {
      event,
      inputs,
      workspace: path.resolve('.'),
      // Loopback and closed: a run that tried to reach GitHub fails instead of leaving the host.
      githubApiUrl: 'http://127.0.0.1:9'
    },
    files
  )
}

/**
 * The action bundle to time: `--bundle FILE` if given, else src/index.ts built with ncc (as
 * `npm run build` does) into bench/.work/dist, so dist/ is never touched.
 */
export function actionBundle(): string {
  const given = option('bundle')
  if (given) return path.resolve(given)
  const out = path.join(WORK, 'dist')
  console.log('building src/index.ts with ncc into bench/.work/dist …')
  const built = spawnSync('npx', ['ncc', 'build', 'src/index.ts', '-o', out], { encoding: 'utf-8' })
  if (built.status !== 0) throw new Error(`ncc build failed:\n${built.stdout}\n${built.stderr}`)
  return path.join(out, 'index.js')
}

export interface Sample {
  seconds: number
  /** Peak RSS from /usr/bin/time; null without it. */
  maxRssKb: number | null
  stdout: string
}

/** Runs a command to its end; a non-zero exit fails the benchmark with its output. */
export async function timed(
  command: string[],
  options: { env?: Record<string, string>; stdin?: Buffer } = {}
): Promise<Sample> {
  const timeFile = path.join(WORK, `time-${process.pid}.txt`)
  const argv = TIME ? [TIME, '-f', '%M', '-o', timeFile, ...command] : command
  for (const key of [
    'GITHUB_OUTPUT',
    'GITHUB_STEP_SUMMARY',
    'GITHUB_STATE',
    'GITHUB_ENV',
    'GITHUB_PATH'
  ])
    if (options.env?.[key]) writeFileSync(options.env[key], '')
  const started = process.hrtime.bigint()
  const child = spawn(argv[0], argv.slice(1), {
    env: {
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      HOME: process.env.HOME ?? WORK,
      ...options.env
    },
    stdio: [options.stdin ? 'pipe' : 'ignore', 'pipe', 'pipe']
  })
  const out: Buffer[] = []
  const err: Buffer[] = []
  child.stdout!.on('data', (chunk: Buffer) => out.push(chunk))
  child.stderr!.on('data', (chunk: Buffer) => err.push(chunk))
  if (options.stdin) child.stdin?.end(options.stdin)
  const code = await new Promise<number | null>(resolve => child.on('close', resolve))
  const seconds = Number(process.hrtime.bigint() - started) / 1e9
  const stdout = Buffer.concat(out).toString()
  if (code !== 0)
    throw new Error(
      `${command.join(' ')} exited ${code}:\n${stdout.slice(-3000)}\n${Buffer.concat(err).toString()}`
    )
  const maxRssKb = TIME ? Number(readFileSync(timeFile, 'utf-8').trim().split('\n').pop()) : null
  return { seconds, maxRssKb, stdout }
}

export interface Stats {
  min: number
  median: number
  max: number
}

export function stats(values: number[]): Stats {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  const median = sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
  return { min: sorted[0], median, max: sorted[sorted.length - 1] }
}

export function formatStats(s: Stats, unit: (v: number) => string): string {
  return `min ${unit(s.min)}, median ${unit(s.median)}, max ${unit(s.max)}`
}

export const ms = (seconds: number): string => `${Math.round(seconds * 1000)} ms`
export const mb = (bytes: number): string => `${(bytes / 1e6).toFixed(1)} MB`

/** `--name value` from the command line, or undefined. */
export function option(name: string): string | undefined {
  const at = process.argv.indexOf(`--${name}`)
  return at === -1 ? undefined : process.argv[at + 1]
}

export function intOption(name: string, fallback: number): number {
  const raw = option(name)
  const value = raw === undefined ? fallback : Number(raw)
  if (!Number.isInteger(value) || value < 1)
    throw new Error(`--${name} must be a positive integer (got ${raw}).`)
  return value
}

/** Fails the benchmark loudly: its subject did not do the work it is timed for. */
export function proveOrFail(condition: boolean, what: string, output: string): void {
  if (!condition)
    throw new Error(
      `The benchmark's subject did not do the work: ${what}.\nIts output ended with:\n${output.slice(-2000)}`
    )
}
