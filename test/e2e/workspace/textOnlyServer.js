// A ws server that only understands text but does not say so: the "Reject binary frames with 1003" refactor test
// uses this file.
const { WebSocketServer } = require('ws');

const wss = new WebSocketServer({ port: 8080 });

wss.on('connection', (ws) => {
	ws.on('message', (data) => {
		ws.send(`echo: ${data}`);
	});
});
