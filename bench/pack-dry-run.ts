/*
 * The deploy core's dry run with nothing else: INPUT_* env → settings → pack → manifest and
 * request preview on stdout. The pack benchmark bundles and times it while dist/index.js (the
 * action itself) does not exist yet; once it does, the benchmark times dist/index.js instead.
 */
import { parseSettings, type InputName, INPUT_NAMES, type RawInputs } from '../src/core/inputs.js'
import { renderManifest, requestPreview } from '../src/core/manifest.js'
import { checkEntrypoint, pack } from '../src/core/pack.js'

const raw: RawInputs = {}
for (const name of INPUT_NAMES as readonly InputName[]) {
  raw[name] = process.env[`INPUT_${name.toUpperCase()}`]
}

// No top-level await: ncc bundles this as CommonJS.
async function main(): Promise<void> {
  const settings = parseSettings(raw, { workspace: process.env.GITHUB_WORKSPACE ?? process.cwd() })
  const packed = await pack(settings)
  checkEntrypoint(settings, packed)
  process.stdout.write(`${renderManifest(packed, settings)}\n`)
  process.stdout.write(`${JSON.stringify(requestPreview(packed, settings), null, 2)}\n`)
}

main().catch((err: Error) => {
  process.stderr.write(`${err.message}\n`)
  process.exitCode = 1
})
