import ts from 'typescript';
import { skipOuterExpressions } from './ast';

/**
 * The values a guard on the way to `node` has ruled out for `value` (an expression such as `code` or `event.code`,
 * compared by its text): the conditions of `if`/`else if` chains, `switch` labels, ternaries and early returns that
 * `node` can only be reached past. `if (code === 1005) … else if (code === 1006) … else to.close(code)` rules out 1005
 * and 1006 at the `close()`; so do `if (code === 1005 || code === 1006) return;` before it, `code !== 1005 && …`
 * around it, and the `default:` of a `switch (code)` with those cases.
 */
export function valuesRuledOut(node: ts.Node, value: ts.Expression): Set<number> {
	const subject = skipOuterExpressions(value).getText();
	const ruledOut = new Set<number>();
	const add = (values: readonly number[] | undefined) => values?.forEach((excluded) => ruledOut.add(excluded));
	for (let child: ts.Node = node, parent = node.parent; parent && !ts.isFunctionLike(child) && !ts.isSourceFile(parent); child = parent, parent = parent.parent) {
		if (ts.isIfStatement(parent)) {
			add(parent.elseStatement === child ? equalities(parent.expression, subject) : parent.thenStatement === child ? inequalities(parent.expression, subject) : undefined);
		} else if (ts.isConditionalExpression(parent)) {
			add(parent.whenFalse === child ? equalities(parent.condition, subject) : parent.whenTrue === child ? inequalities(parent.condition, subject) : undefined);
		} else if (ts.isDefaultClause(parent) && ts.isCaseBlock(parent.parent) && skipOuterExpressions(parent.parent.parent.expression).getText() === subject) {
			for (const clause of parent.parent.clauses) {
				if (ts.isCaseClause(clause) && ts.isNumericLiteral(skipOuterExpressions(clause.expression))) {
					ruledOut.add(Number((skipOuterExpressions(clause.expression) as ts.NumericLiteral).text));
				}
			}
		} else if (ts.isBlock(parent) || ts.isSourceFile(parent) || ts.isCaseClause(parent) || ts.isDefaultClause(parent)) {
			// `if (code === 1005 || code === 1006) return;` earlier in the same block.
			for (const statement of parent.statements) {
				if (statement === child) {
					break;
				}
				if (ts.isIfStatement(statement) && !statement.elseStatement && leaves(statement.thenStatement)) {
					add(equalities(statement.expression, subject));
				}
			}
		}
	}
	return ruledOut;
}

/** The values `condition` is true for when it is `subject === V` (or `V == subject`), or an `||` of such. */
function equalities(condition: ts.Expression, subject: string): number[] | undefined {
	return comparisons(condition, subject, ts.SyntaxKind.BarBarToken, [ts.SyntaxKind.EqualsEqualsEqualsToken, ts.SyntaxKind.EqualsEqualsToken]);
}

/** The values `condition` is false for when it is `subject !== V`, or an `&&` of such. */
function inequalities(condition: ts.Expression, subject: string): number[] | undefined {
	return comparisons(condition, subject, ts.SyntaxKind.AmpersandAmpersandToken, [ts.SyntaxKind.ExclamationEqualsEqualsToken, ts.SyntaxKind.ExclamationEqualsToken]);
}

function comparisons(condition: ts.Expression, subject: string, joiner: ts.SyntaxKind, operators: readonly ts.SyntaxKind[]): number[] | undefined {
	const node = skipOuterExpressions(condition);
	if (!ts.isBinaryExpression(node)) {
		return undefined;
	}
	if (node.operatorToken.kind === joiner) {
		const left = comparisons(node.left, subject, joiner, operators);
		const right = comparisons(node.right, subject, joiner, operators);
		return left && right ? [...left, ...right] : undefined;
	}
	if (!operators.includes(node.operatorToken.kind)) {
		return undefined;
	}
	const [left, right] = [skipOuterExpressions(node.left), skipOuterExpressions(node.right)];
	const literal = ts.isNumericLiteral(right) && left.getText() === subject ? right : ts.isNumericLiteral(left) && right.getText() === subject ? left : undefined;
	return literal ? [Number(literal.text)] : undefined;
}

/** Does control never get past `statement` (`return`, `throw`, `break`, `continue`, or a block that ends with one)? */
function leaves(statement: ts.Statement): boolean {
	if (ts.isReturnStatement(statement) || ts.isThrowStatement(statement) || ts.isBreakStatement(statement) || ts.isContinueStatement(statement)) {
		return true;
	}
	return ts.isBlock(statement) && statement.statements.length > 0 && leaves(statement.statements[statement.statements.length - 1]);
}
