/**
 * A production run packs once: the digest that picks a preview to promote and the upload come
 * from the same pack. The bundle runs under a preload (support/count-opens.mjs) that counts every open of a file in the
 * tree: each file is opened exactly once, plus once more only when its content is sent.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { startLocalServer, type LocalServer } from '../server/testing.js'
import { runStep, type StepResult } from '../testing/action-runner.js'
import { pullRequestEvent, pushEvent } from '../testing/events.js'
import {
  GITHUB_ACTIONS_BOT,
  startGitHubDouble,
  type GitHubDouble
} from '../testing/github-double.js'

const COUNTER = new URL('../testing/count-opens.mjs', import.meta.url).href
const REPO_REF = { owner: 'acme', repo: 'tree', id: 77, defaultBranch: 'main' }
const TOKEN = 'ghs_token_for_pack_once'
const FILES = 40

let server: LocalServer
let gh: GitHubDouble
let workspace: string
let root: string
let project: { id: string }

const sha = (c: string) => c.repeat(40).slice(0, 40)

beforeAll(async () => {
  workspace = await mkdtemp(path.join(tmpdir(), 'pack-once-'))
  root = path.join(workspace, 'app')
  await mkdir(path.join(root, 'static'), { recursive: true })
  await writeFile(path.join(root, 'main.ts'), 'Deno.serve(() => new Response("tree"))\n')
  for (let i = 0; i < FILES; i++)
    await writeFile(path.join(root, 'static', `file-${i}.txt`), `content ${i}\n`.repeat(50))
  ;[server, gh] = await Promise.all([startLocalServer(), startGitHubDouble()])
  gh.addRepo('acme', 'tree', { defaultBranch: 'main', id: 77 })
  gh.addToken(TOKEN, {
    user: GITHUB_ACTIONS_BOT,
    canReadUser: false,
    write: ['issues', 'pull-requests', 'deployments']
  })
  project = await server.createProject('pack-once')
}, 120_000)

afterAll(async () => {
  await Promise.all([server?.stop(), gh?.stop()])
  await rm(workspace, { recursive: true, force: true })
})

/** Runs the bundle for `event` and returns its result and how often each file was opened. */
async function countedStep(event: ReturnType<typeof pushEvent>) {
  const countFile = path.join(workspace, `opens-${Date.now()}.json`)
  const step: StepResult = await runStep({
    event,
    repository: 'acme/tree',
    githubApiUrl: gh.url,
    workspace,
    env: {
      NODE_OPTIONS: `--import ${COUNTER}`,
      COUNT_OPENS_ROOT: root,
      COUNT_OPENS_FILE: countFile
    },
    inputs: {
      token: server.token,
      project: project.id,
      entrypoint: 'main.ts',
      root: 'app',
      'api-url': server.apiUrl,
      'github-token': TOKEN,
      timeout: '120'
    }
  })
  if (step.code !== 0) throw new Error(`step failed:\n${step.stdout}\n${step.stderr}`)
  const opens = JSON.parse(await readFile(countFile, 'utf8')) as Record<string, number>
  return { step, opens }
}

const packed = () => ['main.ts', ...Array.from({ length: FILES }, (_, i) => `static/file-${i}.txt`)]

describe('one pack per run', () => {
  it('a production run that promotes a preview opens every file exactly once', async () => {
    const preview = await countedStep(
      pullRequestEvent('opened', REPO_REF, { number: 5, headSha: sha('a') })
    )
    gh.setCommitPulls('acme', 'tree', sha('m'), [
      { number: 5, state: 'closed', merged_at: '2026-12-01T00:00:00Z', head: { sha: sha('a') } }
    ])
    const { step, opens } = await countedStep(pushEvent(REPO_REF, 'refs/heads/main', sha('m')))
    expect(step.outputs['promoted-from']).toBe(preview.step.outputs['deployment-id'])
    expect(opens).toEqual(Object.fromEntries(packed().map(file => [file, 1])))
  })

  it('a fresh production deploy opens a file twice only when its content is sent', async () => {
    await writeFile(path.join(root, 'static', 'file-0.txt'), 'changed\n')
    const { step, opens } = await countedStep(pushEvent(REPO_REF, 'refs/heads/main', sha('n')))
    expect(step.outputs['promoted-from']).toBe('')
    const expected = Object.fromEntries(packed().map(file => [file, 1]))
    expected['static/file-0.txt'] = 2
    expect(opens).toEqual(expected)
  })
})
