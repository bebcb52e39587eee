const kv = await Deno.openKv()

Deno.serve(async () => {
  // Retries on conflict so concurrent deployments sharing the database never lose a count.
  for (;;) {
    const current = await kv.get<Deno.KvU64>(['visits'])
    const next = new Deno.KvU64((current.value?.value ?? 0n) + 1n)
    const result = await kv.atomic().check(current).set(['visits'], next).commit()
    if (result.ok) return new Response(`count=${next.value}\n`)
  }
})
