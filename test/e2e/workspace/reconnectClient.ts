// A browser client that does not reconnect yet: the "Reconnect with exponential backoff" quick-fix tests use this file.
let socket: WebSocket | undefined;

export function connect(url: string): void {
	socket = new WebSocket(url);
	socket.addEventListener('close', (event) => {
		if (event.code === 1001) {
			console.log('The server went away');
		}
	});
}
