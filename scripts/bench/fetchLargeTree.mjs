// Fetches the large real tree the CLI benchmark checks: what `npm install` of five pinned packages (eslint,
// typescript-eslint, webpack, rxjs, socket.io) puts in node_modules, peer dependencies left out (typescript would
// be one: its 9 MB files are over the CLI's size limit, so the CLI would skip what the bare parse must read).
// Only the JS/TS files are kept, copied to a plain folder with every `node_modules` segment renamed to
// `node_modules_`, because the CLI (like ESLint) does not enter node_modules folders.
//
//   node scripts/bench/fetchLargeTree.mjs   → prints the tree's folder; fetches once (npm registry only)
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { isSourceFile } from '../eval/corpusLib.mjs';

export const largeTreePackages = {
	eslint: '9.39.5',
	'typescript-eslint': '8.74.0',
	webpack: '5.113.0',
	rxjs: '7.8.2',
	'socket.io': '4.8.4',
};

const cacheRoot = process.env.WS_CLOSE_CODES_BENCH_CACHE ?? join(homedir(), '.cache', 'websocket-close-codes', 'bench');
/** The versions are part of the folder name, so changing a pin fetches a fresh tree. */
const key = Object.entries(largeTreePackages).map(([name, version]) => `${name}@${version}`).join('+');
export const largeTreeDir = join(cacheRoot, 'large-tree', key.replace(/[^\w.@+-]/g, '_'));

/** The tree's folder, fetched first if it is not there yet. */
export function fetchLargeTree({ log = (line) => console.error(line) } = {}) {
	if (existsSync(join(largeTreeDir, '.complete'))) {
		return largeTreeDir;
	}
	rmSync(largeTreeDir, { recursive: true, force: true });
	const staging = `${largeTreeDir}.install`;
	rmSync(staging, { recursive: true, force: true });
	mkdirSync(staging, { recursive: true });
	writeFileSync(join(staging, 'package.json'), JSON.stringify({ private: true, dependencies: largeTreePackages }));
	log(`fetching ${key} with npm into ${staging} …`);
	// No install scripts: nothing from the fetched packages runs.
	const npm = spawnSync('npm', ['install', '--ignore-scripts', '--omit=peer', '--no-audit', '--no-fund', '--no-package-lock'],
		{ cwd: staging, stdio: ['ignore', 'ignore', 'inherit'], shell: process.platform === 'win32' });
	if (npm.status !== 0) {
		throw new Error(`npm install failed in ${staging} (exit ${npm.status})`);
	}
	const files = `${largeTreeDir}.partial`;
	rmSync(files, { recursive: true, force: true });
	const source = join(staging, 'node_modules');
	for (const path of walk(source)) {
		const target = join(files, relative(source, path).split(/[\\/]/).map((part) => (part === 'node_modules' ? 'node_modules_' : part)).join('/'));
		mkdirSync(dirname(target), { recursive: true });
		copyFileSync(path, target);
	}
	writeFileSync(join(files, '.complete'), `${key}\n`);
	renameSync(files, largeTreeDir);
	rmSync(staging, { recursive: true, force: true });
	return largeTreeDir;
}

function walk(directory) {
	return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
		const path = join(directory, entry.name);
		return entry.isDirectory() ? walk(path) : entry.isFile() && isSourceFile(entry.name) ? [path] : [];
	});
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
	console.log(fetchLargeTree());
}
