// `public/latest.txt` is a symlink to `data/message.txt` (created when the app is deployed).
Deno.serve(async () => new Response(await Deno.readTextFile('./public/latest.txt')))
