import { parentPort } from 'node:worker_threads';
import { createChecker } from './check';
import type { WorkerData, WorkerResult, WorkerTask } from './pool';

/** The worker thread's side: one language service for its lifetime, one reply per batch. */
export function serveChecks(data: WorkerData): void {
	const check = createChecker(data.settings, data.hash);
	parentPort!.on('message', (batch: readonly WorkerTask[]) => {
		parentPort!.postMessage(batch.map(({ position, path }): WorkerResult => ({ position, outcome: check(path) })));
	});
}
