// The v1 control plane's records, and the whole persisted state (v1 and v2).
import type { V2State } from '../v2/model.js'

export type DeploymentStatus = 'pending' | 'success' | 'failed'

export interface OrganizationRec {
  id: string
  name: string
  createdAt: string
  updatedAt: string
}

export interface ProjectRec {
  id: string
  name: string
  description: string
  createdAt: string
  updatedAt: string
}

export interface Permissions {
  net?: string[] | null
}

export interface DeploymentRec {
  id: string
  projectId: string
  status: DeploymentStatus
  description: string
  createdAt: string
  updatedAt: string
  entryPointUrl: string
  importMapUrl: string | null
  lockFileUrl: string | null
  compilerOptions: Record<string, unknown> | null
  envVars: Record<string, string>
  databases: Record<string, string>
  requestTimeout: number | null
  permissions: Permissions | null
  /** Domains as requested at create time (placeholders unresolved); null = the default domain. */
  requestedDomains: string[] | null
  enableCron: boolean | null
}

export interface CertificateRec {
  cipher: 'rsa' | 'ec'
  expiresAt: string
  createdAt: string
  updatedAt: string
}

export type ProvisioningStatus =
  | { code: 'success' }
  | { code: 'failed'; message: string }
  | { code: 'pending' }
  | { code: 'manual' }

export interface DomainRec {
  id: string
  organizationId: string
  domain: string
  token: string
  isValidated: boolean
  certificates: CertificateRec[]
  provisioningStatus: ProvisioningStatus
  createdAt: string
  updatedAt: string
}

export interface DatabaseRec {
  id: string
  organizationId: string
  description: string
  createdAt: string
  updatedAt: string
}

export interface State {
  version: 1
  organization: OrganizationRec
  token: string
  projects: Record<string, ProjectRec>
  deployments: Record<string, DeploymentRec>
  domains: Record<string, DomainRec>
  databases: Record<string, DatabaseRec>
  /** Host name → deployment id for every attached domain (default, project and custom). */
  bindings: Record<string, string>
  /** v2 apps and revisions (see v2/model.ts). */
  v2: V2State
}

/** The keyed collections of the v1 state; every value of one is a row of its kind. */
export const V1_COLLECTIONS = [
  'projects',
  'deployments',
  'domains',
  'databases',
  'bindings'
] as const
