import type ts from 'typescript';
import type { FileContext } from './fileContext';

/** `certain`: the code leaves no doubt. `likely`: good evidence, but hovers say so and diagnostics ignore it. */
export type Confidence = 'certain' | 'likely';

/** What the code does with the number: puts it in a Close frame, compares a received one, or names one. */
export type SiteRole = 'send' | 'receive' | 'define';

export type RuleId =
	| 'closeArgument' | 'closeEventInit' | 'comparison' | 'caseLabel' | 'codeList' | 'fallback' | 'codeProperty'
	| 'codeAssignment' | 'defaultParameter' | 'assertion' | 'usedAsCloseCode' | 'closeCodeContainer' | 'closeCodeName'
	| 'aliasName' | 'closeEventArgument' | 'closeHelperArgument' | 'codeVariable' | 'descriptionKey' | 'calledWith' | 'inlinedEnum' | 'returnedCode' | 'literalType' | 'iteratedList';

export interface Evidence {
	readonly confidence: Confidence;
	readonly role: SiteRole;
	readonly rule: RuleId;
}

/**
 * A rule about one place a value can stand. `top` is the value climbed through parentheses, `?:` branches and
 * `??`/`||` fallbacks (see `climb`); the rule looks at `top.parent`.
 */
export type SlotRule = (top: ts.Expression, context: FileContext) => Evidence | undefined;

export const strength = (certain: boolean): Confidence => (certain ? 'certain' : 'likely');

/** The weaker of two confidences. */
export const weaker = (a: Confidence, b: Confidence): Confidence => (a === 'certain' ? b : 'likely');
