// A reserved close code sent through `ws`: the diagnostics and quick-fix tests use this file.
const WebSocket = require('ws');

const socket = new WebSocket('ws://localhost:8080');

function giveUp() {
	// 1006 is only ever reported locally, never sent: `ws` throws TypeError here.
	socket.close(1006, 'no heartbeat');
}

module.exports = { giveUp };
