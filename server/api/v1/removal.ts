// Deleting a deployment, alone or with its project: state first, then processes, logs and files.
import { rm } from 'node:fs/promises'
import { deploymentRecordDir } from '../layout.js'
import { type Ctx } from '../context.js'
import type { DeploymentRec, ProjectRec } from '../storage/store.js'

/** Forgets the record and every host bound to it (the caller saves the state). */
function dropDeploymentRecord(ctx: Ctx, d: DeploymentRec): void {
  const { state } = ctx.store
  delete state.deployments[d.id]
  for (const [host, id] of Object.entries(state.bindings))
    if (id === d.id) delete state.bindings[host]
}

/** Stops its process and removes its logs and files; the record must be gone already. */
async function discardDeploymentData(ctx: Ctx, d: DeploymentRec): Promise<void> {
  await ctx.runtime.unregister(d.id)
  await ctx.buildLogs.forget(d.id)
  await ctx.appLogs.forget(d.id)
  // A build still materializing into the directory can refill it mid-removal (ENOTEMPTY): rm
  // retries, and the build removes what it wrote once it sees the record gone.
  await rm(deploymentRecordDir(ctx.options.dataDir, d.id), {
    recursive: true,
    force: true,
    maxRetries: 5
  })
}

export async function deleteDeployment(ctx: Ctx, d: DeploymentRec): Promise<void> {
  dropDeploymentRecord(ctx, d)
  await ctx.store.save()
  await discardDeploymentData(ctx, d)
}

/** Stops and forgets a project's deployments, files, bindings and blobs. */
export async function deleteProject(ctx: Ctx, project: ProjectRec): Promise<void> {
  for (const d of ctx.store.deploymentsOf(project.id)) {
    dropDeploymentRecord(ctx, d)
    await discardDeploymentData(ctx, d)
  }
  delete ctx.store.state.projects[project.id]
  ctx.analytics.forget(project.id)
  await ctx.store.save()
  await rm(ctx.blobs.projectDir(project.id), { recursive: true, force: true })
}
