import ts from 'typescript';
import { forEachDescendant } from './recognition/ast';
import { isSendableOnWire, lookupRegistered } from './closeCodes';
import { redeclaredAround } from './bindings';
import { isFunctionLike, propertyNameText, skipOuterExpressions } from './recognition/fileContext';
import type { CloseCodeSite } from './recognition/findCloseCodeSites';
import { nameMatchesCode, saysCloseCode } from './recognition/names';
import { scriptKindOf } from './documentCache';
import { afterImports, identifiersIn, uniqueName } from './syntax';
import type { TextChange } from './quickFixes/textChanges';
import { detectStyle } from './style';
import { t, type Locale } from './l10n';

/**
 * "Replace with named constant": turns `ws.close(1001)` into `ws.close(CloseCode.GoingAway)`, reusing the file's
 * close-code enum or constant object when it has one (adding the member when missing), or the file's own constant for
 * the code (`const GOING_AWAY = 1001` → `ws.close(GOING_AWAY)`), creating a container otherwise — an
 * `Object.freeze({…} as const)` map (`Object.freeze({…})` in JavaScript), an `enum` only in a file that has enums. A
 * file without one that imports from a relative module exporting one uses that module's container (importing it by
 * name, adding a missing member over there). Definitions (`const GOING_AWAY = 1001`) keep their literal.
 */

/** Another module's text, as the host read it (from disk or from an open editor). */
export interface ModuleText {
	readonly uri: string;
	readonly text: string;
}

/** Supplied by the host: the module a relative `specifier` imported by `fromUri` names, or `undefined`. */
export type ReadModule = (specifier: string, fromUri: string) => ModuleText | undefined;

export interface NamedConstantRefactor {
	readonly title: string;
	readonly changes: readonly TextChange[];
	/** Changes to the imported module that holds the container (a member added to it). */
	readonly moduleChanges?: {
		readonly uri: string;
		readonly changes: readonly TextChange[];
		readonly lineAndCharacterAt: (offset: number) => { line: number; character: number };
	};
}

/** How the refactor finds the project's close-code modules. */
export interface ProjectModules {
	/** The current document. */
	readonly uri: string;
	readonly read: ReadModule;
	/**
	 * Modules of the workspace that export close codes, best first (from the workspace index), imported or not, with
	 * the containers recognition found in them (whatever their names: `ChatCodes`).
	 */
	readonly project?: () => readonly (ModuleText & { readonly containers: readonly string[] })[];
}

/** A close-code container exported by a module the current file imports from. */
interface ImportedContainer {
	readonly container: Container;
	readonly module: ts.SourceFile;
	readonly uri: string;
	/** What the current file writes before `.Member`: `CloseCode`, an alias, or `codes.CloseCode`. */
	readonly qualifier: string;
	/** Adds the container to the file's named imports from that module, when it is not imported yet. */
	readonly importChange?: TextChange;
}

interface Container {
	readonly name: string;
	readonly kind: 'enum' | 'object';
	/** Members with a numeric value: name → value. */
	readonly members: ReadonlyMap<string, number>;
	readonly start: number;
	readonly end: number;
	/** Where a new member goes: just before the closing brace, and whether a comma must precede it. */
	readonly insertAt: number;
	readonly needsComma: boolean;
	readonly memberIndent: string;
}

/** The refactors for the site under the cursor: this occurrence, and every occurrence when there are several. */
export function namedConstantRefactors(tree: ts.SourceFile, sites: readonly CloseCodeSite[], site: CloseCodeSite, isTypeScript: boolean,
	locale: Locale, modules?: ProjectModules): NamedConstantRefactor[] {
	const value = site.value;
	if (site.via !== undefined || site.confidence !== 'certain' || !(lookupRegistered(value) || (value >= 3000 && value <= 4999))) {
		return [];
	}
	if (site.role === 'send' && !isSendableOnWire(value)) {
		return []; // a code that must not be sent needs the quick fix, not a name
	}
	const text = tree.text;
	const style = detectStyle(text);
	const local = findContainer(tree);
	const node = nodeAt(tree, site.start, site.end);
	if (!node || isDefinition(node, value) || (local && site.start >= local.start && site.end <= local.end)) {
		return []; // already the named constant, or what defines one
	}
	const imported = local || !modules ? undefined
		: importedContainer(tree, modules.uri, modules.read) ?? projectContainer(tree, modules.uri, modules.project?.() ?? [], site.value);
	const container = local ?? imported?.container;
	const existing = container && [...container.members].find(([, memberValue]) => memberValue === value)?.[0];
	// A constant the file already has for this code (`const GOING_AWAY = 1001`) is the name to use, unless a container
	// has the code already: a second name for the same code would only add to the choice.
	const constant = existing ? undefined : namedConstantFor(tree, sites, value, node);
	const memberName = existing ?? memberNameFor(value, container);
	const containerName = local?.name ?? imported?.qualifier ?? uniqueName(identifiersIn(tree), ['CloseCode', 'WsCloseCode', 'WebSocketCloseCode']);
	const reference = constant ? constant.name.getText(tree) : `${containerName}.${memberName}`;

	const declarationChanges: TextChange[] = [];
	const moduleChanges: TextChange[] = [];
	if (constant) {
		// Nothing to declare.
	} else if (!container) {
		// An enum only where the file has them already: elsewhere a frozen object, which also runs under Node's type
		// stripping and `erasableSyntaxOnly` (an enum is not erasable syntax).
		const semicolon = style.semicolon ? ';' : '';
		const body = isTypeScript && usesEnums(tree)
			? `enum ${containerName} {${style.eol}${style.indent}${memberName} = ${value},${style.eol}}`
			: `const ${containerName} = Object.freeze({${style.eol}${style.indent}${memberName}: ${value},${style.eol}}${isTypeScript ? ' as const' : ''})${semicolon}`;
		const at = afterImports(tree);
		declarationChanges.push({ start: at.offset, end: at.offset, newText: `${at.prefix}${body}${at.suffix}` });
	} else if (!existing) {
		const member = container.kind === 'enum' ? `${memberName} = ${value}` : `${memberName}: ${value}`;
		const eol = imported ? detectStyle(imported.module.text).eol : style.eol;
		(imported ? moduleChanges : declarationChanges).push({
			start: container.insertAt, end: container.insertAt,
			newText: `${container.needsComma ? ',' : ''}${eol}${container.memberIndent}${member},`,
		});
	}
	if (imported?.importChange) {
		declarationChanges.push(imported.importChange);
	}
	const inModule = imported && moduleChanges.length > 0
		? { moduleChanges: { uri: imported.uri, changes: moduleChanges, lineAndCharacterAt: (offset: number) => imported.module.getLineAndCharacterOfPosition(offset) } }
		: {};

	// Every other occurrence that is not a definition itself (`const AWAY = 1001` keeps its literal) and, for a reused
	// constant, where its name means it and is initialised.
	const candidates = sites.filter((other) => other.value === value && other.via === undefined && other.confidence === 'certain' &&
		!(local && other.start >= local.start && other.end <= local.end));
	const nodes = nodesAt(tree, candidates);
	const same = candidates.filter((other) => {
		const otherNode = other === site ? node : nodes.get(other.start);
		return otherNode !== undefined && !isDefinition(otherNode, value) && (!constant || usableAt(constant, otherNode));
	});
	const replace = (targets: readonly CloseCodeSite[]) => targets.map((target) => ({ start: target.start, end: target.end, newText: reference }));
	const literal = text.slice(site.start, site.end);
	const refactors: NamedConstantRefactor[] = [{ title: t(locale, 'refactor.replaceOne', literal, reference), changes: [...declarationChanges, ...replace([site])], ...inModule }];
	if (same.length > 1) {
		refactors.push({ title: t(locale, 'refactor.replaceAll', same.length, value, reference), changes: [...declarationChanges, ...replace(same)], ...inModule });
	}
	return refactors;
}

/**
 * The innermost nodes spanning exactly each of `spans` (sites' literals), by start, in one walk: a lookup per site
 * would walk the file once per occurrence.
 */
function nodesAt(tree: ts.SourceFile, spans: readonly { readonly start: number; readonly end: number }[]): Map<number, ts.Node> {
	const startByEnd = new Map(spans.map((span) => [span.end, span.start]));
	const found = new Map<number, ts.Node>();
	forEachDescendant(tree, (node) => {
		const start = startByEnd.get(node.end);
		if (start !== undefined && node.getStart(tree) === start) {
			found.set(start, node); // pre-order: a deeper node comes later and wins
		}
		return true;
	});
	return found;
}

/** The innermost node spanning exactly `start`…`end` (a site's literal). */
function nodeAt(tree: ts.SourceFile, start: number, end: number): ts.Node | undefined {
	let found: ts.Node | undefined;
	const visit = (node: ts.Node): void => {
		// Containment first: it is two comparisons, while `getStart` scans trivia (called for every sibling, that was
		// most of the cost of "replace all occurrences" in a large file).
		if (node.pos > start || end > node.end) {
			return;
		}
		if (node.end === end && node.getStart(tree) === start) {
			found = node;
		}
		ts.forEachChild(node, visit);
	};
	visit(tree);
	return found;
}

/** `(1001)`, `1001 as const`, `1001 satisfies number`, `<number>1001`, `Object.freeze({…})` climbed to their value. */
function outermost(node: ts.Node): ts.Node {
	let value = node;
	while (ts.isParenthesizedExpression(value.parent) || ts.isAsExpression(value.parent) || ts.isSatisfiesExpression(value.parent) ||
		ts.isTypeAssertionExpression(value.parent) ||
		(ts.isCallExpression(value.parent) && value.parent.arguments.length === 1 && value.parent.expression.getText() === 'Object.freeze')) {
		value = value.parent;
	}
	return value;
}

/**
 * Is the literal what defines a name for the code? `const GOING_AWAY = 1001`, `static readonly AWAY = 1001`, an enum
 * member, `{ GOING_AWAY: 1001 }` in a constant's object. Replacing it would define the name in terms of itself or of
 * the container. (`let code = 1001` or `{ code: 1001 }` only hold the value: those are replaced.)
 */
function isDefinition(node: ts.Node, value: number): boolean {
	const literal = outermost(node);
	const parent = literal.parent;
	if (ts.isEnumMember(parent)) {
		return true;
	}
	if (ts.isVariableDeclaration(parent) && parent.initializer === literal) {
		return (ts.getCombinedNodeFlags(parent) & ts.NodeFlags.Const) !== 0;
	}
	if (ts.isPropertyDeclaration(parent) && parent.initializer === literal) {
		return (ts.getModifiers(parent) ?? []).some((modifier) => modifier.kind === ts.SyntaxKind.ReadonlyKeyword);
	}
	if (ts.isPropertyAssignment(parent) && parent.initializer === literal) {
		const object = outermost(parent.parent);
		const name = propertyNameText(parent.name);
		return ts.isVariableDeclaration(object.parent) && object.parent.initializer === object && name !== undefined &&
			(nameMatchesCode(name, value) || saysCloseCode(name));
	}
	return false;
}

/**
 * A top-level `const` the file has for `value`: recognised as a close code (`const AWAY = 1001` used in `close()`) or
 * named like one (`GOING_AWAY`, `WS_CLOSE_AWAY`), usable where the literal is.
 */
function namedConstantFor(tree: ts.SourceFile, sites: readonly CloseCodeSite[], value: number, at: ts.Node): ts.VariableDeclaration | undefined {
	for (const statement of tree.statements) {
		if (!ts.isVariableStatement(statement) || !(statement.declarationList.flags & ts.NodeFlags.Const)) {
			continue;
		}
		for (const declaration of statement.declarationList.declarations) {
			const literal = declaration.initializer && skipOuterExpressions(declaration.initializer);
			if (!ts.isIdentifier(declaration.name) || !literal || !ts.isNumericLiteral(literal) || Number(literal.text) !== value) {
				continue;
			}
			const name = declaration.name.text;
			const recognised = sites.some((candidate) => candidate.start === literal.getStart(tree) && candidate.via === undefined);
			if ((recognised || saysCloseCode(name) || nameMatchesCode(name, value)) && usableAt(declaration, at)) {
				return declaration;
			}
		}
	}
	return undefined;
}

/**
 * Does the constant's name mean it at `node`, and is it initialised there? Not where a nearer declaration shadows it,
 * nor in top-level code above it (the temporal dead zone: a ReferenceError); in a function it is initialised by the
 * time the function runs.
 */
function usableAt(constant: ts.VariableDeclaration, node: ts.Node): boolean {
	const inFunction = ts.findAncestor(node, (ancestor) => isFunctionLike(ancestor) || ts.isClassLike(ancestor)) !== undefined;
	return ts.isIdentifier(constant.name) && !redeclaredAround(constant.name, node) && (inFunction || constant.getEnd() <= node.getStart());
}

/** Does the file declare a real (not ambient) enum? */
function usesEnums(tree: ts.SourceFile): boolean {
	let found = false;
	const visit = (node: ts.Node): void => {
		found ||= ts.isEnumDeclaration(node) && !(ts.getModifiers(node) ?? []).some((modifier) => modifier.kind === ts.SyntaxKind.DeclareKeyword);
		if (!found) {
			ts.forEachChild(node, visit);
		}
	};
	visit(tree);
	return found;
}

/**
 * The file's close-code enum or constant object (`enum CloseCode`, `const WS_CLOSE_CODES = {…}`), if any; `accept`
 * can pass over declarations (by name and declaring statement) that do not qualify.
 */
/** Per tree, the container `findContainer` finds with no filter (asked at every cursor position on a site). */
const containers = new WeakMap<ts.SourceFile, { readonly container: Container | undefined }>();

function findContainer(tree: ts.SourceFile, accept?: (name: string, statement: ts.Node) => boolean,
	recognised: ReadonlySet<string> = new Set()): Container | undefined {
	if (accept || recognised.size > 0) {
		return searchContainer(tree, accept ?? (() => true), recognised);
	}
	let known = containers.get(tree);
	if (!known) {
		known = { container: searchContainer(tree, () => true, recognised) };
		containers.set(tree, known);
	}
	return known.container;
}

/** `recognised`: container names recognition found in that module (whatever they say: `ChatCodes`). */
function searchContainer(tree: ts.SourceFile, accept: (name: string, statement: ts.Node) => boolean, recognised: ReadonlySet<string>): Container | undefined {
	const isContainerName = (name: string) => saysCloseCode(name) || recognised.has(name);
	let found: Container | undefined;
	const visit = (node: ts.Node): void => {
		if (found) {
			return;
		}
		if (ts.isEnumDeclaration(node) && isContainerName(node.name.text) && accept(node.name.text, node)) {
			found = describe(tree, node.name.text, 'enum', node, node.members.map((member) => [propertyNameText(member.name), member.initializer]));
			return;
		}
		if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && node.initializer && isContainerName(node.name.text) &&
			accept(node.name.text, node.parent.parent)) {
			let object = skipOuterExpressions(node.initializer);
			if (ts.isCallExpression(object) && object.arguments.length === 1 && object.expression.getText(tree) === 'Object.freeze') {
				object = skipOuterExpressions(object.arguments[0]);
			}
			if (ts.isObjectLiteralExpression(object)) {
				found = describe(tree, node.name.text, 'object', object, object.properties.map((property) =>
					[property.name && propertyNameText(property.name), ts.isPropertyAssignment(property) ? property.initializer : undefined]));
				return;
			}
		}
		ts.forEachChild(node, visit);
	};
	visit(tree);
	return found;
}

/**
 * The first close-code container exported (`export enum`, `export const`, `export { X }`, `export default X`) by a
 * relative module the file imports values from, reached by a namespace import, a default import of that container,
 * or a named import — added to an existing named import list when the file does not import it yet.
 */
function importedContainer(tree: ts.SourceFile, fromUri: string, read: ReadModule): ImportedContainer | undefined {
	let viaNewImport: ImportedContainer | undefined;
	for (const statement of tree.statements) {
		const clause = ts.isImportDeclaration(statement) ? statement.importClause : undefined;
		const specifier = ts.isImportDeclaration(statement) && ts.isStringLiteral(statement.moduleSpecifier) ? statement.moduleSpecifier.text : '';
		if (!clause || clause.isTypeOnly || !/^\.\.?(?:\/|$)/.test(specifier)) {
			continue;
		}
		const text = read(specifier, fromUri);
		const module = text && ts.createSourceFile(text.uri, text.text, ts.ScriptTarget.Latest, true, scriptKindOf(text.uri, ''));
		if (!text || !module) {
			continue;
		}
		const exported = exportsOf(module);
		const container = findContainer(module, (name, declaration) => declaration.parent === module &&
			(exported.byName.has(name) || exported.byDefault === name ||
				(ts.canHaveModifiers(declaration) && (ts.getModifiers(declaration) ?? []).some((modifier) => modifier.kind === ts.SyntaxKind.ExportKeyword))));
		if (!container) {
			continue;
		}
		const found = { container, module, uri: text.uri };
		const bindings = clause.namedBindings;
		if (bindings && ts.isNamespaceImport(bindings)) {
			return { ...found, qualifier: `${bindings.name.text}.${container.name}` };
		}
		if (clause.name && exported.byDefault === container.name) {
			return { ...found, qualifier: clause.name.text };
		}
		if (bindings && ts.isNamedImports(bindings)) {
			const element = bindings.elements.find((candidate) => !candidate.isTypeOnly && (candidate.propertyName ?? candidate.name).text === container.name);
			if (element) {
				return { ...found, qualifier: element.name.text };
			}
			if (!viaNewImport) {
				const local = uniqueName(identifiersIn(tree), [container.name]);
				const entry = local === container.name ? local : `${container.name} as ${local}`;
				const last = bindings.elements.at(-1);
				const importChange = last
					? { start: last.getEnd(), end: last.getEnd(), newText: `, ${entry}` }
					: { start: bindings.getStart(tree) + 1, end: bindings.getEnd() - 1, newText: ` ${entry} ` };
				viaNewImport = { ...found, qualifier: local, importChange };
			}
		}
	}
	return viaNewImport;
}

/**
 * The project's close-code module when the file does not import it yet (`protocol/codes.ts` exporting `ChatCodes`)
 * and it has a member for the code: used through a new import, written as the file writes its imports (`import` or
 * `require`, its quotes).
 */
function projectContainer(tree: ts.SourceFile, fromUri: string, project: readonly (ModuleText & { readonly containers: readonly string[] })[],
	value: number): ImportedContainer | undefined {
	for (const text of project) {
		if (text.uri === fromUri) {
			continue;
		}
		const module = ts.createSourceFile(text.uri, text.text, ts.ScriptTarget.Latest, true, scriptKindOf(text.uri, ''));
		const exported = exportsOf(module);
		const container = findContainer(module, (name, declaration) => declaration.parent === module &&
			(exported.byName.has(name) || (ts.canHaveModifiers(declaration) && (ts.getModifiers(declaration) ?? []).some((modifier) => modifier.kind === ts.SyntaxKind.ExportKeyword))),
		new Set(text.containers));
		const specifier = container && relativeSpecifier(fromUri, text.uri, tree);
		// Only a container that has the code already: a module the file does not import is not edited on the way.
		if (!container || specifier === undefined || ![...container.members.values()].includes(value)) {
			continue;
		}
		const style = detectStyle(tree.text);
		const local = uniqueName(identifiersIn(tree), [container.name]);
		const quoted = `${style.quote}${specifier}${style.quote}`;
		const semicolon = style.semicolon ? ';' : '';
		const statement = usesRequire(tree)
			? `const { ${local === container.name ? local : `${container.name}: ${local}`} } = require(${quoted})${semicolon}`
			: `import { ${local === container.name ? local : `${container.name} as ${local}`} } from ${quoted}${semicolon}`;
		const at = afterImports(tree);
		const newText = at.prefix === '' ? `${statement}${at.suffix}` : `${style.eol}${statement}`;
		return { container, module, uri: text.uri, qualifier: local, importChange: { start: at.offset, end: at.offset, newText } };
	}
	return undefined;
}

/**
 * `../protocol/codes` from `rooms/room.ts` to `protocol/codes.ts`: TypeScript sources import without an extension, ES
 * modules in JavaScript with the file's own (`./codes.js`), CommonJS without one.
 */
function relativeSpecifier(fromUri: string, toUri: string, tree: ts.SourceFile): string | undefined {
	const from = fromUri.split('/');
	const to = toUri.split('/');
	if (from.slice(0, 3).join('/') !== to.slice(0, 3).join('/')) {
		return undefined; // another scheme or authority: no relative path between them
	}
	let common = 0;
	while (common < from.length - 1 && common < to.length - 1 && from[common] === to[common]) {
		common++;
	}
	const up = from.length - 1 - common;
	const path = [...(up === 0 ? ['.'] : Array<string>(up).fill('..')), ...to.slice(common)].join('/');
	// A file whose relative imports end in `.js` (TypeScript's node16/nodenext style) gets one too.
	const writesExtensions = tree.statements.some((statement) => ts.isImportDeclaration(statement) && ts.isStringLiteral(statement.moduleSpecifier) &&
		/^\.\.?\/.*\.[mc]?js$/.test(statement.moduleSpecifier.text));
	const isTypeScriptSource = /\.(?:[mc]?tsx?)$/.test(toUri) && !/\.d\.[mc]?ts$/.test(toUri);
	if (isTypeScriptSource && writesExtensions) {
		return path.replace(/\.([mc]?)tsx?$/, '.$1js');
	}
	return isTypeScriptSource || usesRequire(tree) ? path.replace(/\.(?:[mc]?[jt]sx?)$/, '').replace(/\/index$/, '') : path;
}

/** The file brings modules in with `require()` and has no `import` statement: a new import is a `require` too. */
function usesRequire(tree: ts.SourceFile): boolean {
	return !tree.statements.some(ts.isImportDeclaration) && /\brequire\s*\(/.test(tree.text);
}

/** Names a module exports under their own name with `export { … }`, and the identifier of `export default X`. */
function exportsOf(module: ts.SourceFile): { byName: Set<string>; byDefault: string | undefined } {
	const byName = new Set<string>();
	let byDefault: string | undefined;
	for (const statement of module.statements) {
		if (ts.isExportDeclaration(statement) && !statement.isTypeOnly && !statement.moduleSpecifier && statement.exportClause && ts.isNamedExports(statement.exportClause)) {
			for (const element of statement.exportClause.elements) {
				if (!element.propertyName && !element.isTypeOnly) {
					byName.add(element.name.text);
				}
			}
		}
		if (ts.isExportAssignment(statement) && !statement.isExportEquals && ts.isIdentifier(statement.expression)) {
			byDefault = statement.expression.text;
		}
	}
	return { byName, byDefault };
}

function describe(tree: ts.SourceFile, name: string, kind: 'enum' | 'object', node: ts.EnumDeclaration | ts.ObjectLiteralExpression,
	entries: readonly (readonly [string | undefined, ts.Expression | undefined])[]): Container {
	const members = new Map<string, number>();
	for (const [memberName, initializer] of entries) {
		const literal = initializer && skipOuterExpressions(initializer);
		if (memberName !== undefined && literal && ts.isNumericLiteral(literal)) {
			members.set(memberName, Number(literal.text));
		}
	}
	const list = ts.isEnumDeclaration(node) ? node.members : node.properties;
	const closeBrace = node.getEnd() - 1;
	const last = list.at(-1);
	const text = tree.text;
	const lineStart = (offset: number) => text.lastIndexOf('\n', offset - 1) + 1;
	const memberIndent = last ? /^[ \t]*/.exec(text.slice(lineStart(last.getStart(tree))))?.[0] ?? '\t' : detectStyle(text).indent;
	return {
		name, kind, members, start: node.getStart(tree), end: node.getEnd(),
		insertAt: last ? last.getEnd() + (list.hasTrailingComma ? 1 : 0) : closeBrace,
		needsComma: last !== undefined && !list.hasTrailingComma,
		memberIndent,
	};
}

/** `Going Away` → `GoingAway`, or `GOING_AWAY` when the existing members are written that way. */
function memberNameFor(value: number, container: Container | undefined): string {
	const words = (lookupRegistered(value)?.name ?? `Code ${value}`).split(/\s+/);
	const upperSnake = container !== undefined && [...container.members.keys()].some((name) => /^[A-Z0-9_]+$/.test(name) && /[A-Z]/.test(name));
	let name = upperSnake ? words.map((word) => word.toUpperCase()).join('_')
		: words.map((word) => (word === 'TLS' ? 'Tls' : word.charAt(0).toUpperCase() + word.slice(1))).join('');
	while (container?.members.has(name)) {
		name = `${name}${value}`;
	}
	return name;
}

