// Fetches every package pinned in scripts/eval/corpus.json with `npm pack NAME@VERSION` into the eval cache
// (~/.cache/websocket-close-codes/eval/<name>@<version>/, outside git) and extracts it. A package already extracted
// is skipped. Nothing fetched here is ever committed.
// Usage: node scripts/eval/fetch.mjs [--force]
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cacheRoot, packageDir, packageKey, readCorpus } from './corpusLib.mjs';

const force = process.argv.includes('--force');
const corpus = readCorpus();
mkdirSync(cacheRoot, { recursive: true });

let fetched = 0;
let failed = 0;
for (const entry of corpus) {
	const key = packageKey(entry);
	const target = packageDir(entry);
	const marker = join(target, '.fetched');
	if (existsSync(marker) && !force) {
		continue;
	}
	const work = mkdtempSync(join(cacheRoot, '.tmp-'));
	try {
		const pack = spawnSync('npm', ['pack', `${entry.name}@${entry.version}`, '--json', '--pack-destination', work, '--ignore-scripts'], {
			encoding: 'utf8',
			cwd: work,
			// `--json` lists every file of the tarball: an SDK with 20,000 files overflows the default 1 MiB buffer.
			maxBuffer: 256 * 1024 * 1024,
		});
		if (pack.status !== 0) {
			throw new Error(`npm pack failed:\n${pack.stderr.trim()}`);
		}
		const [{ filename }] = JSON.parse(pack.stdout);
		const extracted = join(work, 'extracted');
		mkdirSync(extracted);
		// Most tarballs have a `package/` top folder, some (@types/*) their own name: strip whichever it is.
		const tar = spawnSync('tar', ['-xzf', join(work, filename), '-C', extracted, '--strip-components=1', '--no-same-owner'], { encoding: 'utf8' });
		if (tar.status !== 0) {
			throw new Error(`tar failed:\n${tar.stderr.trim()}`);
		}
		writeFileSync(join(extracted, '.fetched'), `${entry.name}@${entry.version}\n`);
		rmSync(target, { recursive: true, force: true });
		renameSync(extracted, target);
		fetched++;
		console.log(`fetched ${key}`);
	} catch (error) {
		failed++;
		console.error(`${key}: ${error.message}`);
	} finally {
		rmSync(work, { recursive: true, force: true });
	}
}
console.log(`${corpus.length} packages in ${cacheRoot}: ${fetched} fetched now, ${corpus.length - fetched - failed} already there${failed ? `, ${failed} FAILED` : ''}`);
process.exit(failed ? 1 : 0);
