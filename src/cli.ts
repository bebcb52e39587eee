#!/usr/bin/env node
import { EXIT, runCli } from './cli/run.js'

// First Ctrl-C cancels the deploy cleanly (the core stops waiting and says where it was);
// a second one exits at once.
const controller = new AbortController()
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (controller.signal.aborted) process.exit(EXIT.cancelled)
    controller.abort(new Error(`cancelled by ${signal}`))
  })
}

process.exitCode = await runCli({
  argv: process.argv.slice(2),
  env: process.env,
  cwd: process.cwd(),
  stdout: process.stdout,
  stderr: process.stderr,
  signal: controller.signal
})
// An idle keep-alive socket must not hold the terminal once the result is printed.
setTimeout(() => process.exit(), 2000).unref()
