import { lookup } from 'node:dns'
import { request } from 'node:http'
import type { LookupFunction } from 'node:net'

/**
 * `*.localhost` names are loopback (RFC 6761). Browsers and curl know it; Node's resolver does
 * not, so this lookup answers them itself and leaves every other name to the system.
 */
const localhostLookup: LookupFunction = (hostname, options, callback) => {
  if (hostname === 'localhost' || hostname.endsWith('.localhost')) {
    if (options.all) callback(null, [{ address: '127.0.0.1', family: 4 }])
    else callback(null, '127.0.0.1', 4)
    return
  }
  lookup(hostname, options, callback)
}

export interface GetResult {
  status: number
  body: string
}

/** GET a deployment URL such as http://hello-abc123.deploy.localhost:8420/ */
export function getLocalUrl(url: string, timeoutMs = 15_000): Promise<GetResult> {
  return new Promise((resolve, reject) => {
    const req = request(url, { lookup: localhostLookup, timeout: timeoutMs }, res => {
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
