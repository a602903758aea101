// The 1003 frame-type guard, run for real: the expanded snippet becomes the message listener of a real `ws`
// server's connection (in this process), and a real `ws` client sends it text and binary messages.
import { strict as assert } from 'node:assert';
import type { AddressInfo } from 'node:net';
import { after, describe, test } from 'node:test';
import WebSocket, { WebSocketServer } from 'ws';
import { runnableSnippet, withTimeout } from './harness';

const servers: WebSocketServer[] = [];

after(async () => {
	await Promise.all(servers.map((wss) => new Promise((resolve) => {
		wss.clients.forEach((client) => client.terminate());
		wss.close(resolve);
	})));
});

describe('ws-reject-binary against a real ws server', () => {
	for (const language of ['javascript', 'typescript'] as const) {
		test(`${language}: a text message is processed; a binary message closes the connection with 1003 and the reason`, async () => {
			// The snippet uses `ws` (its first tab stop) from the surrounding connection handler; the final cursor
			// becomes a call that records the text and answers it.
			const code = runnableSnippet('ws-reject-binary', language, {}, 'onText(ws, text);');
			const attach = new Function('ws', 'onText', code) as (ws: WebSocket, onText: (ws: WebSocket, text: string) => void) => void;
			const received: string[] = [];
			const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
			servers.push(wss);
			wss.on('connection', (ws) => attach(ws, (socket, text) => {
				received.push(text);
				socket.send(`echo: ${text}`);
			}));
			await withTimeout(new Promise((resolve) => wss.once('listening', resolve)), 3000, 'listening');

			const client = new WebSocket(`ws://127.0.0.1:${(wss.address() as AddressInfo).port}`);
			const messages: string[] = [];
			client.on('message', (data, isBinary) => messages.push(`${isBinary ? 'binary' : 'text'} ${data.toString()}`));
			const closed = new Promise<{ code: number; reason: string }>((resolve) => {
				client.once('close', (closeCode, reason) => resolve({ code: closeCode, reason: reason.toString() }));
			});
			await withTimeout(new Promise((resolve, reject) => client.once('open', resolve).once('error', reject)), 3000, 'open');

			client.send('héllo');
			await withTimeout(new Promise((resolve) => client.once('message', resolve)), 3000, 'the echo');
			assert.deepEqual(messages, ['text echo: héllo']);

			client.send(Buffer.from([0x00, 0xff, 0x10]));
			assert.deepEqual(await withTimeout(closed, 3000, 'the 1003 close'), { code: 1003, reason: 'Only text messages are accepted' });
			assert.deepEqual(received, ['héllo'], 'the binary message was not processed');
			assert.deepEqual(messages, ['text echo: héllo']);
		});
	}
});
