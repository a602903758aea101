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
	/^extension\/l10n\/bundle\.l10n\.[\w-]+\.json$/,
	/^extension\/(readme|changelog)\.md$/i,
	/^extension\/LICENSE(\.txt)?$/,
	/^extension\/client\/dist\/(node|browser)\/extensionMain\.js$/,
	/^extension\/server\/dist\/(node|browser)\/serverMain\.js$/,
	/^extension\/server\/dist\/typescript\.js$/,
	/^extension\/snippets\/[\w.-]+\.code-snippets$/,
	/^extension\/images\/icon\.png$/,
];
const entries = zipEntries(out).filter((name) => !name.endsWith('/'));
const unexpected = entries.filter((name) => !allowed.some((pattern) => pattern.test(name)));
const size = statSync(out).size;
console.log(`package: ${relative(process.cwd(), out) || out}: ${entries.length} files, ${(size / 2 ** 20).toFixed(2)} MB (${size} bytes)`);
if (unexpected.length > 0) {
	console.error(`✖ package: the .vsix contains files it should not ship:\n  ${unexpected.join('\n  ')}`);
	process.exit(1);
}
// Every runtime entry must be in it: `main` (desktop, code-server), `browser` (vscode.dev, github.dev) and the servers
// they start; one .vsix serves all three hosts.
const required = ['extension/client/dist/node/extensionMain.js', 'extension/client/dist/browser/extensionMain.js', 'extension/server/dist/node/serverMain.js', 'extension/server/dist/browser/serverMain.js', 'extension/server/dist/typescript.js', `extension/${manifest.icon}`];
const missing = required.filter((name) => !entries.includes(name));
if (missing.length > 0) {
	console.error(`✖ package: the .vsix lacks ${missing.join(', ')}`);
	process.exit(1);
}
// The budget for the .vsix, web bundle included (TypeScript is shipped once, shared by both servers).
const budget = Number(process.env.WSCC_VSIX_MAX_BYTES ?? 2 * 2 ** 20);
if (size > budget) {
	console.error(`✖ package: ${size} bytes is over the budget of ${budget}`);
	process.exit(1);
}
console.log('✔ package: only bundles, snippets, manifest, icon, l10n files, README, CHANGELOG and LICENSE');
