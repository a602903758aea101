import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { AbstractMessageReader, AbstractMessageWriter, type DataCallback, type Disposable, type Message } from 'vscode-languageserver-protocol/node';

/** The web-worker server bundle, exactly as the extension's `browser` entry starts it. */
export const workerPath = join(__dirname, '..', '..', '..', 'server', 'dist', 'browser', 'serverMain.js');
/** The shared TypeScript file the worker loads first (see server/src/browser/bootstrap.ts). */
const typescriptPath = join(__dirname, '..', '..', '..', 'server', 'dist', 'typescript.js');
export const chromiumPath = process.env.WSCC_CHROMIUM ?? '/usr/bin/chromium';

/**
 * The web-worker server running in headless Chromium, spoken to from Node: the page starts
 * `new Worker('/serverMain.js')` (served from 127.0.0.1, as a classic worker script) and relays its `postMessage`s
 * to and from the test's JSON-RPC connection. Nothing of Node is in the worker: what passes here passes in
 * vscode.dev's web worker.
 */
export class WorkerTransport {
	readonly reader: WorkerReader;
	readonly writer: WorkerWriter;

	private constructor(readonly page: Page, private readonly context: BrowserContext, private readonly server: Server, private readonly profile: string) {
		this.reader = new WorkerReader();
		this.writer = new WorkerWriter(page);
	}

	static async start(): Promise<WorkerTransport> {
		if (!existsSync(workerPath)) {
			throw new Error(`${workerPath} is missing: run \`npm run build\` first`);
		}
		const scripts: Record<string, Buffer> = { '/serverMain.js': readFileSync(workerPath), '/typescript.js': readFileSync(typescriptPath) };
		const server = createServer((request, response) => {
			const script = scripts[request.url ?? ''];
			response.writeHead(200, { 'content-type': script ? 'text/javascript' : 'text/html' });
			response.end(script ?? '<!doctype html><title>worker probe</title>');
		});
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		const address = server.address();
		const port = typeof address === 'object' && address ? address.port : 0;
		const profile = mkdtempSync(join(tmpdir(), 'wscc-worker-'));
		const context = await chromium.launchPersistentContext(profile, {
			executablePath: chromiumPath,
			headless: true,
			args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
		});
		const page = context.pages()[0] ?? (await context.newPage());
		const transport = new WorkerTransport(page, context, server, profile);
		await page.exposeFunction('wsccFromWorker', (message: Message) => transport.reader.deliver(message));
		await page.goto(`http://127.0.0.1:${port}/`);
		// In the page (DOM types are not in the tests' lib, hence the loose typing).
		await page.evaluate(() => {
			const page = globalThis as unknown as PageGlobals;
			page.wsccWorker = new page.Worker('/serverMain.js');
			page.wsccWorker.onmessage = (event) => void page.wsccFromWorker(event.data);
			// What the extension's browser client posts first: where the shared TypeScript file is (an absolute URL).
			page.wsccWorker.postMessage({ typescriptUrl: new URL('/typescript.js', page.location.href).href });
		});
		return transport;
	}

	/** Ends the worker (with its page and browser) and the HTTP server. */
	async stop(): Promise<void> {
		await this.context.close();
		await new Promise<void>((resolve) => this.server.close(() => resolve()));
		rmSync(this.profile, { recursive: true, force: true });
	}
}

interface PageWorker {
	postMessage(data: unknown): void;
	onmessage: ((event: { data: unknown }) => void) | null;
}
interface PageGlobals {
	Worker: new (url: string) => PageWorker;
	location: { href: string };
	wsccWorker: PageWorker;
	wsccFromWorker(message: unknown): Promise<void>;
}

class WorkerReader extends AbstractMessageReader {
	#callback: DataCallback | undefined;
	readonly #early: Message[] = [];

	listen(callback: DataCallback): Disposable {
		this.#callback = callback;
		this.#early.splice(0).forEach(callback);
		return { dispose: () => { this.#callback = undefined; } };
	}

	deliver(message: Message): void {
		if (this.#callback) {
			this.#callback(message);
		} else {
			this.#early.push(message);
		}
	}
}

class WorkerWriter extends AbstractMessageWriter {
	// One message at a time, in order: each is handed to the page only after the previous one arrived there.
	#queue: Promise<void> = Promise.resolve();

	constructor(private readonly page: Page) {
		super();
	}

	write(message: Message): Promise<void> {
		this.#queue = this.#queue.then(() => this.page.evaluate((data) => (globalThis as unknown as PageGlobals).wsccWorker.postMessage(data), message as unknown as Record<string, unknown>))
			.catch((error: unknown) => this.fireError(error, message, 1));
		return this.#queue;
	}

	end(): void {}
}
