import ts from 'typescript';
import { isSendableOnWire, lookupRegistered } from './closeCodes';
import { propertyNameText, skipOuterExpressions } from './recognition/fileContext';
import type { CloseCodeSite } from './recognition/findCloseCodeSites';
import { saysCloseCode } from './recognition/names';
import { afterImports, identifiersIn, uniqueName } from './syntax';
import type { TextChange } from './quickFixes/textChanges';
import { detectStyle } from './style';
import { t, type Locale } from './l10n';

/**
 * "Replace with named constant": turns `ws.close(1001)` into `ws.close(CloseCode.GoingAway)`, reusing the file's
 * close-code enum or constant object when it has one (adding the member when missing), creating one otherwise —
 * a TS `enum` in TypeScript, an `Object.freeze({…})` map in JavaScript.
 */

export interface NamedConstantRefactor {
	readonly title: string;
	readonly changes: readonly TextChange[];
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
	locale: Locale): NamedConstantRefactor[] {
	const value = site.value;
	if (site.via !== undefined || site.confidence !== 'certain' || !(lookupRegistered(value) || (value >= 3000 && value <= 4999))) {
		return [];
	}
	if (site.role === 'send' && !isSendableOnWire(value)) {
		return []; // a code that must not be sent needs the quick fix, not a name
	}
	const text = tree.text;
	const style = detectStyle(text);
	const container = findContainer(tree);
	if (container && site.start >= container.start && site.end <= container.end) {
		return []; // already the named constant
	}
	const existing = container && [...container.members].find(([, memberValue]) => memberValue === value)?.[0];
	const memberName = existing ?? memberNameFor(value, container);
	const containerName = container?.name ?? uniqueName(identifiersIn(tree), ['CloseCode', 'WsCloseCode', 'WebSocketCloseCode']);
	const reference = `${containerName}.${memberName}`;

	const declarationChanges: TextChange[] = [];
	if (!container) {
		const body = isTypeScript
			? `enum ${containerName} {${style.eol}${style.indent}${memberName} = ${value},${style.eol}}`
			: `const ${containerName} = Object.freeze({${style.eol}${style.indent}${memberName}: ${value},${style.eol}})${style.semicolon ? ';' : ''}`;
		const at = afterImports(tree);
		declarationChanges.push({ start: at.offset, end: at.offset, newText: `${at.prefix}${body}${at.suffix}` });
	} else if (!existing) {
		const member = container.kind === 'enum' ? `${memberName} = ${value}` : `${memberName}: ${value}`;
		declarationChanges.push({
			start: container.insertAt, end: container.insertAt,
			newText: `${container.needsComma ? ',' : ''}${style.eol}${container.memberIndent}${member},`,
		});
	}

	const same = sites.filter((other) => other.value === value && other.via === undefined && other.confidence === 'certain' &&
		!(container && other.start >= container.start && other.end <= container.end));
	const replace = (targets: readonly CloseCodeSite[]) => targets.map((target) => ({ start: target.start, end: target.end, newText: reference }));
	const literal = text.slice(site.start, site.end);
	const refactors: NamedConstantRefactor[] = [{ title: t(locale, 'refactor.replaceOne', literal, reference), changes: [...declarationChanges, ...replace([site])] }];
	if (same.length > 1) {
		refactors.push({ title: t(locale, 'refactor.replaceAll', same.length, value, reference), changes: [...declarationChanges, ...replace(same)] });
	}
	return refactors;
}

/** The file's close-code enum or constant object (`enum CloseCode`, `const WS_CLOSE_CODES = {…}`), if any. */
function findContainer(tree: ts.SourceFile): Container | undefined {
	let found: Container | undefined;
	const visit = (node: ts.Node): void => {
		if (found) {
			return;
		}
		if (ts.isEnumDeclaration(node) && saysCloseCode(node.name.text)) {
			found = describe(tree, node.name.text, 'enum', node, node.members.map((member) => [propertyNameText(member.name), member.initializer]));
			return;
		}
		if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && node.initializer && saysCloseCode(node.name.text)) {
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

