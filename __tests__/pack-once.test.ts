/**
 * A production run packs once: the digest that picks a preview to promote and the upload come
 * from the same pack. The bundle runs under a preload (testing/count-opens.mjs) that counts every open of a file in the
 * tree: each file is opened exactly once, plus once more only when its content is sent.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { mkdir, readFile, writeFile } from 'node:fs/promises'
import path from 'node:path'
import type { StepResult } from '../testing/action-runner.js'
import { pullRequestEvent, pushEvent } from '../testing/events.js'
import {
  expectOk,
  sha,
  startLifecycleFixture,
  type LifecycleFixture
} from '../testing/lifecycle-fixture.js'

const COUNTER = new URL('../testing/count-opens.mjs', import.meta.url).href
const REPO_REF = { owner: 'acme', repo: 'tree', id: 77, defaultBranch: 'main' }
const TOKEN = 'ghs_token_for_pack_once'
const FILES = 40

let fixture: LifecycleFixture
let root: string
let project: { id: string }

beforeAll(async () => {
  fixture = await startLifecycleFixture(REPO_REF, TOKEN)
  root = path.join(fixture.workspace, 'app')
  await mkdir(path.join(root, 'static'), { recursive: true })
  await writeFile(path.join(root, 'main.ts'), 'Deno.serve(() => new Response("tree"))\n')
  for (let i = 0; i < FILES; i++)
    await writeFile(path.join(root, 'static', `file-${i}.txt`), `content ${i}\n`.repeat(50))
  project = await fixture.server.createProject('pack-once')
}, 120_000)

afterAll(async () => {
  await fixture?.stop()
})

/** Runs the bundle for `event` and returns its result and how often each file was opened. */
async function countedStep(event: ReturnType<typeof pushEvent>) {
  const countFile = path.join(fixture.workspace, `opens-${Date.now()}.json`)
  const inputs = { project: project.id, root: 'app', 'api-url': fixture.server.apiUrl }
  const step: StepResult = await fixture.step(event, inputs, {
    env: {
      NODE_OPTIONS: `--import ${COUNTER}`,
      COUNT_OPENS_ROOT: root,
      COUNT_OPENS_FILE: countFile
    }
  })
  expectOk(step)
  const opens = JSON.parse(await readFile(countFile, 'utf8')) as Record<string, number>
  return { step, opens }
}

const packed = () => ['main.ts', ...Array.from({ length: FILES }, (_, i) => `static/file-${i}.txt`)]

describe('one pack per run', () => {
  it('a production run that promotes a preview opens every file exactly once', async () => {
    const preview = await countedStep(
      pullRequestEvent('opened', REPO_REF, { number: 5, headSha: sha('a') })
    )
    fixture.gh.setCommitPulls('acme', 'tree', sha('m'), [
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
