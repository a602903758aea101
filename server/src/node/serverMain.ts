#!/usr/bin/env node
/**
 * Node entry of the language server. VS Code starts it over IPC (`--node-ipc`); other editors run
 * `ws-close-codes-language-server --stdio`. With no transport flag we default to stdio, which is what a bare
 * `command` in most LSP client configurations expects.
 */
import { setFlagsFromString } from 'node:v8';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { createModuleReader } from '../moduleReader';
import { packageModuleType } from '../packageType';
import { startServer } from '../server';
import { createWorkspaceFiles } from '../workspaceFiles';

const transports = ['--stdio', '--node-ipc', '--socket', '--pipe'];
if (!process.argv.some((argument) => transports.some((flag) => argument === flag || argument.startsWith(`${flag}=`)))) {
	process.argv.push('--stdio');
}

// Memory: every analysed document leaves its syntax tree (~6 MB for 5,000 lines) behind as garbage, and V8 by default
// lets the heap grow to up to four times what is live before it collects, so 100 open files cost 300+ MB of resident
// memory for about 100 MB of live data. Growing the heap by 20% at a time makes it collect sooner: more frequent
// major collections (mostly concurrent) for a footprint that stays near what is live. The variable overrides it
// (0: V8's own growth).
const heapGrowingPercent = Number(process.env.WS_CLOSE_CODES_HEAP_GROWING_PERCENT ?? 20);
if (Number.isFinite(heapGrowingPercent) && heapGrowingPercent > 0) {
	setFlagsFromString(`--heap-growing-percent=${heapGrowingPercent}`);
}

const connection = createConnection(ProposedFeatures.all);

// stdout carries the protocol under --stdio: anything printed with console.log would corrupt it.
console.log = (...args: unknown[]) => connection.console.log(args.map(String).join(' '));
console.info = console.log;
console.warn = (...args: unknown[]) => connection.console.warn(args.map(String).join(' '));
console.error = (...args: unknown[]) => connection.console.error(args.map(String).join(' '));
process.on('unhandledRejection', (reason) => connection.console.error(`Unhandled rejection: ${String(reason)}`));

startServer(connection, createModuleReader, packageModuleType, createWorkspaceFiles);
