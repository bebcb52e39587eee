// The project's @types/node (20) predates node:sqlite (Node 22.5+); this declares the part of
// its API the server's store uses. Drop it once @types/node is 22 or newer.
declare module 'node:sqlite' {
  type SqlValue = null | number | bigint | string | Uint8Array

  interface StatementSync {
    run(...params: SqlValue[]): { changes: number | bigint; lastInsertRowid: number | bigint }
    get(...params: SqlValue[]): Record<string, SqlValue> | undefined
    all(...params: SqlValue[]): Record<string, SqlValue>[]
  }

  class DatabaseSync {
    constructor(path: string, options?: { open?: boolean; readOnly?: boolean })
    exec(sql: string): void
    prepare(sql: string): StatementSync
    close(): void
    readonly isOpen: boolean
  }
}
