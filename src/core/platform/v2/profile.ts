/** The v2 API's profile: an app of revisions on two timelines, its own inputs and hints. */
import type { PlatformProfile } from '../profile.js'
import { v2HintFor } from './hints.js'
import { parseApp, parseV2Options } from './inputs.js'
import { v2Config } from './request-fields.js'

/** v2-only inputs, and why v1 cannot take them. */
const V2_ONLY_INPUTS: Readonly<Record<string, string>> = {
  organization:
    'v1 tokens belong to one organization and v1 paths carry no organization header; remove organization',
  'install-command':
    'v1 runs no install step on the platform; install in the workflow before deploying, or target v2',
  'build-command':
    'v1 runs no build step on the platform; build in the workflow and deploy the output, or target v2',
  framework: 'v1 has no framework presets; set entrypoint to the built server module, or target v2',
  'static-dir':
    'v1 has no static runtime; deploy a file server as entrypoint (e.g. jsr:@std/http/file-server, serving the directory), or target v2',
  spa: 'v1 has no static runtime; serve index.html for unknown paths in your own entrypoint, or target v2',
  layers: 'v1 has no layers; pass the variables with env-vars, or target v2',
  'preview-domains':
    'v1 has no preview timeline to bind host names to; each v1 deployment has its own URL (attach a domain with domains after deploying), or target v2'
}

export const V2_PROFILE: PlatformProfile = {
  version: 'v2',
  targetNoun: 'app',
  deploymentNoun: 'revision',
  hasTimelines: true,
  ownInputs: V2_ONLY_INPUTS,
  parseTarget: read => {
    const api = parseV2Options(read)
    return {
      projectId: parseApp(read.value('project'), read.report('project')),
      api,
      entrypointOptional: api.framework !== null || api.staticDir !== null
    }
  },
  fileReferences: () => [],
  servedConfig: settings => ({ api: 'v2', config: v2Config(settings), envVars: settings.envVars }),
  hintFor: v2HintFor
}
