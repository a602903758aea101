// A browser WebSocket client: the close codes the extension-host and UI tests hover.
const url = 'wss://chat.example.test/socket';
let socket: WebSocket | undefined;

export function connect(): void {
	socket = new WebSocket(url);
	socket.addEventListener('close', (event) => {
		if (event.code === 1001) {
			scheduleReconnect();
		} else if (event.code === 1003) {
			console.error('The server rejected our frame type:', event.reason);
		}
	});
}

export function leave(): void {
	socket?.close(1000, 'user left');
}

function scheduleReconnect(): void {
	// Not a close code: a timeout of 1000 ms.
	setTimeout(connect, 1000);
}
