import { join } from 'node:path'
import { newToken, newUuid, timestamp } from './ids.js'
import { readJsonFile, writeFileAtomic } from './json-file.js'
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
  v2?: V2State
}

function freshState(): State {
  const now = timestamp()
  return {
    version: 1,
    organization: { id: newUuid(), name: 'local', createdAt: now, updatedAt: now },
    token: newToken(),
    projects: {},
    deployments: {},
    domains: {},
    databases: {},
    bindings: {}
  }
}

/** Every record of the control plane, persisted as one JSON file written atomically. */
export class Store {
  private pending: Promise<void> | null = null
  private chain: Promise<void> = Promise.resolve()

  private constructor(
    readonly state: State,
    private readonly file: string
  ) {}

  static async open(dataDir: string): Promise<Store> {
    const file = join(dataDir, 'state.json')
    const loaded = await readJsonFile<State>(file)
    const store = new Store(loaded ?? freshState(), file)
    if (!loaded) await store.save()
    return store
  }

  /** Persists the current state; concurrent calls coalesce into one write after the running one. */
  save(): Promise<void> {
    if (this.pending) return this.pending
    const write = this.chain.then(async () => {
      this.pending = null
      // The state holds the API token and env var values: owner-only.
      await writeFileAtomic(this.file, JSON.stringify(this.state), 0o600)
    })
    this.pending = write
    this.chain = write.catch(err => {
      process.stderr.write(
        `subhosting: could not persist ${this.file}: ${(err as Error).message}\n`
      )
    })
    return write
  }

  async flush(): Promise<void> {
    await this.chain
  }

  get org(): OrganizationRec {
    return this.state.organization
  }

  projectByName(name: string): ProjectRec | undefined {
    return Object.values(this.state.projects).find(p => p.name === name)
  }

  deploymentsOf(projectId: string): DeploymentRec[] {
    return Object.values(this.state.deployments).filter(d => d.projectId === projectId)
  }
}
