// Runs in workerd (test/runtimes/closeRules.test.ts), the runtime of Cloudflare Workers, as an ES module worker.
// - `GET /sweep?input={"codes":[…],"reasons":{…}}`: calls close(code, 'bye') and close(1000, reason) on the server end of
//   a fresh, accepted WebSocketPair for each, and answers with what threw: `{ codes, reasons }`.
// - a WebSocket upgrade of `/code/N` or `/reason/<text>`: accepts and closes with `N, 'bye'` or `1000, text` at once;
//   when that throws, closes with no code, so the client sees an empty Close frame.
const thrown = (attempt) => {
	try {
		attempt();
		return null;
	} catch (error) {
		return { name: error.name, message: error.message };
	}
};

const acceptedEnd = () => {
	const [client, server] = Object.values(new WebSocketPair());
	server.accept();
	return { client, server };
};

export default {
	async fetch(request) {
		const url = new URL(request.url);
		if (url.pathname === '/sweep') {
			const { codes, reasons } = JSON.parse(url.searchParams.get('input'));
			const result = { codes: {}, reasons: {} };
			for (const code of codes) {
				result.codes[code] = thrown(() => acceptedEnd().server.close(code, 'bye'));
			}
			for (const [name, reason] of Object.entries(reasons)) {
				result.reasons[name] = thrown(() => acceptedEnd().server.close(1000, reason));
			}
			return Response.json(result);
		}
		const [, kind, value] = url.pathname.split('/');
		const { client, server } = acceptedEnd();
		const closing = kind === 'code' ? [Number(value), 'bye'] : [1000, decodeURIComponent(value)];
		if (thrown(() => server.close(...closing)) !== null) {
			server.close();
		}
		return new Response(null, { status: 101, webSocket: client });
	},
};
