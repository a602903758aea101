// `npm run package`: the .vsix, offline. `vsce package --no-dependencies` runs `vscode:prepublish` (type-check +
// minified production bundles without source maps), then this script checks what the .vsix contains: only the
// bundles, snippets, manifest, l10n files, README, CHANGELOG and LICENSE. Anything else fails the command.
//
// Usage: node scripts/package.mjs [--out file.vsix]   (default: <name>-<version>.vsix in the repository, gitignored)
import { spawnSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { repoRoot } from './codeServer.mjs';

const manifest = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8'));
const outIndex = process.argv.indexOf('--out');
const out = outIndex > 0 ? process.argv[outIndex + 1] : join(repoRoot, `${manifest.name}-${manifest.version}.vsix`);

// --no-rewrite-relative-links: the README's screenshots live in the repository, not in the .vsix (which ships only
// what runs); without a published repository URL there is nothing to rewrite them to.
const vsce = spawnSync('npx', ['--no-install', 'vsce', 'package', '--no-dependencies', '--no-rewrite-relative-links', '--out', out], { cwd: repoRoot, stdio: 'inherit' });
if (vsce.status !== 0) {
	console.error(`✖ package: vsce exited with ${vsce.status ?? vsce.signal}`);
	process.exit(1);
}

/** The file names in a .zip, from its central directory (no unzip needed). */
function zipEntries(file) {
	const zip = readFileSync(file);
	let end = zip.length - 22;
	while (end >= 0 && zip.readUInt32LE(end) !== 0x06054b50) {
		end--;
	}
	if (end < 0) {
		throw new Error(`${file} is not a zip file`);
	}
	const count = zip.readUInt16LE(end + 10);
	let offset = zip.readUInt32LE(end + 16);
	const names = [];
	for (let index = 0; index < count; index++) {
		const nameLength = zip.readUInt16LE(offset + 28);
		const extraLength = zip.readUInt16LE(offset + 30);
		const commentLength = zip.readUInt16LE(offset + 32);
		names.push(zip.toString('utf8', offset + 46, offset + 46 + nameLength));
		offset += 46 + nameLength + extraLength + commentLength;
	}
	return names;
}

const allowed = [
	/^\[Content_Types\]\.xml$/,
	/^extension\.vsixmanifest$/,
	/^extension\/package\.json$/,
	/^extension\/package\.nls(\.[\w-]+)?\.json$/,
	/^extension\/(readme|changelog)\.md$/i,
	/^extension\/LICENSE(\.txt)?$/,
	/^extension\/client\/dist\/(node|browser)\/extensionMain\.js$/,
	/^extension\/server\/dist\/(node|browser)\/serverMain\.js$/,
	/^extension\/snippets\/[\w.-]+\.code-snippets$/,
];
const entries = zipEntries(out).filter((name) => !name.endsWith('/'));
const unexpected = entries.filter((name) => !allowed.some((pattern) => pattern.test(name)));
const size = statSync(out).size;
console.log(`package: ${relative(process.cwd(), out) || out}: ${entries.length} files, ${(size / 2 ** 20).toFixed(2)} MB (${size} bytes)`);
if (unexpected.length > 0) {
	console.error(`✖ package: the .vsix contains files it should not ship:\n  ${unexpected.join('\n  ')}`);
	process.exit(1);
}
console.log('✔ package: only bundles, snippets, manifest, l10n files, README, CHANGELOG and LICENSE');
