import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { sitesIn } from './helpers';

/** The demo workspace that `npm start` opens must keep showing what it claims to show. */
const demo = join(__dirname, '..', '..', '..', 'test', 'fixtures', 'demo');

function demoSites(file: string) {
	const text = readFileSync(join(demo, file), 'utf8');
	return { text, sites: sitesIn(text, file) };
}

describe('demo workspace', () => {
	test('browserClient.ts: the switch cases, the range check and the close call are codes; the timers are not', () => {
		const { sites } = demoSites('browserClient.ts');
		assert.deepEqual(sites.map((site) => site.value), [1000, 1001, 1012, 1003, 4000, 4999, 1000]);
		assert.ok(sites.every((site) => site.confidence === 'certain'));
	});

	test('wsServer.js: the frozen CloseCode object, its use, the compared code and the shutdown code; not the port', () => {
		const { sites } = demoSites('wsServer.js');
		assert.deepEqual(sites.map((site) => site.text), ['1001', '1003', '4401', 'CloseCode.UNSUPPORTED_DATA', '1006', '1001']);
	});

	test('closeCodes.ts: the enum, the constant and the list of retryable codes', () => {
		const { sites } = demoSites('closeCodes.ts');
		assert.deepEqual(sites.map((site) => site.value), [4001, 4003, 1000, 1001, 1006, 1011, 1012, 1013, 1014, 4003]);
	});
});
