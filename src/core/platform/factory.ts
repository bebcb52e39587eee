/**
 * Picks the platform implementation for the settings: one transport (token, organization
 * header, deadline, retries), wrapped by the v1 or the v2 client.
 */
import { SubhostingClient } from './v1/client.js'
import type { WaitContext } from '../deploy/wait.js'
import { ApiTransport } from '../http/transport.js'
import type { Platform } from './platform.js'
import type { DeploySettings } from '../settings/settings.js'
import { V1Platform } from './v1/v1-platform.js'
import { V2Client } from './v2/client.js'
import { V2Platform } from './v2/v2-platform.js'

export function createPlatform(settings: DeploySettings, wait: WaitContext): Platform {
  const transport = new ApiTransport({
    apiUrl: settings.apiUrl,
    token: settings.token,
    platform: settings.apiVersion,
    deadline: wait.deadline,
    signal: wait.signal,
    log: message => wait.reporter.info(message),
    headers: settings.organization ? { 'X-Deno-Org': settings.organization } : undefined
  })
  return settings.apiVersion === 'v2'
    ? new V2Platform(settings, new V2Client(transport), wait)
    : new V1Platform(settings, new SubhostingClient(transport), wait)
}
