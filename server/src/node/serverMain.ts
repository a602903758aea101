#!/usr/bin/env node
/**
 * Node entry of the language server. VS Code starts it over IPC (`--node-ipc`); other editors run
 * `ws-close-codes-language-server --stdio`. With no transport flag we default to stdio, which is what a bare
 * `command` in most LSP client configurations expects.
 */
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { createModuleReader } from '../moduleReader';
import { packageModuleType } from '../packageType';
import { startServer } from '../server';
import { createWorkspaceFiles } from '../workspaceFiles';

const transports = ['--stdio', '--node-ipc', '--socket', '--pipe'];
if (!process.argv.some((argument) => transports.some((flag) => argument === flag || argument.startsWith(`${flag}=`)))) {
	process.argv.push('--stdio');
}

const connection = createConnection(ProposedFeatures.all);

// stdout carries the protocol under --stdio: anything printed with console.log would corrupt it.
console.log = (...args: unknown[]) => connection.console.log(args.map(String).join(' '));
console.info = console.log;
console.warn = (...args: unknown[]) => connection.console.warn(args.map(String).join(' '));
console.error = (...args: unknown[]) => connection.console.error(args.map(String).join(' '));
process.on('unhandledRejection', (reason) => connection.console.error(`Unhandled rejection: ${String(reason)}`));

startServer(connection, createModuleReader, packageModuleType, createWorkspaceFiles);
