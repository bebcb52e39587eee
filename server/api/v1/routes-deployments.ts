import { copyFile, mkdir } from 'node:fs/promises'
import { planAssets, resolveModuleRef } from '../assets/assets.js'
import { manifestFromPlan } from '../layout.js'
import {
  attachableHost,
  deploymentView,
  getDeployment,
  getProject,
  newDeploymentIdFor
} from './records.js'
import { checkOrDiscardRecord, deploymentRecordDir, manifestOf } from '../layout.js'
import { type Ctx } from '../context.js'
import { invalidRequest } from '../http/errors.js'
import { acceptDeploymentBody } from '../assets/asset-upload.js'
import { ok } from '../http/http-util.js'
import { timestamp } from '../storage/ids.js'
import { writeFileAtomic } from '../storage/json-file.js'
import { deleteDeployment } from './removal.js'
import { listReply, type ListSpec } from '../http/pagination.js'
import type { Route } from '../http/route-types.js'
import type { DeploymentRec, ProjectRec } from '../storage/store.js'
import {
  expectMap,
  expectObject,
  expectUuid,
  checkEnvVarName,
  checkEnvVarValue,
  checkNoReservedEnvNames,
  optBool,
  optPositiveInt,
  optString,
  optStringArray,
  expectEnvVars,
  parsePermissions,
  reqString,
  type Json
} from '../http/validate.js'

const CREATE_FIELDS = [
  'entryPointUrl',
  'assets',
  'envVars',
  'importMapUrl',
  'lockFileUrl',
  'compilerOptions',
  'databases',
  'requestTimeout',
  'permissions',
  'domains',
  'description',
  'enableCron'
]
const REDEPLOY_FIELDS = [
  'envVars',
  'env_vars',
  'databases',
  'requestTimeout',
  'permissions',
  'description'
]
const COMPILER_STRING_OPTIONS = ['jsx', 'jsxFactory', 'jsxFragmentFactory', 'jsxImportSource']
const COMPILER_BOOL_OPTIONS = ['experimentalDecorators', 'emitDecoratorMetadata']
const DEPLOYMENT_LIST: ListSpec<DeploymentRec> = {
  sorts: { id: d => d.id, created_at: d => d.createdAt },
  defaultSort: 'created_at',
  matches: (d, q) => d.id.includes(q)
}

function checkDatabaseId(ctx: Ctx, value: unknown, where: string): string {
  const id = expectUuid(value, where)
  if (!ctx.store.state.databases[id])
    throw invalidRequest(
      `${where} names KV database ${id}, which does not exist in this organization; create it with POST /organizations/{organizationId}/databases.`
    )
  return id
}

function parseDatabases(ctx: Ctx, value: unknown): Record<string, string> {
  if (value === undefined || value === null) return {}
  const map = expectObject(value, 'databases', ['default'])
  return map.default === undefined
    ? {}
    : { default: checkDatabaseId(ctx, map.default, 'databases.default') }
}

function parseCompilerOptions(value: unknown): Record<string, unknown> | null {
  if (value === undefined || value === null) return null
  const obj = expectObject(value, 'compilerOptions', [
    ...COMPILER_STRING_OPTIONS,
    'jsxPrecompileSkipElements',
    ...COMPILER_BOOL_OPTIONS
  ])
  for (const key of COMPILER_STRING_OPTIONS) optString(obj, key, 'compilerOptions')
  for (const key of COMPILER_BOOL_OPTIONS) optBool(obj, key, 'compilerOptions')
  optStringArray(obj.jsxPrecompileSkipElements, 'compilerOptions.jsxPrecompileSkipElements')
  return obj
}

function optModuleRef(obj: Json, key: string, paths: Set<string>): string | null {
  const value = optString(obj, key, 'body')
  if (value === undefined || value === null) return null
  return value === '' ? '' : resolveModuleRef(value, key, paths)
}

function checkDomains(
  ctx: Ctx,
  domains: string[],
  project: ProjectRec,
  deploymentId: string
): void {
  for (const raw of domains) attachableHost(ctx, project, deploymentId, raw)
}

async function createDeployment(
  ctx: Ctx,
  project: ProjectRec,
  raw: unknown
): Promise<DeploymentRec> {
  const obj = expectObject(raw, 'The request body', CREATE_FIELDS)
  const entryPointUrl = reqString(obj, 'entryPointUrl', 'body')
  if (obj.envVars === undefined) throw invalidRequest('body.envVars is required (use {} for none).')
  const envVars = expectEnvVars(obj.envVars, 'envVars')
  const databases = parseDatabases(ctx, obj.databases)
  const requestTimeout = optPositiveInt(obj, 'requestTimeout', 'body') ?? null
  const permissions = parsePermissions(obj.permissions, 'permissions') ?? null
  const description = optString(obj, 'description', 'body', 1000) ?? ''
  const compilerOptions = parseCompilerOptions(obj.compilerOptions)
  const enableCron = optBool(obj, 'enableCron', 'body') ?? null
  if (enableCron && !databases.default)
    throw invalidRequest('enableCron needs a KV database: set databases.default as well.')
  const domains = optStringArray(obj.domains, 'domains') ?? null
  const id = newDeploymentIdFor(ctx, project)
  if (domains) checkDomains(ctx, domains, project, id)

  const plan = await planAssets(obj.assets, ctx.blobs, project.id)
  const paths = new Set([...plan.files.keys(), ...plan.symlinks.keys()])
  const entry = resolveModuleRef(entryPointUrl, 'entryPointUrl', paths)
  const importMapUrl = optModuleRef(obj, 'importMapUrl', paths)
  const lockFileUrl = optModuleRef(obj, 'lockFileUrl', paths)

  await writeFileAtomic(manifestOf(ctx.options.dataDir, id), JSON.stringify(manifestFromPlan(plan)))
  const now = timestamp()
  const deployment: DeploymentRec = {
    id,
    projectId: project.id,
    status: 'pending',
    description,
    createdAt: now,
    updatedAt: now,
    entryPointUrl: entry,
    importMapUrl,
    lockFileUrl,
    compilerOptions,
    envVars,
    databases,
    requestTimeout,
    permissions,
    requestedDomains: domains,
    enableCron
  }
  return deployment
}

/** Merges a map where null deletes a key (redeploy semantics). */
function mergeNullable(
  base: Record<string, string>,
  patch: Json,
  where: string,
  check: (v: unknown, w: string) => string
): Record<string, string> {
  const merged = { ...base }
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete merged[key]
    else merged[key] = check(value, `${where}.${key}`)
  }
  return merged
}

async function redeploy(ctx: Ctx, source: DeploymentRec, raw: unknown): Promise<DeploymentRec> {
  const obj = expectObject(raw ?? {}, 'The request body', REDEPLOY_FIELDS)
  let envVars = source.envVars
  for (const key of ['env_vars', 'envVars']) {
    if (obj[key] === undefined || obj[key] === null) continue
    const changes = expectMap(obj[key], key)
    envVars = mergeNullable(envVars, changes, key, (v, w) => {
      checkEnvVarName(w.slice(key.length + 1), key)
      return checkEnvVarValue(v, w)
    })
    checkNoReservedEnvNames(
      Object.keys(changes).filter(name => changes[name] !== null),
      key
    )
  }
  let databases = source.databases
  if (obj.databases !== undefined && obj.databases !== null) {
    expectObject(obj.databases, 'databases', ['default'])
    databases = mergeNullable(databases, obj.databases as Json, 'databases', (v, w) =>
      checkDatabaseId(ctx, v, w)
    )
  }
  const requestTimeout = optPositiveInt(obj, 'requestTimeout', 'body') ?? source.requestTimeout
  const permissionsPatch = parsePermissions(obj.permissions, 'permissions')
  const permissions =
    permissionsPatch && 'net' in permissionsPatch
      ? { ...source.permissions, net: permissionsPatch.net }
      : source.permissions
  const description = optString(obj, 'description', 'body', 1000) ?? source.description

  const id = newDeploymentIdFor(ctx, getProject(ctx, source.projectId))
  await mkdir(deploymentRecordDir(ctx.options.dataDir, id), { recursive: true })
  await copyFile(manifestOf(ctx.options.dataDir, source.id), manifestOf(ctx.options.dataDir, id))
  const now = timestamp()
  return {
    ...source,
    id,
    status: 'pending',
    createdAt: now,
    updatedAt: now,
    envVars,
    databases,
    requestTimeout,
    permissions,
    description
  }
}

/**
 * Stores a new deployment and starts its build. Its requested domains are checked again first,
 * with nothing awaited between check and store: another tenant may have taken one while the
 * assets were stored. From here until its build ends, the pending deployment holds them.
 */
async function accept(ctx: Ctx, d: DeploymentRec): Promise<void> {
  const project = ctx.store.state.projects[d.projectId]
  await checkOrDiscardRecord(ctx.options.dataDir, d.id, () => {
    if (project && d.requestedDomains) checkDomains(ctx, d.requestedDomains, project, d.id)
  })
  ctx.store.state.deployments[d.id] = d
  await ctx.store.save()
  ctx.startBuild(d)
}

export const deploymentRoutes: Route[] = [
  {
    method: 'GET',
    path: '/v1/projects/:projectId/deployments',
    async handler(ctx, r) {
      const deployments = ctx.store.deploymentsOf(getProject(ctx, r.params.projectId).id)
      return listReply(r, deployments, DEPLOYMENT_LIST, d => deploymentView(ctx, d))
    }
  },
  {
    method: 'POST',
    path: '/v1/projects/:projectId/deployments',
    async handler(ctx, { params, req }) {
      const project = getProject(ctx, params.projectId)
      // Streamed: each asset's content goes to the blob store as it arrives (1 GB bodies).
      const deployment = await acceptDeploymentBody(req, ctx.blobs, project.id, raw =>
        createDeployment(ctx, project, raw)
      )
      await accept(ctx, deployment)
      return ok(deploymentView(ctx, deployment))
    }
  },
  {
    method: 'GET',
    path: '/v1/deployments/:deploymentId',
    async handler(ctx, { params }) {
      return ok(deploymentView(ctx, getDeployment(ctx, params.deploymentId)))
    }
  },
  {
    method: 'DELETE',
    path: '/v1/deployments/:deploymentId',
    async handler(ctx, { params }) {
      await deleteDeployment(ctx, getDeployment(ctx, params.deploymentId))
      return ok()
    }
  },
  {
    method: 'POST',
    path: '/v1/deployments/:deploymentId/redeploy',
    async handler(ctx, { params, body }) {
      const source = getDeployment(ctx, params.deploymentId)
      const deployment = await redeploy(ctx, source, await body())
      await accept(ctx, deployment)
      return ok(deploymentView(ctx, deployment))
    }
  }
]
