import { execFileSync } from 'node:child_process'

export interface GitHead {
  sha?: string
  ref?: string
}

/**
 * The commit and branch checked out in `dir`, so a deployment made from a laptop gets the same
 * default description as one made by the action. Outside a git checkout (or without git) both
 * are simply unknown.
 */
export function readGitHead(dir: string): GitHead {
  return {
    sha: git(dir, ['rev-parse', '--verify', '-q', 'HEAD']),
    ref: git(dir, ['symbolic-ref', '-q', 'HEAD'])
  }
}

function git(dir: string, args: string[]): string | undefined {
  try {
    const out = execFileSync('git', args, {
      cwd: dir,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
      timeout: 5000
    }).trim()
    return out || undefined
  } catch {
    return undefined
  }
}
