// Bundles the extension: one bundle per runtime entry. Type-checking is a separate step (`tsc -b`).
//   node scripts/esbuild.mjs               development build (linked source maps)
//   node scripts/esbuild.mjs --production  minified, no source maps (what the .vsix ships)
//   node scripts/esbuild.mjs --watch       rebuild on change, with problem-matcher friendly output
import * as esbuild from 'esbuild';
import { readFileSync } from 'node:fs';
import { builtinModules, createRequire } from 'node:module';

const production = process.argv.includes('--production');
const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const watch = process.argv.includes('--watch');

/** @type {import('esbuild').BuildOptions} */
const common = {
	bundle: true,
	format: 'cjs',
	platform: 'node',
	target: 'node20',
	minify: production,
	sourcemap: production ? false : 'linked',
	sourcesContent: false,
	logLevel: 'silent',
	plugins: [
		{
			// Prints what VS Code's `$esbuild-watch` problem matcher looks for.
			name: 'problem-matcher',
			setup(build) {
				build.onStart(() => console.log('[watch] build started'));
				build.onEnd((result) => {
					for (const { text, location } of result.errors) {
						console.error(`✘ [ERROR] ${text}`);
						if (location) {
							console.error(`    ${location.file}:${location.line}:${location.column}:`);
						}
					}
					console.log('[watch] build finished');
				});
			},
		},
	],
};

const nodeBuiltins = new Set(builtinModules.flatMap((name) => [name, `node:${name}`]));

/**
 * The web bundles must run where Node does not exist (vscode.dev's web worker extension host and the server's
 * worker): any import of a Node built-in fails the build. (TypeScript is not in them: see `sharedTypeScript`.)
 */
const noNodeBuiltins = {
	name: 'no-node-builtins',
	setup(build) {
		build.onResolve({ filter: /^[\w:/]+$/ }, ({ path, importer }) => (nodeBuiltins.has(path)
			? { errors: [{ text: `"${path}" is a Node built-in: the web bundles may not use it (imported by ${importer})` }] }
			: undefined));
	},
};

/** Bundles that run in a browser: VS Code's web worker extension host and the server's own worker. */
const web = { platform: 'browser', target: 'es2022', plugins: [...common.plugins, noNodeBuiltins] };

/**
 * TypeScript (the parser, ~4 MB minified) is shipped once, as `server/dist/typescript.js`, for both servers and the CLI: a
 * script that defines the global `ts` (the web worker loads it with `importScripts`, see browser/bootstrap.ts) and
 * is also a CommonJS module (the Node server `require`s it). Its own Node built-in imports stay `require` calls,
 * which it makes only when it runs in Node.
 */
const sharedTypeScript = {
	platform: 'browser', target: 'es2022', format: 'iife', globalName: 'ts',
	entryPoints: [createRequire(import.meta.url).resolve('typescript')], outfile: 'server/dist/typescript.js',
	external: [...nodeBuiltins],
	footer: { js: 'if (typeof module === "object" && module.exports) module.exports = ts;' },
};

/** `import ts from 'typescript'` in a server bundle: the shared file instead of a copy of its own. */
function typescriptFrom(resolution) {
	return {
		name: 'shared-typescript',
		setup(build) {
			build.onResolve({ filter: /^typescript$/ }, () => resolution);
			build.onLoad({ filter: /.*/, namespace: 'typescript-global' }, () => ({ contents: 'module.exports = globalThis.ts;', loader: 'js' }));
		},
	};
}

const bundles = [
	{ entryPoints: ['client/src/node/extensionMain.ts'], outfile: 'client/dist/node/extensionMain.js', external: ['vscode'] },
	{ ...web, entryPoints: ['client/src/browser/extensionMain.ts'], outfile: 'client/dist/browser/extensionMain.js', external: ['vscode'] },
	sharedTypeScript,
	// A classic worker script (not a module): `new Worker(url)` in the client; `iife` keeps its names private.
	{
		...web, entryPoints: ['server/src/browser/bootstrap.ts'], outfile: 'server/dist/browser/serverMain.js', format: 'iife',
		plugins: [...web.plugins, typescriptFrom({ path: 'typescript', namespace: 'typescript-global' })],
	},
	{
		entryPoints: ['server/src/node/serverMain.ts'], outfile: 'server/dist/node/serverMain.js',
		plugins: [...common.plugins, typescriptFrom({ path: '../typescript.js', external: true })],
	},
	// The CLI shares the parser file too: a run answered from `--cache` never loads (or compiles) its 10 MB.
	{
		entryPoints: ['server/src/cli/main.ts'], outfile: 'server/dist/node/cli.js', define: { WSCC_VERSION: JSON.stringify(version) },
		plugins: [...common.plugins, typescriptFrom({ path: '../typescript.js', external: true })],
	},
];

const contexts = await Promise.all(bundles.map((bundle) => esbuild.context({ ...common, ...bundle })));
if (watch) {
	await Promise.all(contexts.map((context) => context.watch()));
} else {
	try {
		const results = await Promise.allSettled(contexts.map((context) => context.rebuild()));
		const failed = results.filter((result) => result.status === 'rejected');
		if (failed.length > 0) {
			process.exitCode = 1;
		}
	} finally {
		await Promise.all(contexts.map((context) => context.dispose()));
	}
}
