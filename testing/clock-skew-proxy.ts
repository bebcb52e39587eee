/**
 * A loopback proxy in front of a real local server whose answers look as if the server's clock
 * ran behind ours: every `created_at` / `createdAt` in a JSON answer is moved back by `skewMs`.
 * Tests use it for what only shows with a skewed clock (finding what a lost create made).
 */
import {
  createServer,
  request,
  type IncomingMessage,
  type Server,
  type ServerResponse
} from 'node:http'
import type { AddressInfo } from 'node:net'

export interface SkewProxy {
  origin: string
  close(): Promise<void>
}

const CREATED = /("(?:created_at|createdAt)"\s*:\s*")([^"]+)"/g

function shifted(body: string, skewMs: number): string {
  return body.replace(CREATED, (_match, key: string, at: string) => {
    const time = Date.parse(at)
    return Number.isNaN(time) ? `${key}${at}"` : `${key}${new Date(time - skewMs).toISOString()}"`
  })
}

/** Forwards one request; a JSON answer is read whole and shifted, anything else streams. */
function forward(target: URL, skewMs: number, req: IncomingMessage, res: ServerResponse): void {
  const upstream = request(
    {
      host: target.hostname,
      port: target.port,
      method: req.method,
      path: req.url,
      headers: req.headers
    },
    answer => {
      const json = /json/.test(answer.headers['content-type'] ?? '')
      if (!json) {
        res.writeHead(answer.statusCode ?? 502, answer.headers)
        answer.pipe(res)
        return
      }
      const chunks: Buffer[] = []
      answer.on('data', chunk => chunks.push(chunk))
      answer.on('end', () => {
        const body = shifted(Buffer.concat(chunks).toString('utf8'), skewMs)
        const headers = { ...answer.headers, 'content-length': String(Buffer.byteLength(body)) }
        delete headers['content-encoding']
        delete headers['transfer-encoding']
        res.writeHead(answer.statusCode ?? 502, headers)
        res.end(body)
      })
    }
  )
  upstream.on('error', () => res.destroy())
  req.pipe(upstream)
}

export async function startSkewProxy(targetOrigin: string, skewMs: number): Promise<SkewProxy> {
  const target = new URL(targetOrigin)
  const server: Server = createServer((req, res) => {
    // Ask for plain bodies: the proxy rewrites them.
    delete req.headers['accept-encoding']
    forward(target, skewMs, req, res)
  })
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>(resolve => {
        server.closeAllConnections()
        server.close(() => resolve())
      })
  }
}
