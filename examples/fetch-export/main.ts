export default {
  fetch(request: Request): Response {
    const { pathname } = new URL(request.url)
    return Response.json({ served: 'export default { fetch }', path: pathname })
  }
}
