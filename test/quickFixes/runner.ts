// Runs one module produced by a quick fix, in its own node process: `node runner.js <module> <whatwg|node>`.
// The test drives it over IPC: construct an exported class, call an exported function or a method of an object it
// kept, read a property. `whatwg` provides ws's client as `globalThis.WebSocket` (Node 20 has no global WebSocket),
// made to behave like a browser's where the two differ in a way the code under test can notice.
//
// Timers are real. The runner only watches them: every `setTimeout` the generated `schedule()` makes is recorded with
// the delay it asked for, so the test can check the delays the code chose exactly, while it also times the
// reconnects it sees on the wire (which a loaded machine makes late by a variable amount).
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { WebSocket } from 'ws';

export interface RunnerRequest {
	readonly id: number;
	/**
	 * `scheduled`: the timers set by the generated `schedule()` so far. `reload`: a fresh instance of the module (an
	 * ES module imported again under another URL), for a module that connects when it is imported.
	 */
	readonly op: 'construct' | 'call' | 'get' | 'scheduled' | 'reload';
	/** An object kept with `as` by an earlier request; the module's exports when absent. */
	readonly target?: string;
	readonly name: string;
	readonly args?: readonly unknown[];
	/** Keep the result under this name instead of sending it back. */
	readonly as?: string;
}

/** A timer set by the generated `schedule()`: the delay it asked for, and when (ms since the epoch). */
export interface ScheduledTimer {
	readonly delay: number;
	readonly at: number;
}

export type RunnerMessage =
	| { readonly kind: 'ready'; readonly exports: string[] }
	| { readonly kind: 'reply'; readonly id: number; readonly value?: unknown; readonly error?: string }
	| { readonly kind: 'uncaught'; readonly error: string };

/** A browser never throws on an `error` event nobody listens to; ws's EventEmitter does (and would end the process). */
class BrowserLikeWebSocket extends WebSocket {
	constructor(url: string | URL, protocols?: string | string[]) {
		super(url, protocols);
		this.on('error', () => undefined);
	}
}

const scheduled: ScheduledTimer[] = [];

/** Records the timers that the generated helper's `schedule()` sets, and sets them for real. */
function watchScheduleTimers(): void {
	globalThis.setTimeout = new Proxy(globalThis.setTimeout, {
		apply(target, thisArgument, args: unknown[]) {
			if (/\bschedule \(/.test(new Error().stack ?? '')) {
				scheduled.push({ delay: Number(args[1] ?? 0), at: performance.timeOrigin + performance.now() });
			}
			return Reflect.apply(target, thisArgument, args) as unknown;
		},
	});
}

function send(message: RunnerMessage): void {
	process.send?.(message);
}

async function main(): Promise<void> {
	const [file, flavour] = process.argv.slice(2);
	if (!file || (flavour !== 'whatwg' && flavour !== 'node')) {
		throw new Error('usage: runner.js <module> <whatwg|node>');
	}
	if (flavour === 'whatwg') {
		(globalThis as Record<string, unknown>).WebSocket = BrowserLikeWebSocket;
	}
	watchScheduleTimers();
	process.on('uncaughtException', (error) => send({ kind: 'uncaught', error: String(error.stack ?? error) }));
	process.on('unhandledRejection', (error) => send({ kind: 'uncaught', error: String(error) }));
	const load = async (instance: number) => {
		const loaded = (await import(`${pathToFileURL(file).href}${instance > 0 ? `?instance=${instance}` : ''}`)) as Record<string, unknown>;
		// A CommonJS module's `module.exports` arrives as the default export.
		return (file.endsWith('.cjs') ? loaded.default : loaded) as Record<string, unknown>;
	};
	let instances = 0;
	let exported = await load(instances);
	const kept = new Map<string, Record<string, unknown>>();
	process.on('message', (request: RunnerRequest) => {
		void (async () => {
			try {
				const owner = request.target === undefined ? exported : kept.get(request.target);
				if (!owner) {
					throw new Error(`nothing kept as ${request.target}`);
				}
				const member = owner[request.name];
				let value: unknown;
				if (request.op === 'scheduled') {
					value = scheduled;
				} else if (request.op === 'reload') {
					instances++;
					exported = await load(instances);
				} else if (request.op === 'get') {
					value = member;
				} else if (typeof member !== 'function') {
					throw new Error(`${request.name} is not a function`);
				} else if (request.op === 'construct') {
					value = new (member as new (...args: unknown[]) => unknown)(...(request.args ?? []));
				} else {
					value = await (member as (...args: unknown[]) => unknown).apply(owner, [...(request.args ?? [])]);
				}
				if (request.as !== undefined) {
					kept.set(request.as, value as Record<string, unknown>);
					send({ kind: 'reply', id: request.id });
				} else {
					send({ kind: 'reply', id: request.id, value: JSON.parse(JSON.stringify(value ?? null)) as unknown });
				}
			} catch (error) {
				send({ kind: 'reply', id: request.id, error: String(error instanceof Error ? error.stack : error) });
			}
		})();
	});
	send({ kind: 'ready', exports: Object.keys(exported) });
}

if (require.main === module) {
	main().catch((error: unknown) => {
		send({ kind: 'uncaught', error: String(error instanceof Error ? error.stack : error) });
		process.exitCode = 1;
	});
}
