import ts from 'typescript';
import { forEachDescendant } from '../recognition/ast';
import { protocolPacks } from './packs';
import type { ProtocolPack, ProtocolText } from './types';

export { protocolPacks } from './packs';
export { packageConstant } from './exports';

export type { PackExports, ProtocolCode, ProtocolPack, ProtocolRange, ProtocolText } from './types';

/** What a protocol says about one code: the pack, the protocol's name for it, its advice, and whether its client reconnects. */
export interface ProtocolMeaning extends ProtocolText {
	readonly pack: ProtocolPack;
	readonly name: string;
	readonly reconnect?: boolean;
}

export function protocolMeaning(pack: ProtocolPack, code: number): ProtocolMeaning | undefined {
	const entry = pack.codes.find((candidate) => candidate.code === code)
		?? pack.ranges?.find((range) => range.from <= code && code <= range.to);
	return entry && { pack, name: entry.name, en: entry.en, ja: entry.ja, reconnect: entry.reconnect };
}

/** The first pack the file uses that documents `code`. */
export function meaningIn(packs: readonly ProtocolPack[], code: number): ProtocolMeaning | undefined {
	for (const pack of packs) {
		const meaning = protocolMeaning(pack, code);
		if (meaning) {
			return meaning;
		}
	}
	return undefined;
}

const cache = new WeakMap<ts.SourceFile, readonly ProtocolPack[]>();

/**
 * The packs whose library this file imports or requires. Only module specifiers count (a comment or a string that
 * mentions "graphql-ws" does not), so a pack never applies to a file that merely shares its numbers.
 */
export function protocolsUsedBy(tree: ts.SourceFile): readonly ProtocolPack[] {
	let packs = cache.get(tree);
	if (!packs) {
		// A pack's module is named in the text of any file that imports it: most files name none, and skip the walk.
		const named = protocolPacks.filter((pack) => pack.modules.some((module) => tree.text.includes(module)));
		const specifiers = named.length > 0 ? moduleSpecifiers(tree) : [];
		const uses = (module: string) => specifiers.some((specifier) => specifier === module || specifier.startsWith(`${module}/`));
		packs = named.filter((pack) => pack.modules.some(uses));
		cache.set(tree, packs);
	}
	return packs;
}

function moduleSpecifiers(tree: ts.SourceFile): string[] {
	const found: string[] = [];
	// Input sets the depth of a tree (a 20,000-term `a + b + …` chain): no recursion here.
	forEachDescendant(tree, (node) => {
		if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
			found.push(node.moduleSpecifier.text);
		} else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference) && ts.isStringLiteral(node.moduleReference.expression)) {
			found.push(node.moduleReference.expression.text);
		} else if (ts.isCallExpression(node) && node.arguments.length >= 1 && ts.isStringLiteralLike(node.arguments[0])
			&& (node.expression.kind === ts.SyntaxKind.ImportKeyword || (ts.isIdentifier(node.expression) && node.expression.text === 'require'))) {
			found.push(node.arguments[0].text);
		}
	});
	return found;
}
