// Deployed with compilerOptions {"jsx": "react-jsx", "jsxImportSource": "@local/jsx"}; the
// import map in deno.json points that source at ./runtime (no network needed).

function Page({ title, items }: { title: string; items: string[] }) {
  return (
    <html>
      <body>
        <h1>{title}</h1>
        <ul>
          {items.map(item => (
            <li>{item}</li>
          ))}
        </ul>
      </body>
    </html>
  )
}

Deno.serve(() => {
  const page = <Page title="Rendered with JSX" items={['compilerOptions', 'import map']} />
  return new Response('<!doctype html>' + page, {
    headers: { 'content-type': 'text/html; charset=utf-8' }
  })
})
