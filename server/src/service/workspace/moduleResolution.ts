/**
 * Which files an import specifier may name, without a file system: the workspace index checks the candidates against
 * the files it lists, the Node server against the disk, the web worker against the open documents.
 */

/** Only `./x` and `../x` are read: a package import is not the workspace's own close-code container. */
export function isRelativeSpecifier(specifier: string): boolean {
	return /^\.\.?(?:\/|$)/.test(specifier);
}

const extensions = ['.ts', '.tsx', '.js', '.mjs', '.cjs', '.mts', '.cts'];
/** `./x.js` in TypeScript's ESM style names `./x.ts`. */
const sourceOf: Readonly<Record<string, readonly string[]>> = { '.js': ['.ts', '.tsx'], '.mjs': ['.mts'], '.cjs': ['.cts'], '.jsx': ['.tsx'] };

/**
 * The files an import of `base` (a resolved path or URI, `/`-separated; Node's fs accepts `/` on Windows too) may
 * name, in TypeScript's order: the source of a `.js` specifier, the file itself, an added extension, an index file.
 */
export function moduleCandidates(base: string): string[] {
	const name = base.slice(base.lastIndexOf('/') + 1);
	const dot = name.lastIndexOf('.');
	const extension = dot > 0 ? name.slice(dot) : '';
	const swapped = (sourceOf[extension] ?? []).map((source) => base.slice(0, -extension.length) + source);
	return [
		...swapped,
		...(extensions.includes(extension) ? [base] : []),
		...extensions.map((candidate) => base + candidate),
		...extensions.map((candidate) => `${base}/index${candidate}`),
	];
}

/**
 * The files a module may be, as TypeScript looks for them when it reads types: a declaration file before the
 * JavaScript it describes (`./utils` → `utils.d.ts` before `utils.js`). A compiled package keeps its close codes in
 * the declaration files: `const enum`s are erased from the JavaScript, and lookup tables keep only their types.
 */
export function declarationFirstCandidates(base: string): string[] {
	const declarationOf: Readonly<Record<string, string>> = { '.js': '.d.ts', '.mjs': '.d.mts', '.cjs': '.d.cts' };
	const candidates: string[] = [];
	for (const candidate of moduleCandidates(base)) {
		const extension = /\.[mc]?js$/.exec(candidate)?.[0];
		const declaration = extension && candidate.slice(0, -extension.length) + declarationOf[extension];
		if (declaration && !candidates.includes(declaration)) {
			candidates.push(declaration);
		}
		candidates.push(candidate);
	}
	return candidates;
}

/**
 * The bases (what `resolveRelative` gives for a specifier) whose candidates include `uri`: the inverse of
 * `declarationFirstCandidates`. A file that appears or disappears can change what just these specifiers resolve to
 * (`./codes` and `./codes.js` for `codes.ts`, `./codes` for `codes/index.ts`, a `.js` import for its new `.d.ts`).
 */
export function basesNaming(uri: string): string[] {
	const name = uri.slice(uri.lastIndexOf('/') + 1);
	const stems = new Set([uri]);
	for (const suffix of [/\.[^./]+$/.exec(name)?.[0], /\.d\.[mc]?ts$/.exec(name)?.[0]]) {
		if (suffix) {
			stems.add(uri.slice(0, -suffix.length));
		}
	}
	const bases = new Set<string>();
	for (const stem of stems) {
		bases.add(stem);
		for (const script of ['.js', '.jsx', '.mjs', '.cjs']) {
			bases.add(stem + script); // `./codes.js` names `codes.ts`, `./codes.mjs` names `codes.d.mts`
		}
		if (stem.endsWith('/index')) {
			bases.add(stem.slice(0, -'/index'.length));
		}
	}
	// Built wide, then kept to what the forward rule really gives: one rule, written once.
	return [...bases].filter((base) => declarationFirstCandidates(base).includes(uri));
}

/**
 * A project's own path alias: `@/protocol/codes`, `~/lib/codes`, `@@/…`, `~~/…`, `#/…` (Next.js, Nuxt, Vite and
 * tsconfig `paths` set-ups). Returns the path after the alias (`protocol/codes`), or undefined. Package names are
 * never aliases: `@scope/name` has a name after the `@`, and a bare `ws` is a package.
 */
export function aliasTail(specifier: string): string | undefined {
	const match = /^(?:@@?|~~?|#)\/([^'"`\s]+)$/.exec(specifier);
	return match && !match[1].split('/').some((part) => part === '..' || part === '.') ? match[1].replace(/\/+$/, '') : undefined;
}

/** What an alias names before it is resolved against the workspace's files (see `aliasBasesNaming`). */
export const aliasPrefix = 'alias:';

/**
 * Where the index keeps what a specifier names from `fromUri`: the resolved path of a relative one, `alias:<tail>`
 * for a path alias (resolved by the files the workspace has), undefined for a package.
 */
export function specifierBase(fromUri: string, specifier: string): string | undefined {
	const tail = aliasTail(specifier);
	return tail !== undefined ? aliasPrefix + tail : resolveRelative(fromUri, specifier);
}

/**
 * The stem a workspace file gives an alias: its path without the extension (or without `/index.*`), `undefined` for
 * no script. `file:///p/src/protocol/codes.ts` → `file:///p/src/protocol/codes`, which `@/protocol/codes` ends with.
 */
export function aliasStem(uri: string): string | undefined {
	const stem = /\.d\.[mc]?ts$|\.[mc]?[jt]sx?$/.exec(uri);
	const path = stem ? uri.slice(0, stem.index) : undefined;
	return path?.endsWith('/index') ? path.slice(0, -'/index'.length) : path;
}

/** The alias bases (`alias:codes`, `alias:protocol/codes`, …) a file at `uri` may be named by: every tail of its stem. */
export function aliasBasesNaming(uri: string): string[] {
	const stem = aliasStem(uri);
	const path = stem && stem.slice(stem.indexOf('/', stem.indexOf('://') + 3) + 1);
	const parts = path ? path.split('/') : [];
	return parts.map((_, index) => aliasPrefix + parts.slice(index).join('/'));
}

/**
 * The URI a relative `specifier` names from the module `fromUri` (`file:///p/src/a.ts` + `../codes` →
 * `file:///p/codes`), with `.` and `..` resolved; `undefined` for a specifier that is not relative.
 */
export function resolveRelative(fromUri: string, specifier: string): string | undefined {
	if (!isRelativeSpecifier(specifier)) {
		return undefined;
	}
	const slash = fromUri.lastIndexOf('/');
	const schemeEnd = fromUri.indexOf('://');
	const rootEnd = schemeEnd < 0 ? 0 : fromUri.indexOf('/', schemeEnd + 3);
	if (slash < 0 || rootEnd < 0) {
		return undefined;
	}
	const root = fromUri.slice(0, rootEnd);
	const parts = fromUri.slice(rootEnd + 1, slash).split('/').filter((part) => part !== '');
	for (const part of specifier.split('/')) {
		if (part === '..') {
			parts.pop();
		} else if (part !== '.' && part !== '') {
			parts.push(part);
		}
	}
	return `${root}/${parts.join('/')}`;
}
