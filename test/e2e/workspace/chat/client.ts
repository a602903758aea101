const socket = new WebSocket('wss://chat.example/room');
socket.addEventListener('close', (event) => {
	if (event.code === 4002) {
		console.info('You were removed from the room.');
	}
});
