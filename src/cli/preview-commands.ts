/**
 * `promote <id>`, `delete <id>`, `previews list` and `previews prune`: the previews this action
 * created, on v1 and v2, through the same core as the action (src/core/previews), so the safety
 * rules hold here too: never the production revision, a custom domain's, or one still building.
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
  type Removal
} from '../core/previews/previews.js'
import type { Reporter } from '../core/deploy/reporter.js'
import { parseSettings } from '../core/settings/inputs.js'
import { UsageError } from './args.js'
import { TOKEN_ENV_VARS } from './flags.js'

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
  'dry-run': { type: 'boolean' }
} as const

type Flags = {
  [K in keyof typeof FLAGS]?: (typeof FLAGS)[K]['type'] extends 'boolean' ? boolean : string
}

/** Runs one preview command; throws UsageError for a bad command line. */
export async function runPreviewCommand(io: PreviewCommandIo): Promise<void> {
  const { values, positionals } = readArgs(io.argv)
  const [group, ...rest] = positionals
  const platform = platformOf(values, io)
  const out = (human: string[], json: unknown) =>
    io.write(values.json ? JSON.stringify(json, null, 2) + '\n' : human.join('\n') + '\n')
  if (group === 'promote') return promote(platform, one(rest, 'promote'), values, out)
  if (group === 'delete') {
    const id = one(rest, 'delete')
    const preview = (await platform.inspect(id)) ?? gonePreview(id)
    const done = await removeAll(platform, [{ preview, reason: 'asked for' }], dryRun(values))
    return report(done, out)
  }
  const verb = rest[0]
  if (verb === 'list') {
    const listed = scoped(await platform.listPreviews(), values)
    return out(listed.length ? listed.map(listLine) : ['No previews.'], { previews: listed })
  }
  if (verb === 'prune') {
    const listedAt = Date.now()
    const picks = planPrune(await platform.listPreviews(), pruneRules(values))
    const done = await removeAll(platform, picks, { ...dryRun(values), listedAt })
    return report(done, out)
  }
  throw new UsageError(
    `previews ${verb ?? ''}`.trim() + ': use "previews list" or "previews prune"; see --help.'
  )
}

type Out = (human: string[], json: unknown) => void

async function promote(platform: Platform, id: string, values: Flags, out: Out): Promise<void> {
  if (values['dry-run']) {
    const found = await platform.inspect(id)
    if (!found) throw new UsageError(`${id}: no such ${platform.profile.deploymentNoun}.`)
    return out([`Would promote ${id}.`], { dryRun: true, promote: id })
  }
  const live = await platform.promote(id)
  out([`Promoted ${id}${live.url ? `: ${live.url}` : ''}`], { promoted: id, url: live.url })
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

function pruneRules(values: Flags) {
  const olderThan = values['older-than']
  const olderThanMs = olderThan === undefined ? null : parseAge(olderThan)
  if (olderThan !== undefined && olderThanMs === null)
    throw new UsageError(`--older-than ${olderThan}: give an age such as 14d, 12h or 30m.`)
  const keep = values.keep === undefined ? null : Number(values.keep)
  if (keep !== null && !(Number.isInteger(keep) && keep >= 0))
    throw new UsageError(`--keep ${values.keep}: give a whole number, e.g. --keep 1.`)
  const pr = prOf(values)
  if (olderThanMs === null && keep === null && pr === null)
    throw new UsageError('previews prune needs --pr, --older-than or --keep (it never prunes all).')
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

function gonePreview(id: string): PreviewInfo {
  return {
    id,
    pullRequest: null,
    sha: '',
    createdAt: '',
    building: false,
    status: 'failed',
    url: null,
    production: false,
    customDomains: []
  }
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
