import { execFileSync } from 'node:child_process'

export interface GitHead {
  sha?: string
  ref?: string
  /** The repository's top directory; undefined outside a git checkout. */
  toplevel?: string
}

/**
 * The commit and branch checked out in the repository that holds `dir` (the deploy root, not
 * the shell's directory: deploying another checkout must describe that one), so a deployment
 * made from a laptop gets the same default description as one made by the action. Outside a
 * git checkout (or without git) all are unknown.
 */
export function readGitHead(dir: string): GitHead {
  return {
    sha: git(dir, ['rev-parse', '--verify', '-q', 'HEAD']),
    ref: git(dir, ['symbolic-ref', '-q', 'HEAD']),
    toplevel: git(dir, ['rev-parse', '--show-toplevel'])
  }
}

function git(dir: string, args: string[]): string | undefined {
  try {
    const out = execFileSync('git', ['-C', dir, ...args], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
      timeout: 5000
    }).trim()
    return out || undefined
  } catch {
    return undefined
  }
}
