import { FlagError, parseFlags, USAGE } from './api/flags.js'
import { parseFaultRules } from './api/faults/faults.js'
import { HttpError } from './api/http/errors.js'
import { startServer } from './api/server.js'
import { createDeploymentRuntime } from './runtime/index.js'

function fail(message: string): never {
  process.stderr.write(`subhosting: ${message}\n`)
  process.exit(2)
}

async function main(): Promise<void> {
  let flags
  try {
    flags = parseFlags(process.argv.slice(2))
  } catch (err) {
    if (err instanceof FlagError) fail(err.message)
    throw err
  }
  if (flags.help) {
    process.stdout.write(USAGE + '\n')
    return
  }
  let faults
  try {
    faults = process.env.SUBHOSTING_FAULTS
      ? parseFaultRules(JSON.parse(process.env.SUBHOSTING_FAULTS), 'SUBHOSTING_FAULTS')
      : []
  } catch (err) {
    fail(
      `SUBHOSTING_FAULTS must be a JSON array of fault rules: ${err instanceof HttpError || err instanceof SyntaxError ? err.message : String(err)}`
    )
  }
  const runtime = createDeploymentRuntime({
    dataDir: flags.dataDir,
    idleTimeoutMs: flags.idleTimeoutMs,
    maxProcesses: flags.maxProcesses,
    maxProcessesPerApp: flags.maxProcessesPerApp,
    queueTimeoutMs: flags.queueTimeoutMs,
    kvQuotaMb: flags.kvQuotaMb,
    memoryLimitMb: flags.memoryLimitMb,
    typeCheck: flags.typeCheck
  })
  const server = await startServer({ ...flags, faults }, runtime)

  let stopping = false
  const stop = (signal: string): void => {
    if (stopping) return
    stopping = true
    process.stderr.write(`subhosting: ${signal}, stopping deployments\n`)
    server.close().then(
      () => process.exit(0),
      err => {
        process.stderr.write(`subhosting: error while stopping: ${(err as Error).message}\n`)
        process.exit(1)
      }
    )
  }
  process.on('SIGTERM', () => stop('SIGTERM'))
  process.on('SIGINT', () => stop('SIGINT'))

  process.stdout.write(
    JSON.stringify({
      apiUrl: server.apiUrl,
      organizationId: server.organizationId,
      organizationSlug: server.organizationSlug,
      token: server.token
    }) + '\n'
  )
  process.stderr.write(
    `subhosting: API ${server.apiUrl}, deployments at http://<project>-<id>.${flags.domainSuffix}:${server.port}/, data in ${flags.dataDir}\n`
  )
}

main().catch(err => fail((err as Error).stack ?? String(err)))
