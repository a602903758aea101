// Runs in Bun (test/runtimes/closeRules.test.ts): a Bun.serve server on 127.0.0.1 whose ServerWebSocket for
// `/code/N` calls `close(N, 'bye')` as soon as it opens. Prints `LISTENING <port>`, then `CLOSE N ok` or
// `CLOSE N <error name>` for each socket (after a throw it closes with no code).
const server = Bun.serve({
	hostname: '127.0.0.1',
	port: 0,
	fetch(request, server) {
		const code = Number(new URL(request.url).pathname.split('/')[2]);
		if (server.upgrade(request, { data: { code } })) {
			return undefined;
		}
		return new Response('Expected a WebSocket upgrade', { status: 426 });
	},
	websocket: {
		open(ws) {
			const { code } = ws.data;
			try {
				ws.close(code, 'bye');
				console.log(`CLOSE ${code} ok`);
			} catch (error) {
				console.log(`CLOSE ${code} ${error.name}`);
				ws.close();
			}
		},
		message() {},
	},
});
console.log(`LISTENING ${server.port}`);
