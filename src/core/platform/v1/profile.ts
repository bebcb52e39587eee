/** The v1 API's profile: a project of deployments, one timeline, its own inputs and hints. */
import type { PlatformProfile } from '../profile.js'
import { v1HintFor } from './hints.js'
import { parseProject, parseV1Options } from './inputs.js'
import { v1Options, v1RequestFields } from './request-fields.js'

/** v1-only inputs, and what v2 offers instead (the migration guide's mapping). */
const V1_ONLY_INPUTS: Readonly<Record<string, string>> = {
  'import-map':
    'v2 reads the import map from the deployed deno.json ("imports"); remove import-map and put the map there',
  'lock-file':
    'v2 uses the deno.lock among the deployed files when its install step runs (e.g. install-command: deno install --frozen); remove lock-file',
  'compiler-options':
    'v2 reads compilerOptions from the deployed deno.json; remove compiler-options and put them there',
  'request-timeout':
    'v2 has no per-request timeout (and no per-request CPU limit); remove request-timeout',
  'allow-net':
    'v2 has no per-deployment network permissions; remove allow-net (restrict egress in the app itself)',
  'database-id':
    'v2 attaches databases to the app, not to a deploy (Databases in the Deno Deploy dashboard); remove database-id'
}

export const V1_PROFILE: PlatformProfile = {
  version: 'v1',
  targetNoun: 'project',
  deploymentNoun: 'deployment',
  hasTimelines: false,
  ownInputs: V1_ONLY_INPUTS,
  parseTarget: read => ({
    projectId: parseProject(read.value('project'), read.report('project')),
    api: parseV1Options(read),
    entrypointOptional: false
  }),
  fileReferences: settings => {
    const { importMap, lockFile } = v1Options(settings)
    return [
      { input: 'import-map', value: importMap, what: 'import map' },
      { input: 'lock-file', value: lockFile, what: 'lock file' }
    ]
  },
  servedConfig: settings => {
    const fields: Record<string, unknown> = { ...v1RequestFields(settings) }
    delete fields.description
    return fields
  },
  hintFor: v1HintFor
}
