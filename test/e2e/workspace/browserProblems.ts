// A close code that throws in a browser: the diagnostics and quick-fix tests use this file.
const socket = new WebSocket('wss://chat.example.test/socket');

export function leavePage(): void {
	// Page script may send only 1000 and 3000–4999: this close() throws InvalidAccessError.
	socket.close(1001, 'page hidden');
}
