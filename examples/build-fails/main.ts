import { missing } from './does-not-exist.ts'

const port: number = 'not a number'

Deno.serve(() => new Response(String(missing) + port))
