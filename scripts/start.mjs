// `npm start`: opens a real VS Code (code-server) in the browser with the freshly built extension installed and
// the demo workspace open. Ctrl+C stops code-server and removes its temporary folders.
import { join } from 'node:path';
import { ensureCodeServer, freePort, repoRoot, startCodeServer } from './codeServer.mjs';

ensureCodeServer();
const port = Number(process.env.PORT ?? 0) || await freePort();
const server = await startCodeServer({
	workspaceSource: join(repoRoot, 'test', 'fixtures', 'demo'),
	port,
	log: process.env.WSCC_VERBOSE ? (text) => process.stderr.write(text) : () => {},
});
console.log(`
WebSocket Close Codes is running in code-server (VS Code 1.100.3):

    ${server.url}?folder=${encodeURIComponent(server.workspace)}

Open the URL in a browser and hover a close code in browserClient.ts, wsServer.js or closeCodes.ts.
The workspace is a copy of test/fixtures/demo in ${server.workspace}. Press Ctrl+C to stop.
`);
const shutdown = async () => {
	await server.stop();
	process.exit(0);
};
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
