// Runs in Deno and Bun (test/runtimes/closeRules.test.ts): the runtime's global WebSocket client against a local
// server. One argument, JSON: { url, codes, reasons: { name: text } }. For each code, a fresh socket is opened and
// `close(code)` is called; for each reason, `close(1000, reason)`. A call that throws is followed by a plain
// `close()`. Waits for every socket to close, then prints `RESULT {"codes":{…},"reasons":{…}}` where each value is
// null (accepted) or { name, message } of what was thrown.
const argv = globalThis.Deno ? globalThis.Deno.args : globalThis.process.argv.slice(2);
const { url, codes, reasons } = JSON.parse(argv[0]);

function attempt(path, closeArguments) {
	return new Promise((resolve, reject) => {
		const socket = new WebSocket(`${url}${path}`);
		let outcome;
		const timer = setTimeout(() => reject(new Error(`${path}: no open and close within 5 s`)), 5000);
		socket.addEventListener('open', () => {
			try {
				socket.close(...closeArguments);
				outcome = null;
			} catch (error) {
				outcome = { name: error.name, message: error.message };
				socket.close();
			}
		});
		socket.addEventListener('close', () => {
			clearTimeout(timer);
			if (outcome === undefined) {
				reject(new Error(`${path}: closed before it opened`));
			} else {
				resolve(outcome);
			}
		});
	});
}

const result = { codes: {}, reasons: {} };
await Promise.all([
	...codes.map(async (code) => {
		result.codes[code] = await attempt(`/code/${code}`, [code]);
	}),
	...Object.entries(reasons).map(async ([name, reason]) => {
		result.reasons[name] = await attempt(`/reason/${name}`, [1000, reason]);
	}),
]);
console.log(`RESULT ${JSON.stringify(result)}`);
