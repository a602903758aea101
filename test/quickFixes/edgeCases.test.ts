// Paths of the reconnect generator that the run-time matrix does not take (an empty or expression-bodied handler,
// an exported top-level socket, taken names, a shebang and JSDoc, a nested connect function): each result must
// parse, keep the file's style, not be offered again, and read as expected. (They are type-checked in
// typeCheck.test.ts.)
import { strict as assert } from 'node:assert';
import { after, before, describe, test } from 'node:test';
import { FixServer, reconnectTitle, styleProblems, syntaxErrors, type AppliedFix } from './harness';
import { applyAll, edgeCases, type EdgeCase } from './matrix';

let server: FixServer;
let fixed = new Map<EdgeCase, AppliedFix>();

before(async () => {
	server = await FixServer.start();
	fixed = await applyAll(server, edgeCases, () => reconnectTitle, (edge) => edge);
});

after(async () => {
	await server?.stop();
});

describe('reconnect: edge cases of the generator', () => {
	for (const edge of edgeCases) {
		test(`${edge.fixture}: ${edge.what}`, async () => {
			const fix = fixed.get(edge) as AppliedFix;
			assert.deepEqual(syntaxErrors(edge.fixture, fix.result), []);
			assert.deepEqual(styleProblems(fix, edge.style), []);
			for (const pattern of edge.expect) {
				assert.match(fix.result, pattern);
			}
			assert.equal(fix.result.match(/function createReconnector\(/g)?.length, 1);
			assert.ok(!(await server.titlesAt(edge.fixture, fix.result, edge.needle, edge.delta)).includes(reconnectTitle), 'not offered again');
		});
	}
});
