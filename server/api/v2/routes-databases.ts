// POST /v2/database_instances: records the instance and answers its non-secret metadata. Revisions
// keep using their timeline's own KV database; binding an instance's databases is not run locally.
import { randomBytes } from 'node:crypto'
import { ok } from '../http/http-util.js'
import { expectObject, type Json } from '../http/validate.js'
import { newUuid, timestamp } from '../storage/ids.js'
import { conflict, malformed } from './errors.js'
import type { DatabaseInstanceRec } from './model.js'
import type { V2Route } from './route.js'
import type { V2Service } from './service.js'
import { checkSlug } from './validate.js'

const ENGINES: Record<string, string[]> = {
  postgresql: ['engine', 'hostname', 'port', 'username', 'password', 'certificate'],
  denokv: ['engine'],
  prisma: ['engine', 'region']
}

const nullableString = (obj: Json, key: string): string | null => {
  const value = obj[key] ?? null
  if (value !== null && typeof value !== 'string')
    throw malformed(`connection.${key} must be a string or null.`)
  return value
}

/** The answer's `connection`: credentials (password, CA certificate) are never kept. */
function parseConnection(raw: unknown): Record<string, unknown> {
  const engine = (raw as { engine?: unknown } | null)?.engine
  if (typeof engine !== 'string' || !Object.hasOwn(ENGINES, engine))
    throw malformed(`connection.engine must be one of ${Object.keys(ENGINES).join(', ')}.`)
  const obj = expectObject(raw, 'connection', ENGINES[engine])
  if (engine === 'denokv') return { engine }
  if (engine === 'prisma') {
    if (typeof obj.region !== 'string' || !obj.region)
      throw malformed('connection.region is required.')
    return { engine, project_id: `prj_${randomBytes(8).toString('hex')}`, region: obj.region }
  }
  if (typeof obj.hostname !== 'string' || !obj.hostname)
    throw malformed('connection.hostname is required for postgresql.')
  const port = obj.port ?? null
  if (
    port !== null &&
    !(Number.isInteger(port) && (port as number) >= 1 && (port as number) <= 65535)
  )
    throw malformed('connection.port must be an integer from 1 to 65535, or null.')
  nullableString(obj, 'password')
  return {
    engine,
    hostname: obj.hostname,
    port,
    username: nullableString(obj, 'username'),
    custom_certificate: nullableString(obj, 'certificate') !== null
  }
}

async function createInstance(svc: V2Service, raw: unknown): Promise<DatabaseInstanceRec> {
  const obj = expectObject(raw ?? {}, 'The request body', ['slug', 'connection'])
  const slug = checkSlug(obj.slug, 'slug')
  if (Object.values(svc.state.databaseInstances).some(i => i.slug === slug))
    throw conflict(
      'DATABASE_INSTANCE_ALREADY_EXISTS',
      `A database instance with slug ${JSON.stringify(slug)} already exists; choose another slug.`
    )
  const instance: DatabaseInstanceRec = {
    id: newUuid(),
    slug,
    connection: parseConnection(obj.connection),
    createdAt: timestamp()
  }
  svc.state.databaseInstances[instance.id] = instance
  await svc.changed()
  return instance
}

export const databaseRoutes: V2Route[] = [
  {
    method: 'POST',
    path: '/database_instances',
    async handler(svc, { body }) {
      const instance = await createInstance(svc, await body())
      return ok({
        id: instance.id,
        slug: instance.slug,
        engine: instance.connection.engine,
        connection: instance.connection,
        databases: [],
        created_at: instance.createdAt
      })
    }
  }
]
