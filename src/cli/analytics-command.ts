/**
 * `analytics`: the traffic of the project (v1) or app (v2) over the last 24 hours, from the
 * platform's analytics, as a small table (or `--json`). Takes the deploy's target flags
 * (`--project`, `--api-url`, `--organization`, ...) and the token from the environment.
 */
import path from 'node:path'
import { createPlatform } from '../core/platform/factory.js'
import type { Reporter } from '../core/deploy/reporter.js'
import {
  lastDayTraffic,
  NO_TRAFFIC_YET,
  trafficRows,
  type Traffic
} from '../core/deploy/traffic.js'
import { parseSettings } from '../core/settings/inputs.js'
import type { CommandLine } from './args.js'

export function isAnalyticsCommand(argv: string[]): boolean {
  return argv[0] === 'analytics'
}

export async function runAnalytics(
  cli: CommandLine,
  cwd: string,
  reporter: Reporter,
  signal?: AbortSignal
): Promise<Traffic> {
  const root = path.resolve(cwd, cli.raw.root || '.')
  const settings = parseSettings({ ...cli.raw, root }, { workspace: root, deploysNothing: true })
  const platform = createPlatform(settings, {
    reporter,
    deadline: Date.now() + 60_000,
    timeoutMs: 60_000,
    signal,
    rootInRepo: null,
    assetPaths: new Set()
  })
  return lastDayTraffic(platform)
}

/** The terminal text of `analytics`. */
export function formatTraffic(traffic: Traffic): string {
  const rows = trafficRows(traffic)
  const head = `Traffic from ${traffic.since} to ${traffic.until}`
  if (!rows.length) return `${head}:\n  ${NO_TRAFFIC_YET}\n`
  const width = Math.max(...rows.map(([label]) => label.length))
  return `${head}:\n${rows.map(([label, value]) => `  ${label.padEnd(width)}  ${value}`).join('\n')}\n`
}
