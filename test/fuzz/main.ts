/**
 * `npm run fuzz -- --count 10000 [--seed 11] [--server path/to/serverMain.js] [--cli path/to/cli.js] [--no-huge]`
 * Prints the figures and the first failures (each names its generator, index and seed, so it reproduces).
 */
import { byKind, runFuzz } from './fuzzer';

function flag(name: string): string | undefined {
	const index = process.argv.indexOf(`--${name}`);
	return index >= 0 ? process.argv[index + 1] : undefined;
}

async function main(): Promise<void> {
	const count = Number(flag('count') ?? 1000);
	const seed = Number(flag('seed') ?? 11);
	const started = Date.now();
	const result = await runFuzz({ seed, count, serverPath: flag('server'), cliPath: flag('cli'), huge: !process.argv.includes('--no-huge') });
	console.log(`seed ${seed}: ${result.inputs} inputs (${JSON.stringify(result.byGenerator)}), ${result.requests} LSP requests, ` +
		`${result.cliFiles} files through the CLI, ${result.degraded} versions degraded (logged, no sites), ${((Date.now() - started) / 1000).toFixed(1)} s`);
	console.log(`failures: ${result.failures.length} ${JSON.stringify(byKind(result.failures))}`);
	for (const failure of result.failures.slice(0, 15)) {
		console.log(`  ${failure.kind} — ${failure.input}: ${failure.detail}`);
	}
	process.exitCode = result.failures.length === 0 ? 0 : 1;
}

void main();
