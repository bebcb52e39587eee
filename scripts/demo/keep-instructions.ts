/** What the demo's server needs for a deploy of the user's own app, while `--keep` holds it. */
export interface KeptServer {
  /** The base URL of the API the demo used (`…/v1` or `…/v2`). */
  apiUrl: string
  apiVersion?: 'v1' | 'v2'

  token: string
  organizationId: string
  projectId: string
  projectName: string
}

/**
 * The lines `npm run demo -- --keep` prints: every value a deploy needs and commands ready to
 * paste (the CLI from the committed bundle, as the demo runs the action's bundle). The token is
 * this throwaway server's own, so printing it is the point, not a leak.
 */
export function keepInstructions(server: KeptServer): string[] {
  const cli = 'node dist/cli/index.js'
  const api = `--api-url ${server.apiUrl}`
  return [
    'Deploy your own app to this server while it runs:',
    `  API URL       ${server.apiUrl}`,
    `  token         ${server.token}   (this local server's throwaway token)`,
    `  organization  ${server.organizationId}`,
    `  project       ${server.projectId}   ("${server.projectName}")`,
    '',
    '  In another terminal, from this repository:',
    `    export DENO_DEPLOY_TOKEN=${server.token}`,
    `    ${cli} ${api} --project ${server.projectId} --root path/to/your-app --entrypoint main.ts`,
    '',
    ...OWN_APP[server.apiVersion ?? 'v1'](server, cli, api)
  ]
}

/** How to make an app of one's own on each API (and, on v1, a KV database). */
const OWN_APP: Record<'v1' | 'v2', (server: KeptServer, cli: string, api: string) => string[]> = {
  v2: server => [
    '  An app of its own (then --project my-app; add --production for its production host):',
    `    curl -X POST -H "Authorization: Bearer ${server.token}" -H 'content-type: application/json' \\`,
    `      -d '{"slug":"my-app"}' ${server.apiUrl}/apps`
  ],
  v1: (server, cli, api) => [
    '  An app of its own, or a KV database for Deno.openKv() (then add --database-id <id>):',
    `    ${cli} projects create --organization ${server.organizationId} ${api} --name my-app`,
    `    ${cli} databases create --organization ${server.organizationId} ${api}`
  ]
}
