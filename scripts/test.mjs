// Runs node's test runner over the compiled tests (Node 20's `node --test` takes no globs).
// Usage: node scripts/test.mjs [unit|lsp|...]   (default: every folder under out/test)
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync, existsSync } from 'node:fs';
import { join } from 'node:path';

const root = 'out/test';
const groups = process.argv.slice(2);

function collect(directory) {
	return readdirSync(directory).flatMap((name) => {
		const path = join(directory, name);
		return statSync(path).isDirectory() ? collect(path) : name.endsWith('.test.js') ? [path] : [];
	});
}

if (!existsSync(root)) {
	console.error(`${root} does not exist: run \`npm run build\` first.`);
	process.exit(2);
}
const folders = groups.length > 0 ? groups.map((group) => join(root, group)) : [root];
const files = folders.flatMap(collect).sort();
if (files.length === 0) {
	console.error(`No test files under ${folders.join(', ')}.`);
	process.exit(2);
}
const result = spawnSync(process.execPath, ['--test', '--test-reporter=spec', ...files], { stdio: 'inherit' });
process.exit(result.status ?? 1);
