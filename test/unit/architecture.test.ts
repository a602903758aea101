import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { test } from 'node:test';

// Imports run one way: no module of the server (the service, recognition and the workspace index included) imports,
// directly or through others, a module that imports it back — type-only imports count too.
const root = join(__dirname, '..', '..', '..', 'server', 'src');

function sources(directory: string): string[] {
	return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
		const path = join(directory, entry.name);
		return entry.isDirectory() ? sources(path) : entry.name.endsWith('.ts') ? [path] : [];
	});
}

function importsOf(file: string, known: ReadonlySet<string>): string[] {
	const text = readFileSync(file, 'utf8');
	const specifiers = [...text.matchAll(/^(?:import|export)\b[^;]*?from '(\.[^']+)'/gms)].map((match) => match[1]);
	return specifiers.flatMap((specifier) => {
		const base = resolve(dirname(file), specifier);
		const target = [`${base}.ts`, join(base, 'index.ts')].find((candidate) => known.has(candidate));
		return target ? [target] : [];
	});
}

test('server modules import each other in one direction only (no cycles)', () => {
	const files = sources(root);
	const known = new Set(files);
	const graph = new Map(files.map((file) => [file, importsOf(file, known)]));
	assert.ok((graph.get(join(root, 'service', 'recognition', 'findCloseCodeSites.ts'))?.length ?? 0) > 5, 'the import graph was read');
	const state = new Map<string, 'visiting' | 'done'>();
	const cycles: string[] = [];
	const visit = (file: string, path: string[]) => {
		if (state.get(file) === 'done') {
			return;
		}
		if (state.get(file) === 'visiting') {
			cycles.push([...path.slice(path.indexOf(file)), file].map((each) => relative(root, each)).join(' → '));
			return;
		}
		state.set(file, 'visiting');
		for (const target of graph.get(file) ?? []) {
			visit(target, [...path, file]);
		}
		state.set(file, 'done');
	};
	for (const file of files) {
		visit(file, []);
	}
	assert.deepEqual(cycles, []);
});
