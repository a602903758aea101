import { Worker } from 'node:worker_threads';
import type { CheckSettings, FileOutcome } from './check';

/** A file for a worker; `position` is the file's place in the output. */
export type WorkerTask = { readonly position: number; readonly path: string };
export type WorkerResult = { readonly position: number; readonly outcome: FileOutcome };

/** Marks our worker threads: the CLI's own script is also the workers' script. */
export const workerRole = 'ws-close-codes-check';
export interface WorkerData {
	readonly role: typeof workerRole;
	readonly settings: CheckSettings;
	readonly hash: boolean;
}

/**
 * Below this many files to analyse, a run stays in the main thread: starting a worker (loading the parser in it)
 * costs about as much as analysing 100–200 typical files.
 */
export const workerThreshold = 64;
/** Each extra worker must have at least this many files to be worth its start-up. */
const filesPerWorker = 32;

export function workerCount(files: number, jobs: number): number {
	return jobs < 2 || files < workerThreshold ? 0 : Math.min(jobs, Math.ceil(files / filesPerWorker));
}

/**
 * Checks `tasks` in `count` worker threads, each with its own language service. Work is handed out in batches as
 * workers ask for it (so one large file does not hold back a fixed share), with two batches in flight per worker so
 * none waits for the main thread. `deliver` gets each outcome as it arrives, in any order.
 */
export function checkInWorkers(tasks: readonly WorkerTask[], count: number, script: string, data: Omit<WorkerData, 'role'>,
	deliver: (position: number, outcome: FileOutcome) => void): Promise<void> {
	return new Promise((resolve, reject) => {
		const workers: Worker[] = [];
		let next = 0;
		let pending = tasks.length;
		let settled = false;
		const settle = (error?: Error) => {
			if (!settled) {
				settled = true;
				workers.forEach((worker) => void worker.terminate());
				error ? reject(error) : resolve();
			}
		};
		// Big batches while there is much left, single files at the end so the workers finish together.
		const feed = (worker: Worker) => {
			if (next < tasks.length) {
				const size = Math.max(1, Math.min(32, Math.floor((tasks.length - next) / (count * 4))));
				worker.postMessage(tasks.slice(next, next += size));
			}
		};
		for (let index = 0; index < count; index++) {
			const worker = new Worker(script, { workerData: { role: workerRole, ...data } satisfies WorkerData });
			workers.push(worker);
			worker.on('message', (results: readonly WorkerResult[]) => {
				for (const { position, outcome } of results) {
					deliver(position, outcome);
				}
				pending -= results.length;
				if (pending === 0) {
					settle();
				} else {
					feed(worker);
				}
			});
			worker.on('error', settle);
			worker.on('exit', (code) => settle(pending > 0 ? new Error(`a checker thread stopped (exit code ${code}) before the end`) : undefined));
			feed(worker);
			feed(worker);
		}
	});
}
