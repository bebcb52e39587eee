const image = await Deno.readFile(new URL('./image.png', import.meta.url))

Deno.serve(() => new Response(image, { headers: { 'content-type': 'image/png' } }))
