import { greet } from 'greetings/mod.ts'

Deno.serve(() => new Response(greet('Subhosting') + '\n'))
