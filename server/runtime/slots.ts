/** What the slot table needs to know of a deployment to pick one it may stop. */
export interface SlotHolder {
  /** Requests and WebSocket connections in flight: a holder with any is never stopped. */
  inflight: number
  lastUsed: number
}

export interface SlotLimits {
  max: number
  perApp: number
  queueTimeoutMs: number
}

/** Every slot (of the server, or of the tenant) stayed busy for the whole queue time. */
export class SlotsBusy extends Error {
  readonly retryAfterSeconds = 1
}

/**
 * The N process slots, shared fairly: a deployment that needs a process takes a free slot, else
 * the least recently used idle one (its process is stopped), else waits (bounded) for one to
 * become idle. A tenant (v1 project, v2 app; all its deployments together) holds at most
 * `perApp`, so one tenant cannot take every slot.
 */
export class ProcessSlots<H extends SlotHolder> {
  private readonly holders = new Map<H, string>()
  private readonly waiters = new Set<() => void>()

  constructor(
    private readonly limits: SlotLimits,
    private readonly evict: (holder: H) => void
  ) {}

  async acquire(holder: H, tenant: string): Promise<void> {
    const deadline = Date.now() + this.limits.queueTimeoutMs
    for (;;) {
      const busy = this.tryTake(holder, tenant)
      if (busy === null) return
      const left = deadline - Date.now()
      if (left <= 0) {
        throw new SlotsBusy(
          `${busy} busy with requests in flight for ${this.limits.queueTimeoutMs} ms; ` +
            'retry shortly'
        )
      }
      await this.nextChange(left)
    }
  }

  release(holder: H): void {
    if (this.holders.delete(holder)) this.changed()
  }

  /** Wakes waiting deployments (a slot was freed, or a holder became idle). */
  changed(): void {
    if (this.waiters.size === 0) return
    for (const wake of [...this.waiters]) wake()
  }

  /** null when `holder` now has a slot, else what is busy (for the 503). */
  private tryTake(holder: H, tenant: string): string | null {
    if (this.holders.has(holder)) return null
    const all = [...this.holders.keys()]
    const mine = all.filter(other => this.holders.get(other) === tenant)
    const appFull = mine.length >= this.limits.perApp
    const pool = appFull ? mine : all.length >= this.limits.max ? all : []
    if (pool.length) {
      const idle = pool.filter(other => other.inflight === 0)
      if (!idle.length) {
        return appFull
          ? `all ${this.limits.perApp} process slots of this app are`
          : `all ${this.limits.max} process slots of the server are`
      }
      const victim = idle.reduce((a, b) => (b.lastUsed < a.lastUsed ? b : a))
      this.holders.delete(victim)
      this.evict(victim)
    }
    this.holders.set(holder, tenant)
    return null
  }

  private nextChange(ms: number): Promise<void> {
    return new Promise(resolve => {
      const wake = () => {
        clearTimeout(timer)
        this.waiters.delete(wake)
        resolve()
      }
      const timer = setTimeout(wake, ms)
      this.waiters.add(wake)
    })
  }
}
