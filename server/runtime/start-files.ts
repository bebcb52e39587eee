import { readFile, realpath } from 'node:fs/promises'
import { join } from 'node:path'
import type { RunSpec } from './types.js'
import { writeDenoConfig, type GeneratedConfig } from './deno-config.js'
import { StartError } from './deno-process.js'
import type { RuntimeLayout } from './layout.js'
import { toModuleSpecifier } from './source-paths.js'
import { assertNoEscapingSymlinks } from './symlink-guard.js'

/** What every start of one deployment needs from its files; the same for all of its starts. */
export interface StartFiles {
  config: GeneratedConfig
  entry: string
  /** The assets' real path (what the process may read). */
  srcDir: string
  /** The build found node:http in the graph (see module-graph.ts). */
  nodeHttp: boolean
}

/** Decided by the build: patching node:http slows every start, so it happens only when needed. */
async function usesNodeHttp(layout: RuntimeLayout, deploymentId: string): Promise<boolean> {
  try {
    const facts = JSON.parse(await readFile(layout.factsFile(deploymentId), 'utf8'))
    return facts.nodeHttp === true
  } catch {
    return false
  }
}

/**
 * Writes the run config and checks the assets (a walk of the whole tree, so done once per
 * registration, not once per start: nothing changes the assets once a deployment is registered).
 */
export async function prepareStartFiles(spec: RunSpec, layout: RuntimeLayout): Promise<StartFiles> {
  const dir = layout.deploymentDir(spec.deploymentId)
  const [config, srcDir, nodeHttp] = await Promise.all([
    writeDenoConfig({ ...spec, lockFileUrl: '' }, join(dir, 'run')),
    realpath(spec.srcDir),
    usesNodeHttp(layout, spec.deploymentId)
  ])
  const entry = toModuleSpecifier(spec.srcDir, spec.entryPointUrl, 'entryPointUrl')
  await assertNoEscapingSymlinks(srcDir).catch(error => {
    throw new StartError((error as Error).message)
  })
  return { config, entry, srcDir, nodeHttp }
}
