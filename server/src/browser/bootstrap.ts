/**
 * The web worker's first script. TypeScript (the parser) is one shared file next to the bundles,
 * `server/dist/typescript.js`, loaded by the Node server with `require` and here with `importScripts` — shipping it
 * once keeps the .vsix small. A worker started by VS Code runs from a blob URL, so it cannot find that file by a
 * relative path: the client posts its address as the first message, and only then does the server start (the
 * language client's own messages wait in the queue meanwhile).
 */
declare const self: DedicatedWorkerGlobalScope;
/** esbuild's `require` of a bundled module: evaluates it when called. */
declare const require: (id: string) => unknown;

interface Bootstrap {
	readonly typescriptUrl: string;
}

self.addEventListener('message', function start(event: MessageEvent<Bootstrap>) {
	self.removeEventListener('message', start);
	importScripts(event.data.typescriptUrl);
	// Evaluated only now, after `ts` exists (see scripts/esbuild.mjs: `typescript` resolves to that global here).
	require('./serverMain');
});
