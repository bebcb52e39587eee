// The v2 API's request and response shapes (OpenAPI 2.0.0 of Deno Deploy) as zod schemas, one
// entry per operation, so tests can check every request and answer the local server exchanges.
import { z } from 'zod'

/** Label values are "string or array" in the document. */
const labels = z.record(z.string(), z.union([z.string(), z.array(z.string())]))
const contexts = z.union([z.literal('all'), z.array(z.string())])
const timestampText = z.string().min(1)
const nullableTime = timestampText.nullable()

export const EnvVar = z.object({
  id: z.string(),
  key: z.string(),
  value: z.string().optional(),
  secret: z.boolean(),
  contexts
})
const EnvVarInput = z.object({
  key: z.string().min(1).max(128),
  value: z.string().max(65536),
  secret: z.boolean().optional(),
  contexts: contexts.optional()
})
const EnvVarUpdate = z.object({
  id: z.string().optional(),
  key: z.string().min(1).max(128).optional(),
  value: z.string().max(65536).optional(),
  secret: z.boolean().optional(),
  contexts: contexts.optional(),
  delete: z.boolean().optional()
})
const RevisionEnvVar = z.object({ key: z.string(), value: z.string() })
export const LayerRef = z.object({ id: z.string(), slug: z.string() })
const LayerRefInput = z.string()

const Runtime = z.object({
  type: z.enum(['dynamic', 'static']),
  entrypoint: z.string().optional(),
  args: z.array(z.string()).optional(),
  cwd: z.string().optional(),
  spa: z.boolean().optional()
})
const FRAMEWORK = z.enum([
  '',
  'nextjs',
  'astro',
  'nuxt',
  'remix',
  'solidstart',
  'tanstackstart',
  'sveltekit',
  'fresh',
  'lume'
])
export const Config = z.object({
  framework: FRAMEWORK.optional(),
  install: z.string().nullable().optional(),
  build: z.string().nullable().optional(),
  predeploy: z.string().nullable().optional(),
  runtime: Runtime.optional(),
  crons: z.boolean().optional()
})

export const App = z.object({
  id: z.uuid(),
  slug: z.string(),
  labels: labels.optional(),
  layers: z.array(LayerRef),
  env_vars: z.array(EnvVar).optional(),
  config: Config.optional(),
  updated_at: timestampText,
  created_at: timestampText
})
const AppListItem = App.omit({ env_vars: true, config: true })

const Asset = z.union([
  z.object({
    kind: z.literal('file').optional(),
    encoding: z.enum(['utf-8', 'base64']).optional(),
    content: z.string()
  }),
  z.object({ kind: z.literal('symlink'), target: z.string() })
])
const DeployDatabaseRef = z.object({ instance: z.string(), name: z.string() })
const target = z.union([
  z.boolean(),
  z.object({
    domains: z.array(z.string().min(1)).optional(),
    databases: z.array(DeployDatabaseRef).optional()
  })
])
const DeployRequest = z.object({
  assets: z.record(z.string(), Asset),
  config: Config.optional(),
  layers: z.array(LayerRefInput).optional(),
  env_vars: z.array(z.object({ key: z.string().min(1).max(128), value: z.string() })).optional(),
  labels: labels.optional(),
  production: target.optional(),
  preview: target.optional(),
  retention: z.enum(['auto', 'indefinite']).optional()
})

const RevisionListItem = z.object({
  id: z.string(),
  status: z.enum(['skipped', 'queued', 'building', 'succeeded', 'failed']),
  failure_reason: z.enum(['error', 'cancelled', 'timed_out', 'skipped']).nullable(),
  labels: labels.optional(),
  created_at: timestampText,
  cancellation_requested_at: nullableTime,
  build_finished_at: nullableTime,
  deleted_at: nullableTime,
  retention: z.enum(['auto', 'indefinite']).optional()
})
export const Revision = RevisionListItem.extend({
  failure_detail: z.object({ stage: z.string(), code: z.string(), message: z.string() }).nullable(),
  layers: z.array(LayerRef),
  env_vars: z.array(RevisionEnvVar),
  config: Config.optional(),
  timelines: z.array(
    z.object({ name: z.string(), context: z.string(), hostnames: z.array(z.string()) })
  )
})
const Timeline = z.object({
  slug: z.string(),
  partition: z.record(z.string(), z.string()),
  domains: z.array(z.object({ domain: z.string() }))
})

const stage = z.union([
  z.object({ status: z.enum(['pending', 'skipped']) }),
  z.object({ status: z.literal('running'), start: timestampText }),
  z.object({
    status: z.enum(['succeeded', 'timed_out', 'cancelled', 'errored']),
    start: timestampText,
    end: timestampText
  })
])
const command = z.object({ command: z.string().nullable() })
export const RevisionProgress = z.object({
  queued: stage,
  preparing: stage,
  installing: z.intersection(stage, command),
  building: z.intersection(stage, command),
  deploying: z.intersection(
    stage,
    z.object({
      timelines: z.array(
        z.intersection(
          stage,
          z.object({
            slug: z.string(),
            partition: z.record(z.string(), z.string()),
            databases: z.array(z.intersection(stage, z.object({ engine: z.string() }))),
            predeploy: z.intersection(stage, command),
            warmup: stage.optional(),
            routing: z.union([
              stage,
              z.object({
                status: z.literal('timeline_blocked'),
                timelines: z.array(
                  z.object({ slug: z.string(), partition: z.record(z.string(), z.unknown()) })
                ),
                stage: z.literal('warmup')
              })
            ])
          })
        )
      )
    })
  )
})
const level = z.enum(['debug', 'info', 'warn', 'error'])
export const BuildLogEntry = z.object({
  timestamp: timestampText,
  level,
  message: z.string(),
  step: z.enum(['preparing', 'installing', 'building', 'deploying']).optional(),
  timeline: z.string().optional()
})
export const RuntimeLog = z.object({
  timestamp: timestampText,
  level,
  message: z.string(),
  revision_id: z.string().optional(),
  region: z.string().optional(),
  trace_id: z.string().optional(),
  span_id: z.string().optional()
})
const RuntimeLogsResponse = z.object({
  logs: z.array(RuntimeLog),
  next_cursor: z.string().nullable()
})
const AnalyticsResponse = z.object({
  fields: z.array(z.object({ name: z.string(), type: z.enum(['time', 'number']) })),
  values: z.array(z.array(z.union([z.string(), z.number()])))
})

export const Layer = z.object({
  id: z.string(),
  slug: z.string(),
  description: z.string().optional(),
  layers: z.array(LayerRef),
  env_vars: z.array(EnvVar),
  app_count: z.number().int(),
  created_at: timestampText,
  updated_at: timestampText
})
export const LayerAppRef = z.object({ id: z.uuid(), slug: z.string(), layer_position: z.number() })
const LayerWrite = z.object({
  slug: z.string(),
  description: z.string().optional(),
  layers: z.array(LayerRefInput).optional(),
  env_vars: z.array(EnvVarInput).optional()
})

const DomainKind = z.enum(['base_only', 'wildcard_only', 'base_and_wildcard'])
export const DnsRecord = z.object({
  name: z.string(),
  base: z.string(),
  type: z.string(),
  value: z.string()
})
const ProvisioningStatus = z.object({
  code: z.enum(['success', 'failed', 'pending', 'manual']),
  message: z.string().optional()
})
export const DomainCertificate = z.object({
  id: z.string(),
  kind: z.enum(['automatic', 'manual']),
  subject_alt_names: z.array(z.string()),
  private_key_algorithm: z.enum([
    'ec-p256',
    'ec-p384',
    'ec-p521',
    'rsa-2048',
    'rsa-3072',
    'rsa-4096'
  ]),
  not_valid_before: timestampText,
  not_valid_after: timestampText,
  created_at: timestampText
})
export const Domain = z.object({
  id: z.string(),
  organization_id: z.string(),
  domain: z.string().refine(d => !d.startsWith('*.'), 'never a *. literal'),
  kind: DomainKind,
  verification_token: z.string(),
  is_validated: z.boolean(),
  dns_records: z.array(z.array(DnsRecord)),
  provisioning_status: ProvisioningStatus,
  certificates: z.array(DomainCertificate),
  created_at: timestampText,
  updated_at: timestampText
})

const connection = z.union([
  z.object({
    engine: z.literal('postgresql'),
    hostname: z.string().min(1),
    port: z.number().int().min(1).max(65535).nullable(),
    username: z.string().nullable(),
    custom_certificate: z.boolean()
  }),
  z.object({ engine: z.literal('denokv') }),
  z.object({ engine: z.literal('prisma'), project_id: z.string(), region: z.string() })
])
const connectionInit = z.union([
  z.object({
    engine: z.literal('postgresql'),
    hostname: z.string().min(1),
    port: z.number().int().min(1).max(65535).nullable(),
    username: z.string().nullable(),
    password: z.string().nullable(),
    certificate: z.string().nullable()
  }),
  z.object({ engine: z.literal('denokv') }),
  z.object({ engine: z.literal('prisma'), region: z.string() })
])
export const DatabaseInstance = z.object({
  id: z.uuid(),
  slug: z.string(),
  engine: z.enum(['postgresql', 'denokv', 'prisma']),
  connection,
  databases: z.array(
    z.object({
      name: z.string(),
      status: z.enum(['pending', 'creating', 'ready', 'failed', 'deleted']),
      created_at: timestampText,
      timelines: z.array(
        z.object({
          app: z.object({ slug: z.string() }),
          timeline: z.string(),
          partition: z.record(z.string(), z.string())
        })
      )
    })
  ),
  created_at: timestampText
})

/** Every error answer: the document's envelope. */
export const ErrorEnvelope = z.object({
  error: z.object({ code: z.string(), message: z.string() })
})

export interface Operation {
  method: string
  /** The document's path, e.g. `/v2/apps/{app}`. */
  path: string
  status: number
  request?: z.ZodType
  /** JSON answer; for streams, the schema of each event. */
  response?: z.ZodType
  stream?: boolean
}

const PATCH_APP = z.object({
  slug: z.string().optional(),
  labels: labels.optional(),
  layers: z.array(LayerRefInput).optional(),
  env_vars: z.array(EnvVarUpdate).optional(),
  config: Config.optional()
})
const CREATE_APP = PATCH_APP.extend({ env_vars: z.array(EnvVarInput).optional() })
const DOMAINS_BODY = z.object({
  production: z.array(z.string().min(1)).optional(),
  preview: z.array(z.string().min(1)).optional()
})

/** All 34 operations of the document, by operationId. */
export const OPERATIONS: Record<string, Operation> = {
  'apps.list': { method: 'GET', path: '/v2/apps', status: 200, response: z.array(AppListItem) },
  'apps.create': {
    method: 'POST',
    path: '/v2/apps',
    status: 200,
    request: CREATE_APP,
    response: App
  },
  'apps.get': { method: 'GET', path: '/v2/apps/{app}', status: 200, response: App },
  'apps.update': {
    method: 'PATCH',
    path: '/v2/apps/{app}',
    status: 200,
    request: PATCH_APP,
    response: App
  },
  'apps.delete': { method: 'DELETE', path: '/v2/apps/{app}', status: 204 },
  'apps.deploy': {
    method: 'POST',
    path: '/v2/apps/{app}/deploy',
    status: 202,
    request: DeployRequest,
    response: Revision
  },
  'apps.analytics': {
    method: 'GET',
    path: '/v2/apps/{app}/analytics',
    status: 200,
    response: AnalyticsResponse
  },
  'apps.logs': {
    method: 'GET',
    path: '/v2/apps/{app}/logs',
    status: 200,
    response: z.union([RuntimeLogsResponse, RuntimeLog])
  },
  'revisions.get': {
    method: 'GET',
    path: '/v2/revisions/{revision}',
    status: 200,
    response: Revision
  },
  'revisions.update': {
    method: 'PATCH',
    path: '/v2/revisions/{revision}',
    status: 200,
    request: z.object({ retention: z.enum(['auto', 'indefinite']).optional() }),
    response: Revision
  },
  'revisions.delete': { method: 'DELETE', path: '/v2/revisions/{revision}', status: 204 },
  'revisions.cancel': {
    method: 'POST',
    path: '/v2/revisions/{revision}/cancel',
    status: 200,
    response: Revision
  },
  'revisions.list': {
    method: 'GET',
    path: '/v2/apps/{app}/revisions',
    status: 200,
    response: z.array(RevisionListItem)
  },
  'revisions.progress': {
    method: 'GET',
    path: '/v2/revisions/{revision}/progress',
    status: 200,
    response: RevisionProgress,
    stream: true
  },
  'revisions.build_logs': {
    method: 'GET',
    path: '/v2/revisions/{revision}/build_logs',
    status: 200,
    response: BuildLogEntry,
    stream: true
  },
  'revisions.timelines': {
    method: 'GET',
    path: '/v2/revisions/{revision}/timelines',
    status: 200,
    response: z.array(Timeline)
  },
  'revisions.attachDomain': {
    method: 'PUT',
    path: '/v2/revisions/{revision}/domains',
    status: 204,
    request: DOMAINS_BODY
  },
  'revisions.detachDomain': {
    method: 'DELETE',
    path: '/v2/revisions/{revision}/domains/{hostname}',
    status: 204
  },
  'revisions.promote': { method: 'POST', path: '/v2/revisions/{revision}/promote', status: 204 },
  'layers.create': {
    method: 'POST',
    path: '/v2/layers',
    status: 201,
    request: LayerWrite,
    response: Layer
  },
  'layers.list': { method: 'GET', path: '/v2/layers', status: 200, response: z.array(Layer) },
  'layers.get': { method: 'GET', path: '/v2/layers/{layer}', status: 200, response: Layer },
  'layers.update': {
    method: 'PATCH',
    path: '/v2/layers/{layer}',
    status: 200,
    request: LayerWrite.partial().extend({ env_vars: z.array(EnvVarUpdate).optional() }),
    response: Layer
  },
  'layers.delete': { method: 'DELETE', path: '/v2/layers/{layer}', status: 204 },
  'layers.apps': {
    method: 'GET',
    path: '/v2/layers/{layer}/apps',
    status: 200,
    response: z.array(LayerAppRef)
  },
  'domains.list': { method: 'GET', path: '/v2/domains', status: 200, response: z.array(Domain) },
  'domains.create': {
    method: 'POST',
    path: '/v2/domains',
    status: 200,
    request: z.object({ domain: z.string(), kind: DomainKind.optional() }),
    response: Domain
  },
  'domains.get': { method: 'GET', path: '/v2/domains/{domain}', status: 200, response: Domain },
  'domains.delete': { method: 'DELETE', path: '/v2/domains/{domain}', status: 204 },
  'domains.verify': {
    method: 'POST',
    path: '/v2/domains/{domain}/verify',
    status: 200,
    response: Domain
  },
  'domains.uploadCertificate': {
    method: 'POST',
    path: '/v2/domains/{domain}/certificates',
    status: 200,
    request: z.object({ certificate: z.string().min(1), private_key: z.string().min(1) }),
    response: Domain
  },
  'domains.listCertificates': {
    method: 'GET',
    path: '/v2/domains/{domain}/certificates',
    status: 200,
    response: z.object({
      certificates: z.array(DomainCertificate),
      provisioning_status: ProvisioningStatus
    })
  },
  'domains.provisionCertificate': {
    method: 'POST',
    path: '/v2/domains/{domain}/certificates/provision',
    status: 202,
    response: z.object({ accepted: z.literal(true) })
  },
  'databases.createInstance': {
    method: 'POST',
    path: '/v2/database_instances',
    status: 200,
    request: z.object({ slug: z.string(), connection: connectionInit }),
    response: DatabaseInstance
  }
}

/** The operation a request addresses: templated segments match any one segment. */
export function operationOf(method: string, pathname: string): string | null {
  const parts = pathname.replace(/^\/api/, '').split('/')
  for (const [id, op] of Object.entries(OPERATIONS)) {
    const template = op.path.split('/')
    if (op.method !== method || template.length !== parts.length) continue
    if (template.every((t, i) => t.startsWith('{') || t === parts[i])) return id
  }
  return null
}

/** Component schemas by the document's names, for checking its own examples. */
export const COMPONENTS: Record<string, z.ZodType> = {
  Labels: labels,
  EnvVar,
  EnvVarInput,
  EnvVarInputForDeploy: z.object({ key: z.string().min(1).max(128), value: z.string() }),
  RevisionEnvVar,
  EnvVarUpdate,
  LayerRef,
  Config,
  Asset,
  Assets: z.record(z.string(), Asset),
  Partition: z.record(z.string(), z.string()),
  BuildLogEntry,
  RevisionProgress,
  RuntimeLog,
  RuntimeLogsResponse,
  AnalyticsResponse,
  App,
  Revision,
  Layer,
  LayerAppRef,
  DeployAssets: z.record(z.string(), Asset)
}
