/**
 * Subhosting v1 wire types. They mirror the official `subhosting` SDK (Stainless, 2024) and add
 * the fields of the newer v1 OpenAPI document (`permissions`, `requestTimeout`, `domains`,
 * `enableCron`, the full compiler options). See docs/platform-apis.md.
 */

export type DeploymentStatus = 'pending' | 'success' | 'failed'

export interface Organization {
  id: string
  name: string
  createdAt: string
  updatedAt: string
}

export interface Project {
  id: string
  name: string
  description: string
  createdAt: string
  updatedAt: string
}

export interface Permissions {
  /** null/omitted = all hosts allowed, [] = all denied. */
  net?: string[] | null
}

export interface Deployment {
  /** 12 lowercase alphanumerics, not a UUID. */
  id: string
  projectId: string
  status: DeploymentStatus
  /** The hosted API documents it only for `success`; the local server returns it whenever set. */
  description?: string | null
  /** Filled once the deployment succeeded. */
  domains?: string[] | null
  databases: Record<string, string>
  requestTimeout?: number | null
  permissions?: Permissions | null
  createdAt: string
  updatedAt: string
}

export interface FileContentAsset {
  kind: 'file'
  content: string
  encoding?: 'utf-8' | 'base64'
}

export interface FileHashAsset {
  kind: 'file'
  /** Git blob SHA-1 of content the project already holds. */
  gitSha1: string
}

export interface SymlinkAsset {
  kind: 'symlink'
  /** Another asset path, relative. */
  target: string
}

export type Asset = FileContentAsset | FileHashAsset | SymlinkAsset

export interface CompilerOptions {
  jsx?: string | null
  jsxFactory?: string | null
  jsxFragmentFactory?: string | null
  jsxImportSource?: string | null
  jsxPrecompileSkipElements?: string[] | null
  experimentalDecorators?: boolean | null
  emitDecoratorMetadata?: boolean | null
}

export interface CreateDeploymentRequest {
  entryPointUrl: string
  assets: Record<string, Asset>
  envVars: Record<string, string>
  importMapUrl?: string | null
  lockFileUrl?: string | null
  compilerOptions?: CompilerOptions | null
  /** Only the key `default` is accepted. */
  databases?: Record<string, string> | null
  /** Milliseconds per request. */
  requestTimeout?: number | null
  permissions?: Permissions | null
  /** null/omitted = the default domain; [] = none at all. */
  domains?: string[] | null
  description?: string | null
  enableCron?: boolean | null
}

/** Everything of a create request except the assets, which are streamed from disk. */
export type CreateDeploymentFields = Omit<CreateDeploymentRequest, 'assets'>

export interface RedeployRequest {
  /** Merged into the existing vars; null deletes a key. */
  envVars?: Record<string, string | null> | null
  databases?: Record<string, string | null> | null
  requestTimeout?: number | null
  permissions?: Permissions | null
  description?: string | null
}

export interface BuildLogEntry {
  level: string
  message: string
}

export interface AttachDomainResponse {
  domain: string
}

export interface ErrorBody {
  code: string
  message: string
}

export interface ListDeploymentsQuery {
  page?: number
  /** 1..100 */
  limit?: number
  /** Matches the deployment ID. */
  q?: string
  sort?: 'id' | 'created_at'
  order?: 'asc' | 'desc'
}
