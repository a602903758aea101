import type { FileContext } from '../fileContext';
import type { Declaration } from '../file/declarations';
import { hasContraryWord, hasQuantityWord, nameMatchesCode, saysCloseCode, saysCloseReasonCode, words } from '../names';
import { namesCloseCodeValue } from '../sinks';
import { strength, type Evidence } from '../types';
import { literalValue } from './literals';

/**
 * Rules about declarations (constants, enums, objects, class fields): the evidence a declaration gets from its names,
 * from its group (an enum whose members are named after their codes) and from a use of it as a close code, in this
 * file or in another module.
 */

/** Facts about the group (enum, object, class, or the `Class.NAME = …` statics of one name) a declaration belongs to. */
export interface GroupFacts {
	/** Members whose names are aliases of their own values (`going_away: 1001`). */
	aliasMatches: number;
	members: number;
	/** Evidence from a member that is used as a close code. */
	proven?: Evidence;
}

export function groupKey(declaration: Declaration): unknown {
	return declaration.group ?? (declaration.container === undefined ? undefined : `${declaration.form}:${declaration.container}`);
}

/**
 * Does a member's name say its value is a quantity (`port`, `delayMs`)? A unit after `per` is the member's subject, not
 * its unit: `MAX_NUMBER_OF_MESSAGES_PER_SECONDS = 4002` in a close-code enum is the code sent when a rate is exceeded.
 */
export function namesQuantity(name: string): boolean {
	const list = words(name);
	return list.some((word, index) => hasQuantityWord(word) && list[index - 1] !== 'per');
}

/**
 * Evidence from a declaration's names alone (no use of it was found): `enum CloseCode { … }`,
 * `const WS_CLOSE_NORMAL = 1000`, `const RETRY_CLOSE_CODES = [1001, 1006]`, `{ GOING_AWAY: 1001 }`,
 * `Connection.CLOSE_REASON_NORMAL = 1000`.
 */
export function declarationEvidence(declaration: Declaration, group: GroupFacts | undefined, context: FileContext): Evidence | undefined {
	const { name, container } = declaration;
	const containerNames = container === undefined ? [] : context.containerNames(container);
	// The container says it holds close codes: every member is one, whatever else its name says
	// (`ConnectionInitialisationTimeout = 4408`, `InvalidAPIVersion = 4012`), unless it names a quantity (`port`).
	if (containerNames.some((each) => saysCloseCode(each) || saysCloseReasonCode(each)) && !namesQuantity(name)) {
		return { confidence: 'certain', role: 'define', rule: 'closeCodeContainer' };
	}
	// Most members are named after their own codes (`normal_closure: 1000, going_away: 1001, protocol_error: 1002`):
	// the container is a close-code table, and so are its other members (`unacceptable: 1003`).
	if (group && group.aliasMatches >= 3 && group.aliasMatches * 3 >= group.members && !hasQuantityWord(name)) {
		return { confidence: 'certain', role: 'define', rule: 'closeCodeContainer' };
	}
	if (containerNames.some(hasContraryWord)) {
		return undefined;
	}
	// `WS_CLOSE_NORMAL`, `TIMEOUT_CLOSE_CODE` (the last word decides, see saysCloseCode), `CLOSE_REASON_NORMAL`
	if (namesCloseCodeValue(name) || saysCloseReasonCode(name)) {
		return { confidence: strength(context.isWebSocketFile), role: 'define', rule: 'closeCodeName' };
	}
	if (hasContraryWord(name)) {
		return undefined;
	}
	if (!declaration.isList && nameMatchesCode(name, literalValue(declaration.literals[0]))) {
		// One alias match could be chance (`ProtocolError = 1002` in an error enum); two in one enum are not.
		const corroborated = context.isWebSocketFile || (group?.aliasMatches ?? 0) >= 2;
		return { confidence: strength(corroborated), role: 'define', rule: 'aliasName' };
	}
	// A sibling of a member that is used as a close code: `CloseCode.Normal` is sent, so `CloseCode.Forbidden` is a
	// code too. Only for enums and all-number objects, and not for members named as something else (`timeout`).
	if (group?.proven && (declaration.form === 'enum' || (declaration.form === 'member' && declaration.groupIsNumeric))) {
		return { confidence: 'likely', role: 'define', rule: 'closeCodeContainer' };
	}
	return undefined;
}

/**
 * What a use of a constant says about its declaration. Only a value sent with close() may be any number; elsewhere it
 * must look like a code (see valueFitsRule).
 */
export function provenByUse(evidence: Evidence): Evidence {
	const role = evidence.rule === 'closeArgument' ? 'send' : evidence.role === 'send' ? 'define' : evidence.role;
	return { ...evidence, rule: 'usedAsCloseCode', role };
}
