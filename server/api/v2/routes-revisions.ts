// /v2/revisions/{id}: get, delete, cancel, promote, timelines, domains, progress, build_logs.
import { HttpError } from '../http/errors.js'
import { ok, type Reply } from '../http/http-util.js'
import { skippedLines } from '../http/live-stream.js'
import type { RouteRequest } from '../http/route-types.js'
import { timestamp } from '../storage/ids.js'
import { expectObject } from '../http/validate.js'
import { conflict, malformed, v2NotFound } from './errors.js'
import { currentProduction, productionHost, resolveBindableHost } from './hosts.js'
import { checkParams, followUntilStopped, noContent, openStream, streamFormat } from './http.js'
import { getApp, getRevision } from './lookup.js'
import { TERMINAL, type BindingRec, type RevisionRec } from './model.js'
import type { V2Route } from './route.js'
import type { BuildLogRec, V2Service } from './service.js'
import { progressView, revisionTimelines, revisionView, timelineView } from './views.js'

const STEPS = ['preparing', 'installing', 'building', 'deploying']

const view = (svc: V2Service, rev: RevisionRec): Record<string, unknown> =>
  revisionView(svc.routes(), svc.state, rev, svc.naming())

/** Why this revision may not be deleted now, as a 409, or null. */
function deleteBlocker(svc: V2Service, rev: RevisionRec): HttpError | null {
  const api = `/v2/revisions/${rev.id}`
  if (rev.status === 'queued' || rev.status === 'building')
    return conflict(
      'REVISION_BUILDING',
      `Revision ${rev.id} is still ${rev.status}; cancel it first (POST ${api}/cancel), then delete it.`
    )
  if (currentProduction(svc.state, rev.appId)?.id === rev.id) {
    const host = productionHost(getApp(svc, rev.appId), svc.naming())
    return conflict(
      'REVISION_ROUTED',
      `Revision ${rev.id} serves the production host ${host}; promote another revision (POST /v2/revisions/{id}/promote) or deploy a new production revision first.`
    )
  }
  if (rev.bindings.length)
    return conflict(
      'REVISION_ROUTED',
      `Revision ${rev.id} has domains bound (${rev.bindings.map(b => b.host).join(', ')}); remove them first with DELETE ${api}/domains/{hostname}.`
    )
  return null
}

function putDomains(svc: V2Service, rev: RevisionRec, raw: unknown): void {
  const obj = expectObject(raw ?? {}, 'The request body', ['production', 'preview'])
  const app = getApp(svc, rev.appId)
  const n = svc.naming()
  const added: BindingRec[] = []
  for (const context of ['production', 'preview'] as const) {
    const list = obj[context]
    if (list === undefined || list === null) continue
    if (!Array.isArray(list) || list.some(h => typeof h !== 'string' || h === ''))
      throw malformed(`${context} must be an array of host names.`)
    for (const raw of list as string[]) {
      const host = resolveBindableHost(raw, app, rev, svc.deps.store.state, n)
      if (!rev.bindings.some(b => b.host === host) && !added.some(b => b.host === host))
        added.push({ host, context })
    }
  }
  rev.bindings.push(...added)
}

function progressStream(svc: V2Service, r: RouteRequest, rev: RevisionRec): Reply {
  checkParams(r.url, [])
  return {
    stream: async res => {
      // Snapshots supersede each other: a reader that fell behind gets just the newest it missed.
      const out = openStream<Record<string, unknown>>(
        res,
        streamFormat(r.req),
        (_, latest) => latest
      )
      let last = JSON.stringify(progressView(rev))
      out.send(progressView(rev))
      if (TERMINAL.includes(rev.status)) return out.end()
      await followUntilStopped(out, stop =>
        svc.onProgress(rev.id, () => {
          if (!svc.state.revisions[rev.id]) return stop()
          const text = JSON.stringify(progressView(rev))
          if (text !== last) out.send(JSON.parse((last = text)))
          if (TERMINAL.includes(rev.status)) stop()
        })
      )
    }
  }
}

/** Stands for the live lines a reader that fell behind missed, in the newest one's step. */
const skippedBuildLogs = (skipped: number, latest: BuildLogRec): BuildLogRec => ({
  timestamp: timestamp(),
  level: 'warn',
  message: skippedLines(skipped, 'build'),
  step: latest.step,
  ...(latest.timeline === undefined ? {} : { timeline: latest.timeline })
})

function buildLogStream(svc: V2Service, r: RouteRequest, rev: RevisionRec): Reply {
  checkParams(r.url, ['step', 'timeline'])
  const step = r.url.searchParams.get('step')
  if (step !== null && !STEPS.includes(step))
    throw malformed(`Query parameter 'step' must be one of ${STEPS.join(', ')}.`)
  const timeline = r.url.searchParams.get('timeline')
  const accept = (e: BuildLogRec): boolean =>
    (step === null || e.step === step) && (timeline === null || e.timeline === timeline)
  return {
    stream: async res => {
      const out = openStream(res, streamFormat(r.req), skippedBuildLogs)
      for (const entry of svc.buildLogs.entries(rev.id)) if (accept(entry)) out.sendPast(entry)
      if (TERMINAL.includes(rev.status)) return out.end()
      await followUntilStopped(out, stop =>
        svc.buildLogs.subscribe(rev.id, entry => {
          if (entry === null) stop()
          else if (accept(entry)) out.send(entry)
        })
      )
    }
  }
}

export const revisionRoutes: V2Route[] = [
  {
    method: 'GET',
    path: '/revisions/:revision',
    async handler(svc, { params }) {
      return ok(view(svc, getRevision(svc, params.revision)))
    }
  },
  {
    method: 'PATCH',
    path: '/revisions/:revision',
    async handler(svc, { params, body }) {
      const rev = getRevision(svc, params.revision)
      const obj = expectObject(await body(), 'The request body', ['retention'])
      if (obj.retention === 'indefinite')
        throw new HttpError(
          403,
          'REVISION_RETENTION_NOT_AVAILABLE',
          'retention "indefinite" needs an enterprise organization.'
        )
      if (obj.retention !== undefined && obj.retention !== 'auto')
        throw malformed('retention must be "auto" or "indefinite".')
      return ok(view(svc, rev))
    }
  },
  {
    method: 'DELETE',
    path: '/revisions/:revision',
    async handler(svc, { params }) {
      const rev = getRevision(svc, params.revision)
      const blocker = deleteBlocker(svc, rev)
      if (blocker) throw blocker
      await svc.removeRevision(rev)
      return noContent()
    }
  },
  {
    method: 'POST',
    path: '/revisions/:revision/cancel',
    async handler(svc, { params }) {
      const rev = getRevision(svc, params.revision)
      if (!TERMINAL.includes(rev.status)) {
        rev.cancellationRequestedAt ??= timestamp()
        await svc.changed(rev)
        svc.pipeline.cancel(rev)
      }
      return ok(view(svc, rev))
    }
  },
  {
    method: 'POST',
    path: '/revisions/:revision/promote',
    async handler(svc, { params }) {
      const rev = getRevision(svc, params.revision)
      if (rev.status !== 'succeeded')
        throw conflict(
          'REVISION_NOT_SUCCEEDED',
          `Revision ${rev.id} is ${rev.status}; only a succeeded revision can be promoted to production.`
        )
      const joined = !rev.production
      rev.production = true
      rev.productionSeq = ++svc.state.seq
      await svc.changed(rev)
      // A preview revision promoted joins production: its env and KV database become production's.
      if (joined) svc.restart([rev])
      return noContent()
    }
  },
  {
    method: 'GET',
    path: '/revisions/:revision/timelines',
    async handler(svc, { params }) {
      const rev = getRevision(svc, params.revision)
      const app = getApp(svc, rev.appId)
      const timelines = revisionTimelines(svc.routes(), svc.state, rev, svc.naming())
      return ok(timelines.map(t => timelineView(app, t.context, t.hostnames)))
    }
  },
  {
    method: 'PUT',
    path: '/revisions/:revision/domains',
    async handler(svc, { params, body }) {
      const rev = getRevision(svc, params.revision)
      putDomains(svc, rev, await body())
      await svc.changed(rev)
      return noContent()
    }
  },
  {
    method: 'DELETE',
    path: '/revisions/:revision/domains/:hostname',
    async handler(svc, { params }) {
      const rev = getRevision(svc, params.revision)
      const host = params.hostname.toLowerCase().replace(/\.$/, '')
      const index = rev.bindings.findIndex(b => b.host === host)
      if (index === -1)
        throw v2NotFound(
          `${JSON.stringify(host.slice(0, 253))} is not bound to revision ${rev.id}; GET /v2/revisions/${rev.id} lists its hostnames.`
        )
      rev.bindings.splice(index, 1)
      await svc.changed(rev)
      return noContent()
    }
  },
  {
    method: 'GET',
    path: '/revisions/:revision/progress',
    async handler(svc, r) {
      return progressStream(svc, r, getRevision(svc, r.params.revision))
    }
  },
  {
    method: 'GET',
    path: '/revisions/:revision/build_logs',
    async handler(svc, r) {
      return buildLogStream(svc, r, getRevision(svc, r.params.revision))
    }
  }
]
