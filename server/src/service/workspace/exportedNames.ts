import type { ModuleFacts } from '../recognition/crossModule';

/**
 * The names a use of a module's close codes is written with elsewhere: the member itself (`Kicked` in
 * `ChatCodes.Kicked`, `P.ChatCodes.Kicked`, `require('./codes').Kicked`) or the variable and the names it is exported
 * under (`GOING_AWAY`, `export { GOING_AWAY as AWAY }`), and exported functions that close with a parameter. A
 * container's name counts only when every member could be a close code (an enum of codes, looked up as a whole):
 * `Compilation` is imported everywhere in webpack, its `PROCESS_ASSETS_STAGE_*` members (-2000 to 5000) almost
 * nowhere. A file without a candidate literal that mentions none of these is not analysed.
 */
export function addExportedNames(facts: ModuleFacts, names: Set<string>): void {
	const roots = new Set<string>([...facts.sendParameters, ...facts.checkedParameters ?? []].map((parameter) => parameter.local));
	for (const declaration of facts.declarations) {
		if (declaration.values.some((value) => value >= 1000 && value <= 4999)) {
			if (!declaration.key.includes('.')) {
				roots.add(declaration.key);
			}
			names.add(declaration.key.slice(declaration.key.lastIndexOf('.') + 1));
		}
	}
	// A group whose every value could be a close code is also used by its own name: `code in CloseCode`,
	// `CloseCode[code]` name no member.
	for (const root of codeGroups(facts)) {
		roots.add(root);
	}
	for (const binding of facts.shape.exports) {
		if (binding.local !== undefined && roots.has(binding.local) && binding.name !== '*' && binding.name !== 'default') {
			names.add(binding.name);
		}
	}
	// `export default { 4001: 'Unauthorized' }` is used under whatever name its importer gives it.
	if (facts.declarations.some((declaration) => (declaration.key === 'default' || declaration.key.startsWith('default.')) &&
		declaration.values.some((value) => value >= 1000 && value <= 4999))) {
		names.add(defaultImport);
	}
}

/** Stands, among the names, for any default import (`import Codes from …`, `import Codes, { x } from …`). */
const defaultImport = 'import default';

/** The containers (`CloseCode` of `CloseCode.GoingAway`) all of whose members hold values from 1000 to 4999. */
function codeGroups(facts: ModuleFacts): Set<string> {
	const all = new Map<string, boolean>();
	for (const declaration of facts.declarations) {
		const dot = declaration.key.indexOf('.');
		if (dot > 0) {
			const root = declaration.key.slice(0, dot);
			const inRange = declaration.values.every((value) => value >= 1000 && value <= 4999);
			all.set(root, (all.get(root) ?? true) && inRange);
		}
	}
	return new Set([...all].filter(([, inRange]) => inRange).map(([root]) => root));
}

/** A pattern that finds any of `names` as a whole word; `undefined` when there is none to look for. */
export function namesPattern(names: ReadonlySet<string>): RegExp | undefined {
	const words = [...names].filter((name) => !keywords.has(name));
	if (words.length === 0) {
		return undefined;
	}
	const sources = words.map((name) => (name === defaultImport ? 'import\\s+[A-Za-z_$][\\w$]*\\s*(?:,|from)' : name.replace(/[$]/g, '\\$')));
	return new RegExp(`(?<![\\w$])(?:${sources.join('|')})(?![\\w$])`);
}

/** Words of the language: never evidence that a file uses an exported constant of that name (`Flag.await = 4096`). */
const keywords = new Set([
	'async', 'await', 'break', 'case', 'catch', 'class', 'const', 'continue', 'debugger', 'default', 'delete', 'do', 'else', 'enum',
	'export', 'extends', 'false', 'finally', 'for', 'function', 'get', 'if', 'import', 'in', 'instanceof', 'let', 'new', 'null', 'of',
	'return', 'set', 'static', 'super', 'switch', 'this', 'throw', 'true', 'try', 'type', 'typeof', 'var', 'void', 'while', 'with', 'yield',
]);
