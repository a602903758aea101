// A GraphQL over WebSocket server: graphql-ws names its close codes (`CloseCode`), and those names are codes too.
import { CloseCode } from 'graphql-ws';
import { WebSocketServer } from 'ws';

const wss = new WebSocketServer({ port: 4000 });

wss.on('connection', (socket, request) => {
	if (!request.headers.authorization) {
		socket.close(CloseCode.Forbidden, 'not allowed');
	}
});
