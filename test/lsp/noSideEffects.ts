/**
 * Preloaded (`node --require`) into the server or the CLI by the safety tests: every way Node offers to run a
 * process, open a connection or run code from outside is replaced by a function that records the attempt in the
 * file named by WSCC_SIDE_EFFECTS and throws. Loading the code under test itself is allowed.
 */
import childProcess from 'node:child_process';
import dgram from 'node:dgram';
import dns from 'node:dns';
import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import Module from 'node:module';
import net from 'node:net';
import tls from 'node:tls';
import vm from 'node:vm';
import workerThreads from 'node:worker_threads';

const log = process.env.WSCC_SIDE_EFFECTS;
const allowedRoots = (process.env.WSCC_ALLOWED_CODE ?? '').split('|').filter(Boolean);

function forbid<T extends object>(owner: T, names: readonly string[], what: string): void {
	for (const name of names) {
		Object.defineProperty(owner, name, {
			configurable: true,
			value: (...args: unknown[]) => {
				const line = `${what}.${name}(${args.map((argument) => String(argument).slice(0, 80)).join(', ')})\n`;
				if (log) {
					fs.appendFileSync(log, line);
				}
				throw new Error(`side effect: ${line}`);
			},
		});
	}
}

forbid(childProcess, ['spawn', 'spawnSync', 'exec', 'execSync', 'execFile', 'execFileSync', 'fork'], 'child_process');
forbid(net, ['connect', 'createConnection'], 'net');
forbid(net.Socket.prototype, ['connect'], 'net.Socket');
forbid(tls, ['connect'], 'tls');
forbid(http, ['request', 'get'], 'http');
forbid(https, ['request', 'get'], 'https');
forbid(dgram, ['createSocket'], 'dgram');
forbid(dns, ['lookup', 'resolve'], 'dns');
forbid(vm, ['runInNewContext', 'runInThisContext', 'runInContext', 'compileFunction'], 'vm');
forbid(workerThreads, ['Worker'], 'worker_threads');
if (typeof globalThis.fetch === 'function') {
	forbid(globalThis, ['fetch'], 'globalThis');
}

// Code is loaded only from the server's own bundle and Node's built-ins, never from the workspace.
const moduleWithLoad = Module as unknown as { _load: (request: string, parent: unknown, isMain: boolean) => unknown; _resolveFilename: (request: string, parent: unknown) => string };
const load = moduleWithLoad._load;
moduleWithLoad._load = function (request: string, parent: unknown, isMain: boolean) {
	if (!request.startsWith('node:') && !Module.isBuiltin(request)) {
		const file = moduleWithLoad._resolveFilename(request, parent);
		if (!allowedRoots.some((root) => file.startsWith(root)) && log) {
			fs.appendFileSync(log, `require(${file})\n`);
		}
	}
	return load.call(this, request, parent, isMain);
};
