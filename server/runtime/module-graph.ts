import { realpath } from 'node:fs/promises'
import { isAbsolute, relative } from 'node:path'
import { fileURLToPath } from 'node:url'

interface InfoDependency {
  specifier?: string
  code?: { specifier?: string }
  type?: { specifier?: string }
}

interface InfoModule {
  specifier?: string
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
  return { outside: found, nodeHttp }
}
