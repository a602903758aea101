// A browser client that sends binary to a text-only server: the "Send text frames" quick-fix test uses this file.
let socket: WebSocket | undefined;

export function connect(url: string): void {
	socket = new WebSocket(url);
	socket.addEventListener('open', () => {
		socket?.send(new TextEncoder().encode('hello'));
	});
	socket.addEventListener('close', (event) => {
		if (event.code === 1003) {
			console.error('The server cannot take what we sent:', event.reason);
		}
	});
}
