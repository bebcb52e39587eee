/**
 * `promote <id>`, `delete <id>`, `previews list` and `previews prune`: the previews this action
 * created, on v1 and v2, through the same core as the action (src/core/previews), so the safety
 * rules hold here too: never the production revision, a custom domain's, or one still building.
 * `promote` and `delete` take any ID of the --project app (project); the platform refuses an ID
 * of another one, and an ID the user typed that does not exist is an error, not "already gone".
 */
import { parseArgs } from 'node:util'
import { createPlatform } from '../core/platform/factory.js'
import type { Platform, PreviewInfo } from '../core/platform/platform.js'
import {
  formatAge,
  parseAge,
  planPrune,
  removalLine,
  removeAll,
  removePreview,
  type Removal
} from '../core/previews/previews.js'
import type { Reporter } from '../core/deploy/reporter.js'
import { parseSettings } from '../core/settings/inputs.js'
import { UsageError } from './args.js'
import { TOKEN_ENV_VARS } from './flags.js'
import { commandHelp } from './help.js'

export const PREVIEW_COMMANDS = ['promote', 'delete', 'previews'] as const

export function isPreviewCommand(argv: string[]): boolean {
  return (PREVIEW_COMMANDS as readonly string[]).includes(argv[0])
}

export interface PreviewCommandIo {
  argv: string[]
  env: NodeJS.ProcessEnv
  cwd: string
  signal: AbortSignal
  reporter: Reporter
  write(text: string): void
}

const FLAGS = {
  project: { type: 'string' },
  'api-url': { type: 'string' },
  'api-version': { type: 'string' },
  organization: { type: 'string' },
  timeout: { type: 'string' },
  pr: { type: 'string' },
  'older-than': { type: 'string' },
  keep: { type: 'string' },
  json: { type: 'boolean' },
  'dry-run': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' }
} as const

type Flags = {
  [K in keyof typeof FLAGS]?: (typeof FLAGS)[K]['type'] extends 'boolean' ? boolean : string
}

/** Runs one preview command; throws UsageError for a bad command line. */
export async function runPreviewCommand(io: PreviewCommandIo): Promise<void> {
  const { values, positionals } = readArgs(io.argv)
  const [group, ...rest] = positionals
  if (values.help) return io.write(helpOf(group, rest[0]) + '\n')
  const platform = platformOf(values, io)
  const out = (human: string[], json: unknown) =>
    io.write(values.json ? JSON.stringify(json, null, 2) + '\n' : human.join('\n') + '\n')
  if (group === 'promote') return promote(platform, one(rest, 'promote'), values, out)
  if (group === 'delete') return deleteOne(platform, one(rest, 'delete'), values, out)
  const verb = rest[0]
  if (verb === 'list') {
    const listed = scoped(await platform.listPreviews(), values)
    return out(listed.length ? listed.map(listLine) : ['No previews.'], { previews: listed })
  }
  if (verb === 'prune') {
    const listedAt = Date.now()
    const rules = pruneRules(values)
    const picks = planPrune(await platform.listPreviews(), rules)
    const done = await removeAll(platform, picks, { ...dryRun(values), listedAt })
    return report(done, out)
  }
  throw new UsageError(
    `previews ${verb ?? ''}`.trim() + ': use "previews list" or "previews prune"; see --help.'
  )
}

type Out = (human: string[], json: unknown) => void

/** `promote --help`, `previews prune --help`, ...: that command's usage. */
function helpOf(group: string, verb: string | undefined): string {
  return commandHelp(`${group} ${verb ?? ''}`.trim()) ?? commandHelp(group) ?? ''
}

async function promote(platform: Platform, id: string, values: Flags, out: Out): Promise<void> {
  await typedId(platform, id)
  if (values['dry-run']) return out([`Would promote ${id}.`], { dryRun: true, promote: id })
  const live = await platform.promote(id)
  out([`Promoted ${id}${live.url ? `: ${live.url}` : ''}`], { promoted: id, url: live.url })
}

/**
 * `delete <id>`: any revision (deployment) of the app that the safety rules let go, not only a
 * pull-request preview; one they keep is refused, and so is an ID the app does not have.
 */
async function deleteOne(platform: Platform, id: string, values: Flags, out: Out): Promise<void> {
  const found = await typedId(platform, id)
  const outcome = await removePreview(platform, id, dryRun(values))
  if (outcome.kind === 'kept')
    throw new UsageError(
      `refused to delete ${platform.profile.deploymentNoun} ${id}: ${outcome.reason}.`
    )
  if (outcome.kind === 'gone') throw new UsageError(await notFound(platform, id))
  const reason = found.pullRequest === null ? 'asked for (not a pull-request preview)' : 'asked for'
  report([{ id, pullRequest: found.pullRequest, reason, outcome }], out)
}

/**
 * The deployment (revision) behind an ID the user typed: the platform refuses one of another app
 * (NotInTargetError); one that does not exist is an error here, never "already gone".
 */
async function typedId(platform: Platform, id: string): Promise<PreviewInfo> {
  const found = await platform.inspect(id)
  if (!found) throw new UsageError(await notFound(platform, id))
  return found
}

async function notFound(platform: Platform, id: string): Promise<string> {
  const { deploymentNoun, targetNoun } = platform.profile
  const target = await platform.checkTarget()
  return (
    `no ${deploymentNoun} ${id} in ${targetNoun} ${target}; ` +
    `list its previews with \`subhosting-deploy previews list --project ${target}\`.`
  )
}

function report(done: Removal[], out: Out): void {
  out(done.length ? done.map(removalLine) : ['Nothing to remove.'], { removals: done })
}

function listLine(p: PreviewInfo): string {
  const age = formatAge(Math.max(0, Date.now() - Date.parse(p.createdAt)))
  const state = p.building ? 'building' : p.status
  const flags = [p.production ? 'production' : '', ...p.customDomains].filter(Boolean)
  return [
    `#${p.pullRequest ?? '?'}`,
    p.id,
    `${age} old`,
    state,
    p.url ?? '-',
    flags.length ? `(serves ${flags.join(', ')})` : ''
  ]
    .join('  ')
    .trim()
}

function scoped(previews: PreviewInfo[], values: Flags): PreviewInfo[] {
  const pr = prOf(values)
  return pr === null ? previews : previews.filter(p => p.pullRequest === pr)
}

/**
 * Every criterion narrows: an age needs its unit (a bare 14 could be days or seconds, and
 * --timeout takes seconds), --older-than is positive and --keep at least 1, so no criterion
 * alone ever removes every preview of every pull request.
 */
function pruneRules(values: Flags) {
  const olderThan = values['older-than']
  const olderThanMs = olderThan === undefined ? null : parseAge(olderThan)
  if (olderThan !== undefined && !olderThanMs)
    throw new UsageError(
      `--older-than ${olderThan}: give a positive age with its unit: 14d (days), 12h (hours), ` +
        '30m (minutes) or 90s (seconds).'
    )
  const keep = values.keep === undefined ? null : Number(values.keep)
  if (keep !== null && !(Number.isInteger(keep) && keep >= 1))
    throw new UsageError(
      `--keep ${values.keep}: give a whole number of at least 1 (the newest N of each pull ` +
        'request stay); to remove every preview of one pull request, use --pr N alone.'
    )
  const pr = prOf(values)
  if (olderThanMs === null && keep === null && pr === null)
    throw new UsageError(
      'previews prune needs --pr N, --older-than AGE or --keep N: it never prunes every preview ' +
        'of every pull request at once.'
    )
  return { pr, olderThanMs, keep }
}

function prOf(values: Flags): number | null {
  if (values.pr === undefined) return null
  if (!/^[1-9]\d{0,9}$/.test(values.pr))
    throw new UsageError(`--pr ${values.pr}: give a pull request number.`)
  return Number(values.pr)
}

const dryRun = (values: Flags) => ({ dryRun: values['dry-run'] === true })

function one(rest: string[], verb: string): string {
  if (rest.length !== 1)
    throw new UsageError(`${verb} takes one ID: subhosting-deploy ${verb} <id>.`)
  return rest[0]
}

function readArgs(argv: string[]): { values: Flags; positionals: string[] } {
  try {
    const parsed = parseArgs({ args: argv, options: FLAGS, strict: true, allowPositionals: true })
    return { values: parsed.values as Flags, positionals: parsed.positionals }
  } catch (error) {
    throw new UsageError(`${(error as Error).message}; see --help.`)
  }
}

function platformOf(values: Flags, io: PreviewCommandIo): Platform {
  const token = TOKEN_ENV_VARS.map(name => io.env[name]).find(Boolean) ?? ''
  const raw: Record<string, string> = {
    token,
    project: values.project ?? '',
    'api-url': values['api-url'] ?? '',
    'api-version': values['api-version'] ?? '',
    organization: values.organization ?? '',
    timeout: values.timeout ?? '300'
  }
  const settings = parseSettings(raw, { workspace: io.cwd, deploysNothing: true })
  return createPlatform(settings, {
    reporter: io.reporter,
    deadline: Date.now() + settings.timeoutMs,
    timeoutMs: settings.timeoutMs,
    signal: io.signal,
    rootInRepo: null,
    assetPaths: new Set()
  })
}
