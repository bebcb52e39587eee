/**
 * Production domains, once attached (by the platform): wait until the first one serves before
 * anyone is told about it.
 */
import http from 'node:http'
import https from 'node:https'
import { deploymentUrl, isLoopbackHost } from '../core/url-probe.js'

/** The public URL of a domain, by the shared URL rule (loopback API → http on the API port). */
export function domainUrl(apiUrl: string, domain: string): string {
  return deploymentUrl(apiUrl, domain)
}

/**
 * GETs the domain until it answers below 500. With a loopback API the domain (e.g. a test's
 * app.example.test) has no DNS: connect to the API's host and send the name as Host, which is
 * how the local server routes.
 */
export async function waitForDomain(
  apiUrl: string,
  domain: string,
  deadline: number,
  signal?: AbortSignal
): Promise<void> {
  const api = new URL(apiUrl)
  const loopback = isLoopbackHost(api.hostname)
  const target = new URL(domainUrl(apiUrl, domain))
  let last = 'no answer'
  for (let attempt = 0; Date.now() < deadline; attempt++) {
    signal?.throwIfAborted()
    try {
      const status = await statusOf(target, loopback ? api.hostname : null, signal)
      if (status < 500) return
      last = `HTTP ${status}`
    } catch (error) {
      last = (error as Error).message
    }
    await new Promise(resolve => setTimeout(resolve, Math.min(250 * 2 ** attempt, 3000)))
  }
  throw new Error(`${domain} did not answer before the timeout (last: ${last})`)
}

function statusOf(target: URL, connectTo: string | null, signal?: AbortSignal): Promise<number> {
  const client = target.protocol === 'https:' ? https : http
  return new Promise((resolve, reject) => {
    const req = client.request(
      {
        protocol: target.protocol,
        host: connectTo ?? target.hostname,
        port: target.port || undefined,
        path: '/',
        method: 'GET',
        headers: { host: target.host, 'user-agent': 'subhosting-deploy (domain probe)' },
        servername: target.hostname,
        timeout: 10_000,
        signal
      },
      res => {
        res.resume()
        res.on('end', () => resolve(res.statusCode ?? 0))
        res.on('error', reject)
      }
    )
    req.on('timeout', () => req.destroy(new Error('no answer within 10 s')))
    req.on('error', reject)
    req.end()
  })
}
