// Every result of the matrix (and every original fixture, so that a failure points at the generator) type-checks
// under `strict`: browser code against `lib: ['ES2022', 'DOM']`, `ws` code against `types: ['node']` with @types/ws
// from the repository's node_modules, JavaScript with `allowJs` + `checkJs`. One program per runtime, in a file of its
// own so that the compiler's memory is not around while the other files time reconnects.
import { strict as assert } from 'node:assert';
import { after, before, test } from 'node:test';
import { FixServer, reconnectTitle, typeCheck, type AppliedFix, type Runtime } from './harness';
import { applyAll, clients, edgeCases, frameCases } from './matrix';

let server: FixServer;
const results: { runtime: Runtime; fix: AppliedFix; label: string }[] = [];

before(async () => {
	server = await FixServer.start();
	for (const [client, fix] of await applyAll(server, clients, () => reconnectTitle, (client) => client.code)) {
		results.push({ runtime: client.runtime, fix, label: 'reconnect' });
	}
	for (const [fixCase, fix] of await applyAll(server, frameCases, (fixCase) => fixCase.title, (fixCase) => fixCase)) {
		results.push({ runtime: fixCase.runtime, fix, label: fixCase.title.replace(/\W+/g, '-').toLowerCase() });
	}
	for (const [edge, fix] of await applyAll(server, edgeCases, () => reconnectTitle, (edge) => edge)) {
		results.push({ runtime: edge.runtime, fix, label: 'reconnect' });
	}
});

after(async () => {
	await server?.stop();
});

for (const runtime of ['browser', 'node'] as const) {
	test(`${runtime}: the originals and every result type-check under strict`, () => {
		const files = new Map<string, string>();
		for (const { fix, label } of results.filter((result) => result.runtime === runtime)) {
			const extension = /\.[^.]+$/.exec(fix.fixture)?.[0] ?? '';
			files.set(fix.fixture, fix.original);
			files.set(`${fix.fixture.slice(0, -extension.length)}.${label}${extension}`, fix.result);
		}
		assert.ok(files.size >= (runtime === 'browser' ? 21 : 14), `${files.size} files`);
		assert.deepEqual(typeCheck([...files].map(([fileName, text]) => ({ fileName, text })), runtime), []);
	});
}
