import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { byKind, runFuzz } from './fuzzer';

// A bounded, seeded run of the fuzzer (`npm run fuzz -- --count N` runs as many as you like). The inputs include
// every extreme shape, truncations, mutations and encodings; the 5 MB file and the 1 MB line are in the long run.
test('fuzz: 300 seeded inputs through the built server and CLI give no error, no stray range, no broken edit', { timeout: 120_000 }, async () => {
	const result = await runFuzz({ seed: 11, count: 300 });
	assert.equal(result.inputs, 300);
	// The run did reach the server: thousands of requests, and the extreme shapes the parser cannot take were degraded.
	assert.ok(result.requests > 2500, `${result.requests} requests`);
	assert.ok(result.degraded > 0, 'the deepest shapes are degraded, and logged');
	assert.deepEqual(byKind(result.failures), {}, result.failures.slice(0, 5).map((failure) => `${failure.input}: ${failure.detail}`).join('\n'));
});
