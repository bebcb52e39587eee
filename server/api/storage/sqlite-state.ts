import { open as openFile, rename } from 'node:fs/promises'
import { join } from 'node:path'
import { DatabaseSync, type StatementSync } from 'node:sqlite'
import { emptyV2State } from '../v2/model.js'
import { newToken, newUuid, timestamp } from './ids.js'
import { readJsonFile } from './json-file.js'
import { V1_COLLECTIONS, type State } from './records.js'

/** Row kinds of top-level scalars (organization, token) and of v2 scalars (seq). */
export const META = 'meta'
export const V2_META = 'v2meta'

/** Raised when the schema changes; migrate() brings older databases up to it. */
const SCHEMA_VERSION = 1

/** One row per record: `kind` is the collection ("projects", "v2.revisions", META…). */
const SCHEMA_V1 = `CREATE TABLE records (
  kind TEXT NOT NULL,
  id TEXT NOT NULL,
  body TEXT NOT NULL,
  PRIMARY KEY (kind, id)
) WITHOUT ROWID`

export interface RowWrite {
  kind: string
  id: string
  /** undefined deletes the row. */
  value: unknown
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
    bindings: {},
    v2: emptyV2State()
  }
}

/** Every row a state is made of, for a first write or a migration from the JSON file. */
function rowsOf(state: State): RowWrite[] {
  const rows: RowWrite[] = []
  for (const [key, value] of Object.entries(state)) {
    if (key === 'v2' || key === 'version') continue
    if (key === 'organization' || typeof value !== 'object')
      rows.push({ kind: META, id: key, value })
    else for (const [id, rec] of Object.entries(value)) rows.push({ kind: key, id, value: rec })
  }
  for (const [key, value] of Object.entries(state.v2)) {
    if (value && typeof value === 'object')
      for (const [id, rec] of Object.entries(value))
        rows.push({ kind: `v2.${key}`, id, value: rec })
    else rows.push({ kind: V2_META, id: key, value })
  }
  return rows
}

/**
 * The state database (`state.db` in the data directory): SQLite in WAL mode, one transaction
 * per change, fsynced before the change is acknowledged.
 */
export class SqliteState {
  private readonly upsert: StatementSync
  private readonly remove: StatementSync

  private constructor(private readonly db: DatabaseSync) {
    this.migrate()
    this.upsert = db.prepare('INSERT OR REPLACE INTO records (kind, id, body) VALUES (?, ?, ?)')
    this.remove = db.prepare('DELETE FROM records WHERE kind = ? AND id = ?')
  }

  static async open(dataDir: string): Promise<SqliteState> {
    const file = join(dataDir, 'state.db')
    // The state holds the API token and env var values: owner-only (SQLite's -wal and -shm
    // files take the database file's mode).
    await (await openFile(file, 'a', 0o600)).close()
    const db = new DatabaseSync(file)
    db.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL')
    const state = new SqliteState(db)
    if (state.isEmpty()) await state.importJson(join(dataDir, 'state.json'))
    return state
  }

  /** Applies each schema step the database has not seen (PRAGMA user_version counts them). */
  private migrate(): void {
    const { user_version: version } = this.db.prepare('PRAGMA user_version').get() as {
      user_version: number
    }
    if (version > SCHEMA_VERSION)
      throw new Error(
        `state.db has schema version ${version}; this server knows up to ${SCHEMA_VERSION}`
      )
    if (version < 1) this.transaction(() => this.db.exec(SCHEMA_V1))
    this.db.exec(`PRAGMA user_version = ${SCHEMA_VERSION}`)
  }

  private isEmpty(): boolean {
    return !this.db.prepare('SELECT 1 FROM records LIMIT 1').get()
  }

  /**
   * First start: takes over the JSON state file of older servers (or starts fresh) in one
   * transaction, then keeps the file as state.json.bak. A crash before the rename repeats it.
   */
  private async importJson(jsonFile: string): Promise<void> {
    const old = await readJsonFile<Omit<State, 'v2'> & { v2?: State['v2'] }>(jsonFile)
    const state = old ? { ...old, v2: { ...emptyV2State(), ...old.v2 } } : freshState()
    this.write(rowsOf(state))
    if (old) await rename(jsonFile, `${jsonFile}.bak`)
  }

  load(): State {
    const state: Record<string, unknown> = { version: 1, v2: emptyV2State() }
    for (const name of V1_COLLECTIONS) state[name] = {}
    const v2 = state.v2 as Record<string, unknown>
    for (const row of this.db.prepare('SELECT kind, id, body FROM records').all()) {
      const { kind, id } = row as { kind: string; id: string }
      const value: unknown = JSON.parse(row.body as string)
      if (kind === META) state[id] = value
      else if (kind === V2_META) v2[id] = value
      else if (kind.startsWith('v2.'))
        ((v2[kind.slice(3)] ??= {}) as Record<string, unknown>)[id] = value
      else ((state[kind] ??= {}) as Record<string, unknown>)[id] = value
    }
    return state as unknown as State
  }

  write(rows: RowWrite[]): void {
    this.transaction(() => {
      for (const { kind, id, value } of rows)
        if (value === undefined) this.remove.run(kind, id)
        else this.upsert.run(kind, id, JSON.stringify(value))
    })
  }

  close(): void {
    this.db.close()
  }

  private transaction(work: () => void): void {
    this.db.exec('BEGIN IMMEDIATE')
    try {
      work()
      this.db.exec('COMMIT')
    } catch (err) {
      this.db.exec('ROLLBACK')
      throw err
    }
  }
}
