/**
 * `promote <id>` and `delete <id>` act only inside the --project app (project): an ID of another
 * app the token reaches is refused before anything changes, an ID that does not exist is an
 * error that names it (never "already gone"), a delete the safety rules refuse exits 2. Each
 * command answers --help; `previews prune` takes ages with their unit and never prunes all.
 * Runs `runCli` in this process against the local server running Deno, on v1 and v2.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { fileURLToPath } from 'node:url'
import { runCli } from '../src/cli/run.js'
import { startLocalServer, type LocalServer } from '../server/testing/harness.js'

const ROOT = fileURLToPath(new URL('..', import.meta.url))

async function cli(argv: string[], token = 'ddo_test-token') {
  let stdout = ''
  let stderr = ''
  const code = await runCli({
    argv,
    env: { SUBHOSTING_TOKEN: token },
    cwd: ROOT,
    stdout: { write: (text: string) => void (stdout += text) },
    stderr: { write: (text: string) => void (stderr += text) },
    signal: new AbortController().signal
  })
  return { code, stdout, stderr }
}

describe.each(['v1', 'v2'] as const)('promote and delete by ID on %s', version => {
  let server: LocalServer
  let apiUrl = ''
  const project = { hello: '', site: '' }
  const ids = { hello: '', site: '' }
  const noun = version === 'v1' ? 'deployment' : 'revision'
  const targetNoun = version === 'v1' ? 'project' : 'app'

  const run = (args: string[]) => cli([...args, '--api-url', apiUrl], server.token)
  const deploy = async (name: 'hello' | 'site', extra: string[] = []) => {
    const r = await run([
      '--project',
      project[name],
      '--root',
      'examples/hello',
      '--entrypoint',
      'main.ts',
      '--json',
      ...extra
    ])
    if (r.code !== 0) throw new Error(r.stderr)
    return (JSON.parse(r.stdout) as { deploymentId: string }).deploymentId
  }

  beforeAll(async () => {
    server = await startLocalServer()
    apiUrl = version === 'v1' ? server.apiUrl : server.v2Url
    for (const name of ['hello', 'site'] as const) {
      project[name] =
        version === 'v1'
          ? (await server.createProject(name)).id
          : (await server.createApp(name)).slug
      ids[name] = await deploy(name)
    }
  }, 180_000)

  afterAll(async () => {
    await server?.stop()
  })

  it.each(['delete', 'promote'])(
    "%s refuses another app's ID, names both, and leaves it alone",
    async verb => {
      const r = await run([verb, ids.site, '--project', project.hello])
      expect(r.code).toBe(2)
      expect(r.stderr).toContain(`${noun} ${ids.site} belongs to ${targetNoun} site, not hello`)
      const still = await run(['promote', ids.site, '--project', project.site, '--dry-run'])
      expect(still.code).toBe(0)
      expect(still.stdout).toContain(`Would promote ${ids.site}.`)
    },
    60_000
  )

  it.each(['delete', 'promote'])(
    '%s of an ID that does not exist is an error that names it, not "already gone"',
    async verb => {
      const r = await run([verb, 'zzzzzzzzzzzz', '--project', project.hello])
      expect(r.code).toBe(2)
      expect(r.stderr).toContain(`no ${noun} zzzzzzzzzzzz in ${targetNoun} hello`)
      expect(r.stderr).toContain('previews list')
      expect(r.stderr).not.toContain('Check --project')
      expect(r.stdout).not.toContain('already gone')
    },
    60_000
  )

  it('delete removes a revision of the app that is no pull-request preview, once', async () => {
    const id = await deploy('hello')
    const dry = await run(['delete', id, '--project', project.hello, '--dry-run'])
    expect(dry.code).toBe(0)
    expect(dry.stdout).toContain(`would delete ${id}`)
    const del = await run(['delete', id, '--project', project.hello])
    expect(del.code).toBe(0)
    expect(del.stdout).toContain(`deleted ${id}: asked for (not a pull-request preview)`)
    const again = await run(['delete', id, '--project', project.hello])
    expect(again.code).toBe(2)
    expect(again.stderr).toContain(`no ${noun} ${id} in ${targetNoun} hello`)
  }, 120_000)

  if (version === 'v2') {
    it('a delete the safety rules refuse exits 2 with the reason', async () => {
      const production = await deploy('site', ['--production'])
      const r = await run(['delete', production, '--project', project.site, '--json'])
      expect(r.code).toBe(2)
      expect(r.stderr).toContain(`refused to delete revision ${production}: it serves production`)
      expect(JSON.parse(r.stdout).error.kind).toBe('input')
    }, 120_000)
  }
})

describe('each command answers --help', () => {
  it('the top-level help lists analytics', async () => {
    const r = await cli(['--help'])
    expect(r.stdout).toContain('subhosting-deploy analytics --project APP')
  })

  it.each([
    ['analytics', 'Usage: subhosting-deploy analytics'],
    ['promote', 'Usage: subhosting-deploy promote ID'],
    ['delete', 'Usage: subhosting-deploy delete ID'],
    ['previews', 'Usage: subhosting-deploy previews list'],
    ['previews list', 'Usage: subhosting-deploy previews list'],
    ['previews prune', 'Usage: subhosting-deploy previews prune']
  ])('%s --help', async (command, usage) => {
    const r = await cli([...command.split(' '), '--help'])
    expect(r.code).toBe(0)
    expect(r.stdout.startsWith(usage)).toBe(true)
    expect(r.stdout).toContain('--project APP')
    expect(r.stderr).toBe('')
  })

  it('delete --help says it takes any revision of the app, not only previews', async () => {
    const r = await cli(['delete', '-h'])
    expect(r.stdout).toMatch(
      /Any revision of the app may be deleted, not\s+only the pull-request previews/
    )
  })
})

describe('previews prune criteria', () => {
  const prune = (...args: string[]) =>
    cli(['previews', 'prune', '--project', 'hello', '--api-url', 'http://127.0.0.1:9/v2', ...args])

  it.each(['14', '0d', '2w', 'soon'])('--older-than %s is refused with the units', async age => {
    const r = await prune('--older-than', age)
    expect(r.code).toBe(2)
    expect(r.stderr).toContain('14d (days), 12h (hours), 30m (minutes) or 90s (seconds)')
  })

  it.each(['0', '-1', '1.5'])('--keep %s is refused: at least 1', async keep => {
    const r = await prune(`--keep=${keep}`)
    expect(r.code).toBe(2)
    expect(r.stderr).toContain('at least 1')
  })

  it('no criterion is refused', async () => {
    const r = await prune()
    expect(r.code).toBe(2)
    expect(r.stderr).toContain('never prunes every preview of every pull request')
  })
})
