// The reconnect delays come from the settings: `websocketCloseCodes.reconnect.initialDelayMs / maxDelayMs /
// maxAttempts`, contributed by package.json (described in both languages), validated by the server, pulled per
// document, and written into the generated code — whose attempt limit then holds at run time.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { resolveReconnect, resolveSettings } from '../../server/src/settings';
import { FixServer, QUIET_MS, reconnectTitle, repoRoot, RunningModule, sleep, TestServer } from './harness';

after(async () => {
	await RunningModule.stopAll();
	await TestServer.closeAll();
});

describe('reconnect settings', () => {
	test('defaults 1000 / 30000 / 0 (no limit); each field validated on its own', () => {
		assert.deepEqual(resolveSettings(undefined, 'en').reconnect, { initialDelayMs: 1000, maxDelayMs: 30_000, maxAttempts: 0, stableAfterMs: 5000 });
		assert.deepEqual(resolveSettings({ reconnect: { initialDelayMs: 250, maxDelayMs: 5000, maxAttempts: 8 } }, 'en').reconnect,
			{ initialDelayMs: 250, maxDelayMs: 5000, maxAttempts: 8, stableAfterMs: 5000 });
		// Wrong types fall back field by field.
		assert.deepEqual(resolveReconnect({ initialDelayMs: '250', maxDelayMs: null, maxAttempts: Number.NaN }),
			{ initialDelayMs: 1000, maxDelayMs: 30_000, maxAttempts: 0, stableAfterMs: 5000 });
		// 0 would reconnect in a tight loop: the first delay is at least 1 ms; whole numbers; the cap is never below it.
		assert.deepEqual(resolveReconnect({ initialDelayMs: 0, maxDelayMs: 10, maxAttempts: 2.6 }), { initialDelayMs: 1, maxDelayMs: 10, maxAttempts: 3, stableAfterMs: 5000 });
		assert.deepEqual(resolveReconnect({ initialDelayMs: 5000, maxDelayMs: 1000 }), { initialDelayMs: 5000, maxDelayMs: 5000, maxAttempts: 0, stableAfterMs: 5000 });
		assert.deepEqual(resolveReconnect({ initialDelayMs: -5, maxDelayMs: Number.POSITIVE_INFINITY, maxAttempts: -1 }),
			{ initialDelayMs: 1, maxDelayMs: 30_000, maxAttempts: 0, stableAfterMs: 5000 });
		assert.deepEqual(resolveReconnect({ initialDelayMs: 1e12, maxDelayMs: 1e12 }), { initialDelayMs: 3_600_000, maxDelayMs: 3_600_000, maxAttempts: 0, stableAfterMs: 5000 });
	});

	test('package.json contributes the three settings, described in package.nls.json and package.nls.ja.json', () => {
		const read = (file: string) => JSON.parse(readFileSync(join(repoRoot, file), 'utf8')) as Record<string, unknown>;
		const manifest = read('package.json') as { contributes: { configuration: { properties: Record<string, Record<string, unknown>> } } };
		const properties = manifest.contributes.configuration.properties;
		const defaults = resolveReconnect(undefined);
		for (const [key, value] of Object.entries(defaults)) {
			const property = properties[`websocketCloseCodes.reconnect.${key}`];
			assert.ok(property, key);
			assert.equal(property.type, 'integer');
			assert.equal(property.default, value, `${key} default`);
			assert.equal(property.scope, 'resource');
			const description = /^%(.+)%$/.exec(String(property.markdownDescription))?.[1];
			assert.equal(description, `config.reconnect.${key}`);
			for (const nls of ['package.nls.json', 'package.nls.ja.json']) {
				assert.match(String(read(nls)[description]), /\S/, `${nls} describes ${key}`);
			}
		}
	});

	test('pulled per document, refreshed on a change, and the attempt limit holds at run time', async () => {
		let settings: unknown = { reconnect: { initialDelayMs: 50, maxDelayMs: 400, maxAttempts: 2 } };
		const server = await FixServer.start(() => settings);
		try {
			const limited = await server.apply('browserFunction.ts', '1001', reconnectTitle, 1);
			assert.match(limited.result, /initialDelayMs: 50,\n\tmaxDelayMs: 400,\n\tmaxAttempts: 2,\n/);
			assert.ok(server.client.configurationRequests.some((request) => request.section === 'websocketCloseCodes' && /browserFunction\.ts$/.test(request.scopeUri ?? '')));
			settings = { reconnect: { initialDelayMs: 2000, maxDelayMs: 60_000, maxAttempts: 0 } };
			await server.client.settingsChanged({ websocketCloseCodes: settings });
			const changed = await server.apply('browserFunction.ts', '1001', reconnectTitle, 1);
			assert.match(changed.result, /initialDelayMs: 2000,\n\tmaxDelayMs: 60000,\n\tmaxAttempts: Infinity,\n/);

			// maxAttempts: 2 — two failed attempts in a row, then it gives up.
			const wire = await TestServer.start();
			const module = await RunningModule.start('browserFunction.ts', limited.result.split('ws://localhost:8080').join(wire.url), 'whatwg');
			try {
				await module.call('connect');
				const first = await wire.connection(0, 20_000);
				wire.accepting = false;
				await first.closeWith(1001, 'restarting');
				await wire.attempt(2, 10_000);
				await sleep(QUIET_MS);
				assert.equal(wire.attempts.length, 3, 'the first connection and two attempts');
				assert.equal((await module.scheduled()).length, 2);
				assert.deepEqual(module.uncaught, []);
			} finally {
				await module.stop();
				await wire.close();
			}
		} finally {
			await server.stop();
		}
	});
});
