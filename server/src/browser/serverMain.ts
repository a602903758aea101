/**
 * Web-worker entry of the language server (vscode.dev, github.dev, any VS Code for the Web): a classic worker
 * script that speaks LSP over `postMessage`, as `vscode-languageserver/browser` does. The same `startServer` and
 * service as the Node server; only imported modules and the workspace index read differently (no file system: open
 * documents only).
 * The build bundles this file with no Node built-ins allowed (scripts/esbuild.mjs fails otherwise).
 */
import { BrowserMessageReader, BrowserMessageWriter, createConnection } from 'vscode-languageserver/browser';
import { createOpenDocumentModuleReader, createOpenDocumentsWorkspace } from '../moduleResolution';
import { startServer } from '../server';

// `self` is the worker's global scope; the client's `Worker` is the other end.
declare const self: DedicatedWorkerGlobalScope;

const connection = createConnection(new BrowserMessageReader(self), new BrowserMessageWriter(self));
startServer(connection, createOpenDocumentModuleReader, undefined, createOpenDocumentsWorkspace);
