// A Cloudflare Worker that accepts a WebSocket: its close() follows workerd's rules, which the UI tests hover.
export default {
	async fetch(request) {
		if (request.headers.get('Upgrade') !== 'websocket') {
			return new Response('Expected a WebSocket upgrade', { status: 426 });
		}
		const [client, server] = Object.values(new WebSocketPair());
		server.accept();
		server.addEventListener('message', (event) => {
			if (event.data === 'bye') {
				server.close(1001, 'worker going away');
			}
		});
		return new Response(null, { status: 101, webSocket: client });
	},
};
