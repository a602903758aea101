// A Node `ws` server: close codes in JavaScript.
const { WebSocketServer } = require('ws');

const wss = new WebSocketServer({ port: 3000 });

wss.on('connection', (ws) => {
	ws.on('message', (data, isBinary) => {
		if (isBinary) {
			ws.close(1003, 'text frames only');
		}
	});
});

process.on('SIGTERM', () => {
	for (const client of wss.clients) {
		client.close(1001, 'server shutting down');
	}
});
