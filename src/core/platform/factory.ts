/**
 * The one place that tells v1 from v2: the profile of a version (inputs, words, hints), and the
 * platform of a run's settings, on one transport (token, organization header, deadline, retries).
 */
import type { WaitContext } from '../deploy/wait.js'
import { ApiTransport } from '../http/transport.js'
import type { Platform } from './platform.js'
import type { PlatformProfile } from './profile.js'
import type { DeploySettings, PlatformVersion } from '../settings/settings.js'
import { SubhostingClient } from './v1/client.js'
import { V1_PROFILE } from './v1/profile.js'
import { V1Platform } from './v1/v1-platform.js'
import { V2Client } from './v2/client.js'
import { V2_PROFILE } from './v2/profile.js'
import { V2Platform } from './v2/v2-platform.js'

export const PROFILES: Readonly<Record<PlatformVersion, PlatformProfile>> = {
  v1: V1_PROFILE,
  v2: V2_PROFILE
}

export function profileOf(settings: DeploySettings): PlatformProfile {
  return PROFILES[settings.api.version]
}

export function createPlatform(settings: DeploySettings, wait: WaitContext): Platform {
  const api = settings.api
  const transport = new ApiTransport({
    apiUrl: settings.apiUrl,
    token: settings.token,
    hintFor: PROFILES[api.version].hintFor,
    deadline: wait.deadline,
    signal: wait.signal,
    log: message => wait.reporter.info(message),
    headers:
      api.version === 'v2' && api.organization ? { 'X-Deno-Org': api.organization } : undefined
  })
  return api.version === 'v2'
    ? new V2Platform(settings, new V2Client(transport), wait)
    : new V1Platform(settings, new SubhostingClient(transport), wait)
}
