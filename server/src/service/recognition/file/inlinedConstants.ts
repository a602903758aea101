import ts from 'typescript';
import { skipOuterExpressions } from '../ast';
import { lookupRegistered } from '../../closeCodes';
import type { LinkedFacts } from '../crossModule';
import { nameMatchesCode, saysCloseCode, words } from '../names';
import type { Confidence } from '../types';

/** Constants a bundler inlined, named in a comment after the number (`1e3 /* Normal *\/`), and the switches on them. */
export class InlinedConstants {
	/** Switches whose labels say they are on close codes (see `switchOnCloseCodes`), computed on first use. */
	readonly #switches = new Map<ts.SwitchStatement, Confidence | undefined>();

	/** `linked`: what the workspace knows about the modules this file imports (enums declared there). */
	constructor(readonly sourceFile: ts.SourceFile, readonly isWebSocketFile: boolean, readonly linked: LinkedFacts | undefined) {}

	/**
	 * Bundlers inline `const enum` members and leave the name in a comment: tsc writes `1000 /* CloseCodes.Normal *\/`,
	 * esbuild `1e3 /* Normal *\/`. The comment is evidence: an enum named as close codes, or a member named after its
	 * own code.
	 */
	inlinedCloseCode(literal: ts.NumericLiteral): Confidence | undefined {
		const comment = ts.getTrailingCommentRanges(this.sourceFile.text, literal.end)?.[0];
		if (!comment || comment.kind !== ts.SyntaxKind.MultiLineCommentTrivia) {
			return undefined;
		}
		const match = /^\/\*\s*((?:[\w$]+\.)*)([\w$]+)\s*\*\/$/.exec(this.sourceFile.text.slice(comment.pos, comment.end));
		if (!match) {
			return undefined;
		}
		const path = [...match[1].split('.').filter((part) => part !== ''), match[2]];
		const member = path[path.length - 1];
		const container = path.length > 1 ? path[path.length - 2] : undefined;
		if (container !== undefined && saysCloseCode(container)) {
			return 'certain';
		}
		// `1000 /* utils.ConnectionErrorCode.Normal */`: a member of an enum another module declares, recognised there.
		const imported = path.length > 1 ? this.linked?.importedDeclaration(path[0], path.slice(1)) : undefined;
		if (imported?.evidence && imported.values.includes(Number(literal.text))) {
			return imported.evidence.confidence;
		}
		// The member is named after the code: an alias (`GoingAway`), or words of its registered name (`Normal` for
		// 1000 "Normal Closure", `Abnormal`, `ProtocolError`).
		const value = Number(literal.text);
		const registered = lookupRegistered(value);
		const namesCode = nameMatchesCode(member, value) ||
			(registered !== undefined && words(member).every((word) => words(registered.name).includes(word)));
		return namesCode ? (this.isWebSocketFile ? 'certain' : 'likely') : undefined;
	}

	/** A `switch` whose `case` labels include an inlined close-code constant (`case 1e3 /* Normal *\/:`) is on close codes. */
	switchOnCloseCodes(statement: ts.SwitchStatement): Confidence | undefined {
		if (this.#switches.has(statement)) {
			return this.#switches.get(statement);
		}
		let found: Confidence | undefined;
		for (const clause of statement.caseBlock.clauses) {
			const label = ts.isCaseClause(clause) ? skipOuterExpressions(clause.expression) : undefined;
			const strength = label && ts.isNumericLiteral(label) ? this.inlinedCloseCode(label) : undefined;
			if (strength === 'certain') {
				found = strength;
				break;
			}
			found ??= strength;
		}
		this.#switches.set(statement, found);
		return found;
	}
}
