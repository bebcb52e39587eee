import { copyFile, mkdir, readFile, writeFile } from 'node:fs/promises'
import { existsSync } from 'node:fs'
import { dirname, isAbsolute, join, relative } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { parse, printParseErrorCode, type ParseError } from 'jsonc-parser'
import { isRemoteUrl, resolveAssetReference, toModuleSpecifier } from './source-paths.js'

export interface ConfigRequest {
  srcDir: string
  importMapUrl: string | null
  lockFileUrl?: string | null
  compilerOptions: Record<string, unknown> | null
}

export interface GeneratedConfig {
  /** Deno config written outside the assets; always passed with --config (no upward discovery). */
  configPath: string
  /** Value for --import-map when the import map lives in its own file. */
  importMap: string | null
  /** Info lines worth showing in the build log (which config, map and lock were used). */
  notes: string[]
}

type Json = Record<string, unknown>

/** deno.json / deno.jsonc: JSON with comments and trailing commas, parsed by jsonc-parser. */
export function parseJsonc(text: string, fileName: string): Json {
  const errors: ParseError[] = []
  const value: unknown = parse(text, errors, { allowTrailingComma: true, disallowComments: false })
  const first = errors[0]
  if (first) {
    const line = text.slice(0, first.offset).split('\n').length
    throw new Error(
      `${fileName} is not valid JSON(C): ${printParseErrorCode(first.error)} at line ${line}.`
    )
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    throw new Error(`${fileName} is not a valid JSON object: it must be an object ({...}).`)
  }
  return value as Json
}

async function readUserConfig(srcDir: string): Promise<{ config: Json; name: string } | null> {
  for (const name of ['deno.json', 'deno.jsonc']) {
    const path = join(srcDir, name)
    if (existsSync(path)) return { config: parseJsonc(await readFile(path, 'utf8'), name), name }
  }
  return null
}

/** Import-map addresses are relative to the file declaring them; our config lives elsewhere. */
function rebase(value: unknown, baseUrl: string): unknown {
  if (typeof value !== 'string') return value
  return /^\.{0,2}\//.test(value) ? new URL(value, baseUrl).href : value
}

function rebaseImports(imports: unknown, baseUrl: string): Json | undefined {
  if (!imports || typeof imports !== 'object') return undefined
  return Object.fromEntries(Object.entries(imports).map(([k, v]) => [k, rebase(v, baseUrl)]))
}

function rebaseScopes(scopes: unknown, baseUrl: string): Json | undefined {
  if (!scopes || typeof scopes !== 'object') return undefined
  return Object.fromEntries(
    Object.entries(scopes).map(([scope, map]) => [
      String(rebase(scope, baseUrl)),
      rebaseImports(map, baseUrl)
    ])
  )
}

/**
 * Type-only files named in compilerOptions.types are read by the type checker, outside the
 * module graph: they must be assets (or packages), and are rebased like import-map entries.
 */
function confinedTypes(options: Json, srcDir: string, baseUrl: string): Json {
  if (!Array.isArray(options.types)) return options
  const types = options.types.map((entry: unknown) => {
    if (typeof entry !== 'string' || !/^(\.{0,2}\/|file:)/.test(entry)) return entry
    const url = new URL(entry, baseUrl)
    const rel = relative(srcDir, fileURLToPath(url))
    if (rel.startsWith('..') || isAbsolute(rel)) {
      throw new Error(
        `compilerOptions.types entry "${entry}" points outside the deployment's assets; ` +
          'name a file among the assets or a package.'
      )
    }
    return url.href
  })
  return { ...options, types }
}

function withoutNulls(options: Record<string, unknown>): Json {
  return Object.fromEntries(
    Object.entries(options).filter(([, v]) => v !== null && v !== undefined)
  )
}

function lockPathFromUserConfig(lock: unknown, srcDir: string): string | null {
  if (lock === false) return null
  if (typeof lock === 'string') return resolveAssetReference(srcDir, lock, 'deno.json "lock"')
  if (lock && typeof lock === 'object' && typeof (lock as Json).path === 'string') {
    return resolveAssetReference(srcDir, (lock as Json).path as string, 'deno.json "lock.path"')
  }
  const fallback = join(srcDir, 'deno.lock')
  return existsSync(fallback) ? fallback : null
}

type UserConfig = { config: Json; name: string } | null

/** The config being generated, and the notes that tell the build log where its parts came from. */
interface Draft {
  config: Json
  notes: string[]
  baseUrl: string
}

/** Import map file (a path or remote URL), or null with the user's imports/scopes inlined. */
function applyImportMap(req: ConfigRequest, user: UserConfig, draft: Draft): string | null {
  let importMap: string | null = null
  if (req.importMapUrl === null) {
    if (user && typeof user.config.importMap === 'string') {
      importMap = toModuleSpecifier(req.srcDir, user.config.importMap, 'deno.json "importMap"')
    } else if (user) {
      const imports = rebaseImports(user.config.imports, draft.baseUrl)
      const scopes = rebaseScopes(user.config.scopes, draft.baseUrl)
      if (imports) draft.config.imports = imports
      if (scopes) draft.config.scopes = scopes
    }
  } else if (req.importMapUrl !== '') {
    importMap = toModuleSpecifier(req.srcDir, req.importMapUrl, 'importMapUrl')
  }
  if (!importMap) return null
  draft.notes.push(`Using import map ${presentSpecifier(importMap, draft.baseUrl)}`)
  return isRemoteUrl(importMap) ? importMap : fileURLToPath(importMap)
}

function lockSourceOf(req: ConfigRequest, user: UserConfig): string | null {
  if (req.lockFileUrl === '') return null
  if (req.lockFileUrl !== undefined && req.lockFileUrl !== null)
    return resolveAssetReference(req.srcDir, req.lockFileUrl, 'lockFileUrl')
  if (user) return lockPathFromUserConfig(user.config.lock, req.srcDir)
  const fallback = join(req.srcDir, 'deno.lock')
  return existsSync(fallback) ? fallback : null
}

async function applyLockFile(
  req: ConfigRequest,
  lockSource: string | null,
  outDir: string,
  draft: Draft
): Promise<void> {
  if (lockSource && !isRemoteUrl(lockSource) && existsSync(lockSource)) {
    // A copy, so Deno's lock updates never touch the (possibly shared) asset files.
    const lockCopy = join(outDir, 'deno.lock')
    await copyFile(lockSource, lockCopy)
    draft.config.lock = { path: lockCopy, frozen: false }
    const shown = presentSpecifier(pathToFileURL(lockSource).href, draft.baseUrl)
    draft.notes.push(`Using lock file ${shown}`)
  } else if (lockSource && req.lockFileUrl) {
    throw new Error(
      `lockFileUrl "${req.lockFileUrl}" must name a lock file among the deployment's assets.`
    )
  } else {
    // No lock file (a deno.json "lock" naming a file not shipped means Deno would create it).
    draft.config.lock = false
  }
}

/**
 * Writes the Deno config a deployment is built and run with, following the v1 semantics:
 * null = auto-discover from deno.json/deno.jsonc in the asset root, '' = none, otherwise the
 * given file (import map, lock file) or the given options (compilerOptions; {} = defaults).
 */
export async function writeDenoConfig(
  req: ConfigRequest,
  outDir: string
): Promise<GeneratedConfig> {
  const user = await readUserConfig(req.srcDir)
  const draft: Draft = { config: {}, notes: [], baseUrl: pathToFileURL(req.srcDir).href + '/' }
  const { config, baseUrl } = draft
  if (user) draft.notes.push(`Using config ${user.name}`)

  if (req.compilerOptions === null) {
    const options = user?.config.compilerOptions
    if (options && typeof options === 'object') {
      config.compilerOptions = confinedTypes(options as Json, req.srcDir, baseUrl)
    }
  } else {
    config.compilerOptions = confinedTypes(withoutNulls(req.compilerOptions), req.srcDir, baseUrl)
  }
  const importMap = applyImportMap(req, user, draft)
  if (user && Array.isArray(user.config.unstable)) config.unstable = user.config.unstable

  const lockSource = lockSourceOf(req, user)
  await mkdir(outDir, { recursive: true })
  await applyLockFile(req, lockSource, outDir, draft)

  const configPath = join(outDir, 'deno.json')
  await mkdir(dirname(configPath), { recursive: true })
  await writeFile(configPath, JSON.stringify(config, null, 2))
  return { configPath, importMap, notes: draft.notes }
}

function presentSpecifier(specifier: string, baseUrl: string): string {
  return specifier.startsWith(baseUrl)
    ? decodeURIComponent(specifier.slice(baseUrl.length))
    : specifier
}
