import { realpath } from 'node:fs/promises'
import { isAbsolute, relative } from 'node:path'
import { fileURLToPath } from 'node:url'

interface InfoPosition {
  line: number
  character: number
}

interface InfoResolution {
  specifier?: string
  /** Why the specifier does not resolve (e.g. a bare name missing from the import map). */
  error?: string
  span?: { start?: InfoPosition }
}

interface InfoDependency {
  specifier?: string
  code?: InfoResolution
  type?: InfoResolution
}

interface InfoModule {
  specifier?: string
  /** Why the module could not be loaded: not found, not parsable (a syntax error), denied. */
  error?: string
  dependencies?: InfoDependency[]
  /** `@ts-self-types`, `/// <reference types>` or an X-TypeScript-Types header. */
  typesDependency?: { specifier?: string; dependency?: { specifier?: string } }
}

export interface GraphFacts {
  /**
   * Local modules outside the assets, as "<importer> imports <specifier>". The main module's
   * static graph is loaded without permission checks, so such an import would read any file on
   * the server at run time (the build itself is confined, see confine.ts).
   */
  outside: string[]
  /**
   * What fails the build as it fails on the platform: modules that are missing or do not parse,
   * specifiers that do not resolve. Deno reports them in the JSON and still exits 0. Each entry
   * is an error line followed by "    at <importer>:<line>:<column>" lines.
   */
  errors: string[][]
  /** Whether the app may serve through node:http (directly or from an npm package). */
  nodeHttp: boolean
}

const NODE_SERVERS = new Set(['node:http', 'node:https', 'node:http2'])

/** What the build needs to know from `deno info --json` output. */
export async function analyzeGraph(infoJson: string, srcDir: string): Promise<GraphFacts> {
  const graph = JSON.parse(infoJson) as { modules?: InfoModule[]; npmPackages?: object }
  const roots = [srcDir, await realpath(srcDir)]
  const inside = (url: string) => {
    const path = fileURLToPath(url)
    return roots.some(root => {
      const rel = relative(root, path)
      return !rel.startsWith('..') && !isAbsolute(rel)
    })
  }
  const found: string[] = []
  let nodeHttp = Object.keys(graph.npmPackages ?? {}).length > 0
  for (const module of graph.modules ?? []) {
    const types = module.typesDependency
    const typesTarget = types?.dependency?.specifier
    if (typesTarget?.startsWith('file:') && !inside(typesTarget)) {
      found.push(`${module.specifier} names types "${types?.specifier}"`)
    }
    for (const dependency of module.dependencies ?? []) {
      if (NODE_SERVERS.has(dependency.code?.specifier ?? '')) nodeHttp = true
      for (const target of [dependency.code?.specifier, dependency.type?.specifier]) {
        if (target?.startsWith('file:') && !inside(target)) {
          found.push(`${module.specifier} imports "${dependency.specifier}"`)
          break
        }
      }
    }
  }
  return { outside: found, errors: loadErrors(graph.modules ?? []), nodeHttp }
}

function at(specifier: string | undefined, resolution: InfoResolution): string {
  const start = resolution.span?.start
  return start
    ? `    at ${specifier}:${start.line + 1}:${start.character + 1}`
    : `    at ${specifier}`
}

function loadErrors(modules: InfoModule[]): string[][] {
  const importers = new Map<string, string[]>()
  const errors: string[][] = []
  for (const module of modules) {
    for (const dependency of module.dependencies ?? []) {
      for (const resolution of [dependency.code, dependency.type]) {
        if (!resolution) continue
        if (resolution.error)
          errors.push([`error: ${resolution.error}`, at(module.specifier, resolution)])
        else if (resolution.specifier) {
          const list = importers.get(resolution.specifier) ?? []
          list.push(at(module.specifier, resolution))
          importers.set(resolution.specifier, list)
        }
      }
    }
  }
  for (const module of modules) {
    if (!module.error) continue
    const [first, ...rest] = module.error.split('\n')
    const where = rest.some(line => /^\s+at /.test(line))
      ? []
      : (importers.get(module.specifier ?? '') ?? [])
    errors.push([`error: ${first}`, ...rest, ...where])
  }
  return errors
}
