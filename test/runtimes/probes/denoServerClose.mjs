// Runs in Deno (test/runtimes/closeRules.test.ts): a Deno.serve server on 127.0.0.1 whose upgraded socket for
// `/code/N` calls `close(N, 'bye')` as soon as it opens. Prints `LISTENING <port>`, then `CLOSE N ok` or
// `CLOSE N <error name>` for each socket (after a throw it closes with no code).
const server = Deno.serve({ hostname: '127.0.0.1', port: 0, onListen: () => undefined }, (request) => {
	const code = Number(new URL(request.url).pathname.split('/')[2]);
	const { socket, response } = Deno.upgradeWebSocket(request);
	socket.addEventListener('open', () => {
		try {
			socket.close(code, 'bye');
			console.log(`CLOSE ${code} ok`);
		} catch (error) {
			console.log(`CLOSE ${code} ${error.name}`);
			socket.close();
		}
	});
	return response;
});
console.log(`LISTENING ${server.addr.port}`);
