/**
 * Previews at scale, end to end on v1 and v2: the action (dist/index.js) and the CLI
 * (dist/cli/index.js) against the local server running Deno, GitHub as the double. Five PRs
 * under max-previews 3; a leaked preview the janitor finds with comments off; two janitors at
 * once; a prune that meets a revision still building.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { execFile } from 'node:child_process'
import { join } from 'node:path'
import { pullRequestEvent, workflowDispatchEvent } from '../testing/events.js'
import { REPO_ROOT } from '../testing/action-runner.js'
import {
  expectOk,
  sha,
  SHOP,
  startLifecycleFixture,
  type LifecycleFixture
} from '../testing/lifecycle-fixture.js'
import { startLocalServer, type LocalServer } from '../server/testing/harness.js'

const { owner: OWNER, repo: REPO } = SHOP
const WRITE_TOKEN = 'ghs_write_token_for_scale_tests'

function cli(
  args: string[],
  token: string
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise(resolve => {
    execFile(
      process.execPath,
      [join(REPO_ROOT, 'dist', 'cli', 'index.js'), ...args],
      { env: { PATH: process.env.PATH ?? '', SUBHOSTING_TOKEN: token }, timeout: 120_000 },
      (error, stdout, stderr) =>
        resolve({
          code: error ? (typeof error.code === 'number' ? error.code : -1) : 0,
          stdout,
          stderr
        })
    )
  })
}

describe.each(['v1', 'v2'] as const)('previews at scale on %s', version => {
  let fixture: LifecycleFixture
  let project = ''
  let apiUrl = ''
  const ids = new Map<number, string>()

  beforeAll(async () => {
    fixture = await startLifecycleFixture(SHOP, WRITE_TOKEN)
    apiUrl = version === 'v1' ? fixture.server.apiUrl : fixture.server.v2Url
    project =
      version === 'v1'
        ? (await fixture.server.createProject('scale')).id
        : (await fixture.server.createApp('scale')).slug
  }, 120_000)

  afterAll(async () => {
    await fixture?.stop()
  })

  const target = () => ['--project', project, '--api-url', apiUrl]
  const listed = async (): Promise<{ id: string; pullRequest: number }[]> => {
    const r = await cli(['previews', 'list', ...target(), '--json'], fixture.server.token)
    if (r.code !== 0) throw new Error(r.stderr)
    return (JSON.parse(r.stdout) as { previews: { id: string; pullRequest: number }[] }).previews
  }
  const setState = (n: number, state: 'open' | 'closed') =>
    fixture.gh.setPull(OWNER, REPO, { number: n, state, head: { sha: sha(String(n)) } })
  const preview = async (n: number, extra: Record<string, string> = {}) => {
    const root = await fixture.app(`pr${n}`, `preview of #${n}`)
    const r = await fixture.step(
      pullRequestEvent('opened', SHOP, { number: n, headSha: sha(String(n)) }),
      { project, root, 'api-url': apiUrl, 'max-previews': '3', ...extra }
    )
    expectOk(r)
    ids.set(n, r.outputs['deployment-id'])
    return r
  }
  const janitor = (extra: Record<string, string> = {}) =>
    fixture.step(workflowDispatchEvent(SHOP, 'refs/heads/main'), {
      project,
      root: fixture.workspace,
      'api-url': apiUrl,
      mode: 'janitor',
      ...extra
    })

  it('five PRs under max-previews 3: the closed PR goes first, then the least recently deployed', async () => {
    for (const n of [1, 2, 3]) {
      setState(n, 'open')
      await preview(n)
    }
    setState(1, 'closed')
    setState(4, 'open')
    const fourth = await preview(4)
    expect(fourth.summary).toContain('its pull request is closed')
    expect((await listed()).map(p => p.pullRequest).sort()).toEqual([2, 3, 4])

    setState(5, 'open')
    const fifth = await preview(5)
    expect(fifth.summary).toContain('least recently deployed open pull request')
    expect((await listed()).map(p => p.pullRequest).sort()).toEqual([3, 4, 5])
    // PR 2 hears it in the same run: the row is removed with the reason, its deployment inactive.
    const body = fixture.ourComments(2)[0].body
    expect(body).toContain('Removed')
    expect(body).toContain('max-previews (3)')
    expect(body).toContain('push to the pull request to redeploy')
    const gh2 = fixture.gh.deployments(OWNER, REPO).find(d => d.environment === 'preview/pr-2')!
    expect(fixture.gh.statuses(gh2.id).at(-1)?.state).toBe('inactive')
  }, 300_000)

  it('the janitor finds a leaked preview with comments off; its dry run only lists', async () => {
    setState(3, 'closed') // closed without a cleanup run: leaked
    const dry = await janitor({ comment: 'false', 'dry-run': 'true' })
    expectOk(dry)
    expect(dry.summary).toContain(`would delete ${ids.get(3)}`)
    expect((await listed()).map(p => p.pullRequest)).toContain(3)

    const r = await janitor({ comment: 'false' })
    expectOk(r)
    expect(r.summary).toContain(`deleted ${ids.get(3)} of \\#3: its pull request is closed`)
    expect((await listed()).map(p => p.pullRequest).sort()).toEqual([4, 5])
    const gh3 = fixture.gh.deployments(OWNER, REPO).find(d => d.environment === 'preview/pr-3')!
    expect(fixture.gh.statuses(gh3.id).at(-1)?.state).toBe('inactive')
  }, 180_000)

  it('two janitors at once both succeed; open PRs keep their previews', async () => {
    setState(4, 'closed')
    const [a, b] = await Promise.all([janitor(), janitor()])
    expectOk(a)
    expectOk(b)
    expect((await listed()).map(p => p.pullRequest)).toEqual([5])
    expect(fixture.ourComments(4)[0].body).toContain('removed by the janitor')
  }, 180_000)

  it('CLI: prune --dry-run names, delete removes, promote and --help know the commands', async () => {
    const dry = await cli(
      ['previews', 'prune', ...target(), '--pr', '5', '--dry-run', '--json'],
      fixture.server.token
    )
    expect(dry.code).toBe(0)
    expect(JSON.parse(dry.stdout).removals[0]).toMatchObject({
      id: ids.get(5),
      outcome: { kind: 'would-delete' }
    })
    const help = await cli(['--help'], '')
    expect(help.stdout).toContain('previews prune')
    const del = await cli(['delete', ids.get(5)!, ...target()], fixture.server.token)
    expect(del.stdout).toContain(`deleted ${ids.get(5)}`)
    const again = await cli(['delete', ids.get(5)!, ...target()], fixture.server.token)
    expect(again.code).toBe(2)
    expect(again.stderr).toContain(
      `no ${version === 'v1' ? 'deployment' : 'revision'} ${ids.get(5)}`
    )
  }, 120_000)
})

describe('a prune meets a revision still building (v2, build commands run)', () => {
  let server: LocalServer
  let fixture: LifecycleFixture

  beforeAll(async () => {
    fixture = await startLifecycleFixture(SHOP, WRITE_TOKEN)
    server = await startLocalServer({ runBuildCommands: true })
    await server.createApp('slow')
  }, 120_000)

  afterAll(async () => {
    await Promise.all([server?.stop(), fixture?.stop()])
  })

  it('keeps it: it is still building', async () => {
    const root = await fixture.app('slow', 'slow one')
    const r = await fixture.step(
      pullRequestEvent('opened', SHOP, { number: 9, headSha: sha('9') }),
      {
        token: server.token,
        project: 'slow',
        root,
        'api-url': server.v2Url,
        'install-command': 'sleep 30',
        wait: 'false'
      }
    )
    expectOk(r)
    const id = r.outputs['deployment-id']
    const prune = await cli(
      ['previews', 'prune', '--project', 'slow', '--api-url', server.v2Url, '--pr', '9', '--json'],
      server.token
    )
    expect(prune.code).toBe(0)
    expect(JSON.parse(prune.stdout).removals).toEqual([
      expect.objectContaining({ id, outcome: { kind: 'kept', reason: 'it is still building' } })
    ])
  }, 180_000)
})
