// Runs in Deno (test/runtimes/closeRules.test.ts): a Deno.serve server on 127.0.0.1 whose upgraded sockets ping
// after 1 s of silence (idleTimeout). Prints `LISTENING <port>`, then `SERVER CLOSE <code> <reason as JSON>` for
// every close event.
const server = Deno.serve({ hostname: '127.0.0.1', port: 0, onListen: () => undefined }, (request) => {
	const { socket, response } = Deno.upgradeWebSocket(request, { idleTimeout: 1 });
	socket.addEventListener('close', (event) => console.log(`SERVER CLOSE ${event.code} ${JSON.stringify(event.reason)}`));
	return response;
});
console.log(`LISTENING ${server.addr.port}`);
