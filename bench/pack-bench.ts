/*
 * Pack benchmark (issue 3): times the action's dry run, whole process, against
 * `git hash-object --stdin-paths` over the same 10,000 files, alternating rounds in one run.
 *
 *   npm run bench:pack [-- --rounds 5] [-- --core]
 *
 * Subject: `node dist/index.js` with INPUT_DRY-RUN=true when dist/ exists (the real action);
 * otherwise (or with --core) bench/pack-dry-run.ts bundled: the same core without the action
 * layer, handy to measure core changes before dist/ is rebuilt.
 * Peak RSS comes from /usr/bin/time when present.
 */
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { buildSync } from 'esbuild'
import { pack } from '../src/core/pack.js'

const WORK = path.resolve('bench/.work')
const TREE = path.join(WORK, 'tree-10k')
const TEXT_FILES = 9000
const TEXT_BYTES = 2 * 1024
const BINARY_FILES = 1000
const BINARY_BYTES = 50 * 1024
const SPEC = `${TEXT_FILES}x${TEXT_BYTES}+${BINARY_FILES}x${BINARY_BYTES}:v1`
const TIME = existsSync('/usr/bin/time') ? '/usr/bin/time' : null
const rounds = Number(process.argv[process.argv.indexOf('--rounds') + 1]) || 5

interface Sample {
  seconds: number
  maxRssKb: number | null
}

async function main(): Promise<void> {
  generateTree()
  const pathsFile = path.join(WORK, 'paths.txt')
  const subject = prepareSubject()
  console.log(`tree: ${TREE} (${SPEC})`)
  console.log(`subject: ${subject.label}`)

  const gitSamples: Sample[] = []
  const subjectSamples: Sample[] = []
  // One warm-up each so both start from a warm page cache.
  run(['git', 'hash-object', '--stdin-paths'], pathsFile, {})
  run(subject.command, null, subject.env)
  for (let round = 0; round < rounds; round++) {
    gitSamples.push(run(['git', 'hash-object', '--stdin-paths'], pathsFile, {}))
    subjectSamples.push(run(subject.command, null, subject.env))
  }

  const git = median(gitSamples.map(s => s.seconds))
  const dry = median(subjectSamples.map(s => s.seconds))
  console.log(`rounds: ${rounds} (alternating, after one warm-up each)`)
  console.log(
    `git hash-object --stdin-paths: median ${ms(git)}  [${gitSamples.map(s => ms(s.seconds)).join(', ')}]`
  )
  console.log(
    `dry run:                       median ${ms(dry)}  [${subjectSamples.map(s => ms(s.seconds)).join(', ')}]`
  )
  console.log(`ratio dry run / git: ${(dry / git).toFixed(2)}x (target <= 1.5x)`)
  console.log(`peak RSS: dry run ${rss(subjectSamples)}, git ${rss(gitSamples)}`)

  const inProcess: number[] = []
  for (let round = 0; round < rounds; round++) {
    const started = performance.now()
    const result = await pack({ root: TREE, include: [], exclude: [] })
    inProcess.push(performance.now() - started)
    if (round === 0) console.log(`packed: ${result.fileCount} files, ${result.totalBytes} bytes`)
  }
  console.log(`pack() in-process: median ${Math.round(median(inProcess))} ms`)
}

/** Deterministic content (seeded), regenerated only when the spec changes. */
function generateTree(): void {
  const marker = `${TREE}.spec`
  if (existsSync(marker) && readFileSync(marker, 'utf-8') === SPEC) return
  rmSync(TREE, { recursive: true, force: true })
  let seed = 0x9e3779b9
  const random = () => {
    seed ^= seed << 13
    seed ^= seed >>> 17
    seed ^= seed << 5
    return seed >>> 0
  }
  const words = ['const', 'value', 'deploy', 'export', 'function', 'return', 'await', 'import']
  const paths: string[] = []
  for (let i = 0; i < TEXT_FILES + BINARY_FILES; i++) {
    const dir = path.join(TREE, `pkg${i % 40}`, `mod${i % 9}`)
    mkdirSync(dir, { recursive: true })
    const binary = i % 10 === 9
    const file = path.join(dir, binary ? `asset${i}.bin` : `file${i}.ts`)
    let content: Buffer
    if (binary) {
      content = Buffer.alloc(BINARY_BYTES)
      for (let at = 0; at < BINARY_BYTES; at += 4) content.writeUInt32LE(random(), at)
    } else {
      let text = `// file ${i}\n`
      while (text.length < TEXT_BYTES) text += `${words[random() % words.length]} ${random()};\n`
      content = Buffer.from(text.slice(0, TEXT_BYTES))
    }
    writeFileSync(file, content)
    paths.push(file)
  }
  writeFileSync(path.join(TREE, 'main.ts'), 'Deno.serve(() => new Response("bench"))\n')
  paths.push(path.join(TREE, 'main.ts'))
  writeFileSync(path.join(WORK, 'paths.txt'), `${paths.join('\n')}\n`)
  writeFileSync(marker, SPEC)
}

interface Subject {
  label: string
  command: string[]
  env: Record<string, string>
}

function prepareSubject(): Subject {
  const env = {
    'INPUT_DRY-RUN': 'true',
    INPUT_TOKEN: 'bench-token-not-used',
    INPUT_PROJECT: '00000000-0000-4000-8000-000000000000',
    INPUT_ENTRYPOINT: 'main.ts',
    INPUT_ROOT: TREE,
    GITHUB_WORKSPACE: path.resolve('.'),
    GITHUB_OUTPUT: path.join(WORK, 'github-output.txt'),
    GITHUB_STEP_SUMMARY: path.join(WORK, 'github-summary.md')
  }
  if (existsSync('dist/index.js') && !process.argv.includes('--core')) {
    return {
      label: 'node dist/index.js (INPUT_DRY-RUN=true)',
      command: ['node', 'dist/index.js'],
      env
    }
  }
  // esbuild (tsx's bundler) rather than ncc: ncc type-checks the whole tsconfig project,
  // which fails while other modules are mid-work and refuses files outside src/.
  const out = path.join(WORK, 'pack-dry-run.cjs')
  buildSync({
    entryPoints: ['bench/pack-dry-run.ts'],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    outfile: out,
    logLevel: 'error'
  })
  return {
    label: 'node bench/.work/pack-dry-run.cjs (core dry run, bundled)',
    command: ['node', out],
    env
  }
}

function run(command: string[], stdinFile: string | null, env: Record<string, string>): Sample {
  // The runner creates these files before a step starts; the action appends to them.
  for (const file of [env.GITHUB_OUTPUT, env.GITHUB_STEP_SUMMARY]) if (file) writeFileSync(file, '')
  const timeFile = path.join(WORK, 'time.txt')
  const argv = TIME ? [TIME, '-f', '%M', '-o', timeFile, ...command] : command
  const started = process.hrtime.bigint()
  const result = spawnSync(argv[0], argv.slice(1), {
    input: stdinFile ? readFileSync(stdinFile) : undefined,
    env: { ...process.env, ...env },
    stdio: [stdinFile ? 'pipe' : 'ignore', 'ignore', 'pipe'],
    maxBuffer: 64 * 1024 * 1024
  })
  const seconds = Number(process.hrtime.bigint() - started) / 1e9
  if (result.status !== 0) {
    throw new Error(`${command.join(' ')} exited ${result.status}: ${result.stderr.toString()}`)
  }
  const maxRssKb = TIME ? Number(readFileSync(timeFile, 'utf-8').trim().split('\n').pop()) : null
  return { seconds, maxRssKb }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
}

function ms(seconds: number): string {
  return `${Math.round(seconds * 1000)} ms`
}

function rss(samples: Sample[]): string {
  const values = samples.map(s => s.maxRssKb).filter((v): v is number => v !== null)
  return values.length === 0
    ? 'n/a (no /usr/bin/time)'
    : `${Math.round(Math.max(...values) / 1024)} MB`
}

await main()
