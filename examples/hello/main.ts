Deno.serve((request: Request) => {
  const url = new URL(request.url)
  if (url.pathname === '/env') {
    const name = url.searchParams.get('name') ?? 'GREETING'
    return new Response(Deno.env.get(name) ?? '(unset)')
  }
  return new Response('Hello from Subhosting Deploy!\n')
})
