import { request, type RequestOptions } from 'node:http'
import { localhostAwareLookup } from '../src/core/deploy/url-probe.js'

export interface GetResult {
  status: number
  body: string
}

/**
 * GET a deployment URL such as http://hello-abc123.deploy.localhost:8420/ and read its whole
 * body. `*.localhost` resolves to loopback through the action's own lookup (browsers and curl do
 * the same; Node's resolver does not); the action's probe keeps only error bodies, this reads all.
 */
export function getLocalUrl(url: string, timeoutMs = 15_000): Promise<GetResult> {
  return new Promise((resolve, reject) => {
    const lookup = localhostAwareLookup as unknown as RequestOptions['lookup']
    const req = request(url, { lookup, timeout: timeoutMs }, res => {
      let body = ''
      res.setEncoding('utf8')
      res.on('data', (chunk: string) => (body += chunk))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }))
      res.on('error', reject)
    })
    req.on('timeout', () => req.destroy(new Error(`no answer from ${url} within ${timeoutMs} ms`)))
    req.on('error', reject)
    req.end()
  })
}
