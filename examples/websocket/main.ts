// Echoes every WebSocket message back; any other request gets a plain-text hint.
Deno.serve((request: Request) => {
  if (request.headers.get('upgrade')?.toLowerCase() !== 'websocket') {
    return new Response('WebSocket echo server: connect with ws:// to this URL.\n')
  }
  const { socket, response } = Deno.upgradeWebSocket(request)
  socket.onmessage = event => socket.send(event.data)
  return response
})
