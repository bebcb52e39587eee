import type { V2State } from '../v2/model.js'
import {
  V1_COLLECTIONS,
  type DeploymentRec,
  type OrganizationRec,
  type ProjectRec,
  type State
} from './records.js'
import { META, SqliteState, V2_META } from './sqlite-state.js'

// Routes import the record types from here.
export type * from './records.js'

type Row = { kind: string; id: string }
type Collection = Record<string, unknown>

/**
 * Every record of the control plane, kept in memory for reads and persisted row by row in
 * SQLite (see sqlite-state.ts): a change writes the rows it touched in one transaction, so its
 * cost does not grow with the number of apps.
 *
 * Adding or removing a key of a collection is noticed on its own; a record changed in place
 * is named to save(), which finds its row by identity.
 */
export class Store {
  readonly state: State
  private readonly rows = new WeakMap<object, Row>()
  private readonly dirty = new Map<string, Row>()

  private constructor(
    loaded: State,
    private readonly db: SqliteState
  ) {
    this.state = this.track(loaded)
  }

  static async open(dataDir: string): Promise<Store> {
    const db = await SqliteState.open(dataDir)
    return new Store(db.load(), db)
  }

  /** Writes every added, removed or named record in one transaction, before resolving. */
  save(...changed: object[]): Promise<void> {
    for (const record of changed) {
      const row = this.rows.get(record)
      if (row) this.mark(row)
    }
    if (this.dirty.size === 0) return Promise.resolve()
    const writes = [...this.dirty.values()].map(row => ({ ...row, value: this.valueOf(row) }))
    this.dirty.clear()
    this.db.write(writes)
    return Promise.resolve()
  }

  /** Saves what is pending and closes the database. */
  async close(): Promise<void> {
    await this.save()
    this.db.close()
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

  private mark(row: Row): void {
    this.dirty.set(`${row.kind}\0${row.id}`, row)
  }

  private valueOf(row: Row): unknown {
    if (row.kind === META) return (this.state as unknown as Collection)[row.id]
    if (row.kind === V2_META) return (this.state.v2 as unknown as Collection)[row.id]
    const [scope, name] = row.kind.startsWith('v2.')
      ? [this.state.v2 as unknown as Collection, row.kind.slice(3)]
      : [this.state as unknown as Collection, row.kind]
    return (scope[name] as Collection | undefined)?.[row.id]
  }

  /** Wraps the collections (v1 and v2) so adding or deleting a key marks its row. */
  private track(state: State): State {
    this.rows.set(state.organization, { kind: META, id: 'organization' })
    for (const name of V1_COLLECTIONS)
      (state as unknown as Collection)[name] = this.collection(name, state[name])
    const v2 = state.v2 as unknown as Collection
    const wrap = (key: string, value: unknown, fresh = true): unknown =>
      value && typeof value === 'object' ? this.collection(`v2.${key}`, value, fresh) : value
    for (const [key, value] of Object.entries(v2)) v2[key] = wrap(key, value, false)
    state.v2 = new Proxy(v2, {
      set: (target, key, value) => {
        target[key as string] = wrap(String(key), value)
        if (!value || typeof value !== 'object') this.mark({ kind: V2_META, id: String(key) })
        return true
      }
    }) as unknown as V2State
    return state
  }

  /** `fresh`: a collection assigned whole, whose records are not stored yet. */
  private collection<T extends object>(kind: string, target: T, fresh = false): T {
    for (const [id, value] of Object.entries(target)) {
      if (value && typeof value === 'object') this.rows.set(value, { kind, id })
      if (fresh) this.mark({ kind, id })
    }
    return new Proxy(target, {
      set: (t, key, value) => {
        ;(t as Collection)[key as string] = value
        if (value && typeof value === 'object') this.rows.set(value, { kind, id: String(key) })
        this.mark({ kind, id: String(key) })
        return true
      },
      deleteProperty: (t, key) => {
        delete (t as Collection)[key as string]
        this.mark({ kind, id: String(key) })
        return true
      }
    })
  }
}
