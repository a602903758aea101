import ts from 'typescript';
import { skipOuterExpressions } from './recognition/fileContext';
import { forEachDescendant } from './recognition/ast';
import type { CloseCodeSite } from './recognition/findCloseCodeSites';

/** The project's own name for a close code and the doc comment written on it. */
export interface OwnCode {
	readonly name: string;
	readonly doc?: string;
}

type Declaration = ts.EnumMember | ts.PropertyAssignment | ts.VariableDeclaration | ts.PropertyDeclaration;

/**
 * The declaration behind a site: the enum member, object property or constant the site stands in (a definition) or
 * refers to (`via`: `GOING_AWAY`, `AppClose.SessionExpired`). Syntax only: a use is matched to a declaration in
 * this file with the same name (and container, when the use names one). Uses through imported modules get their
 * name from `via` but no doc comment until recognition follows imports.
 */
export function ownCodeAt(tree: ts.SourceFile, site: CloseCodeSite): OwnCode | undefined {
	if (site.via === undefined) {
		// A literal: the definition itself when it initializes a member or constant (`SessionExpired = 4001`).
		const declaration = enclosingDeclaration(tree, site.start);
		return declaration && { name: qualifiedName(declaration), doc: docComment(declaration) };
	}
	const parts = site.via.split('.');
	const member = parts[parts.length - 1];
	const container = parts.length > 1 ? parts[parts.length - 2] : undefined;
	let found: Declaration | undefined;
	// Input sets the depth of a tree (a 20,000-term `a + b + …` chain): no recursion here.
	forEachDescendant(tree, (node) => {
		if (found) {
			return false;
		}
		if (isDeclaration(node) && nameText(node) === member && (container === undefined || containerName(node) === container)) {
			found = node;
			return false;
		}
		return true;
	});
	return { name: site.via, doc: found && docComment(found) };
}

function isDeclaration(node: ts.Node): node is Declaration {
	return ts.isEnumMember(node) || ts.isPropertyAssignment(node) || ts.isVariableDeclaration(node) || ts.isPropertyDeclaration(node);
}

function nameText(declaration: Declaration): string | undefined {
	const { name } = declaration;
	return ts.isIdentifier(name) || ts.isStringLiteral(name) || ts.isPrivateIdentifier(name) ? name.text : undefined;
}

/** The enum, object or class a member belongs to (`AppClose` for `AppClose.SessionExpired`). */
function containerName(declaration: Declaration): string | undefined {
	if (ts.isEnumMember(declaration)) {
		return declaration.parent.name.text;
	}
	if (ts.isPropertyDeclaration(declaration)) {
		return declaration.parent.name?.text;
	}
	if (ts.isPropertyAssignment(declaration)) {
		// `const AppClose = { … }`, also through `Object.freeze({ … })`, `as const` and parentheses. An object passed
		// anywhere else (`new CloseEvent('close', { code: 1006 })`) names nothing.
		let node: ts.Node = declaration.parent.parent;
		while (ts.isParenthesizedExpression(node) || ts.isAsExpression(node) || ts.isSatisfiesExpression(node)
			|| (ts.isCallExpression(node) && node.expression.getText() === 'Object.freeze')) {
			node = node.parent;
		}
		return ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) ? node.name.text : undefined;
	}
	return undefined;
}

function qualifiedName(declaration: Declaration): string {
	const container = ts.isVariableDeclaration(declaration) ? undefined : containerName(declaration);
	const name = nameText(declaration) ?? declaration.name.getText();
	return container ? `${container}.${name}` : name;
}

function enclosingDeclaration(tree: ts.SourceFile, offset: number): Declaration | undefined {
	let found: Declaration | undefined;
	forEachDescendant(tree, (node) => {
		if (node.getStart(tree) <= offset && offset < node.getEnd()) {
			// The literal must be the value itself (`SessionExpired = 4001`), not somewhere inside a larger initializer.
			const value = isDeclaration(node) && node.initializer && skipOuterExpressions(node.initializer);
			if (value && value.getStart(tree) <= offset && offset <= value.getEnd() && ts.isNumericLiteral(value)
				&& (!ts.isPropertyAssignment(node) || containerName(node) !== undefined)) {
				found = node as Declaration;
			}
			return true;
		}
		return false;
	});
	return found;
}

/**
 * The JSDoc/TSDoc text on a declaration (for a constant, the one on its `const` statement), tags left out. Read from
 * the comment's text: documents are parsed without JSDoc (a quarter of the parse of a documented file), so the tree
 * has no JSDoc nodes.
 */
function docComment(declaration: Declaration): string | undefined {
	// As TypeScript reads it: a statement's comment documents its variable when it declares only that one.
	const list = ts.isVariableDeclaration(declaration) && ts.isVariableDeclarationList(declaration.parent) ? declaration.parent : undefined;
	const owner = list && ts.isVariableStatement(list.parent) && list.declarations.length === 1 ? list.parent : declaration;
	const text = owner.getSourceFile().text;
	const comment = ts.getLeadingCommentRanges(text, owner.pos)?.filter((range) => isDocComment(text, range)).pop();
	if (!comment) {
		return undefined;
	}
	const lines: string[] = [];
	for (const line of text.slice(comment.pos + 3, comment.end - 2).split(/\r?\n/)) {
		const content = line.replace(/^\s*\*?\s?/, '');
		if (/^@\w/.test(content)) {
			break; // the tags: the description ends here
		}
		lines.push(content.trimEnd());
	}
	return lines.join('\n').trim() || undefined;
}

/** `/** … *\/`, not `/**\/` or `/*** … *\/` (not documentation comments for TypeScript either). */
function isDocComment(text: string, range: ts.CommentRange): boolean {
	return range.kind === ts.SyntaxKind.MultiLineCommentTrivia && text.startsWith('/**', range.pos) && text[range.pos + 3] !== '*'
		&& range.end - range.pos > 4;
}
