/*
 * Pack benchmark (issue 9, P1): the action's dry run, whole process, on a push to a feature
 * branch, against `git hash-object --stdin-paths` over the same 10,000 files, alternating.
 *
 *   npm run bench:pack [-- --rounds 7] [-- --bundle path/to/index.js]
 *
 * The subject is the action bundle built from src/ with ncc into bench/.work/dist (or the one
 * given). Each run's own output must say that it packed every file of the tree; a run that
 * decided there was nothing to deploy fails the benchmark.
 */
import path from 'node:path'
import { readFileSync } from 'node:fs'
import {
  WORK,
  actionBundle,
  formatStats,
  generateTree,
  intOption,
  ms,
  proveOrFail,
  stats,
  stepEnv,
  timed,
  type Sample
} from './support.js'

const TREE = path.join(WORK, 'tree-10k')
const SPEC = { textFiles: 9000, textBytes: 2 * 1024, binaryFiles: 1000, binaryBytes: 50 * 1024 }

async function main(): Promise<void> {
  const rounds = intOption('rounds', 7)
  const files = generateTree(TREE, SPEC)
  const bundle = actionBundle()
  const env = stepEnv('pack', {
    token: 'bench-token-not-used',
    project: '00000000-0000-4000-8000-000000000000',
    'api-version': 'v1',
    entrypoint: 'main.ts',
    root: path.relative(process.cwd(), TREE),
    'dry-run': 'true'
  })
  const paths = Buffer.from(`${files.join('\n')}\n`)
  const git = (): Promise<Sample> =>
    timed(['git', 'hash-object', '--stdin-paths'], { stdin: paths })
  const dryRun = async (): Promise<Sample> => {
    const sample = await timed([process.execPath, bundle], { env })
    proveDryRun(sample.stdout, files.length, env.GITHUB_STEP_SUMMARY)
    return sample
  }

  console.log(`tree: ${TREE} (${files.length} files)`)
  console.log(
    `subject: node ${path.relative(process.cwd(), bundle)}, push to refs/heads/feature/bench, dry-run`
  )
  // One warm-up each so both start from a warm page cache.
  const gitWarm = await git()
  proveOrFail(
    gitWarm.stdout.trim().split('\n').length === files.length,
    'git hashed every file',
    gitWarm.stdout
  )
  await dryRun()
  const gitSamples: Sample[] = []
  const subjectSamples: Sample[] = []
  for (let round = 0; round < rounds; round++) {
    gitSamples.push(await git())
    subjectSamples.push(await dryRun())
  }

  const gitTimes = stats(gitSamples.map(s => s.seconds))
  const dryTimes = stats(subjectSamples.map(s => s.seconds))
  const ratios = stats(subjectSamples.map((s, i) => s.seconds / gitSamples[i].seconds))
  console.log(`rounds: ${rounds} (alternating, after one warm-up each)`)
  console.log(`git hash-object --stdin-paths: ${formatStats(gitTimes, ms)}`)
  console.log(`action dry run:                ${formatStats(dryTimes, ms)}`)
  console.log(
    `ratio dry run / git, per round: min ${ratios.min.toFixed(2)}x, median ${ratios.median.toFixed(2)}x, ` +
      `max ${ratios.max.toFixed(2)}x; of medians ${(dryTimes.median / gitTimes.median).toFixed(2)}x (target <= 1.5x)`
  )
  const rss = subjectSamples.map(s => s.maxRssKb).filter((v): v is number => v !== null)
  if (rss.length) console.log(`peak RSS of the dry run: ${Math.round(Math.max(...rss) / 1024)} MB`)
}

/** The run says it packed all `count` files (the log, or the summary if it writes one). */
function proveDryRun(stdout: string, count: number, summaryFile: string): void {
  const said = [stdout, readFileSync(summaryFile, 'utf-8')].join('\n').replace(/,/g, '')
  const packed = [...said.matchAll(/\b(\d+) files?\b/g)].map(m => Number(m[1]))
  proveOrFail(packed.includes(count), `its output names ${count} packed files`, stdout)
  proveOrFail(/dry run/i.test(said), 'it ran as a dry run', stdout)
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error)
  process.exit(1)
})
