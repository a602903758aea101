/**
 * Pathological inputs an editor meets in generated, minified and half-typed files. Each shape puts a real close
 * code somewhere in it, so a shape that is analysed shows it and one that is degraded visibly has no sites.
 */

const header = "const ws = new WebSocket('wss://example.test');\n";

/** Each extreme shape from issue 11, at the size that broke the server. */
export const extremeShapes: Readonly<Record<string, () => string>> = {
	'5,000 nested parentheses': () => `${header}ws.close(${'('.repeat(5000)}1001${')'.repeat(5000)});\n`,
	'5,000 nested array brackets': () => `${header}const table = ${'['.repeat(5000)}1${']'.repeat(5000)};\nws.close(1001);\n`,
	'20,000-term + chain': () => `${header}const total = ${Array.from({ length: 20_000 }, (_, index) => `v${index}`).join(' + ')};\nws.close(1001);\n`,
	'20,000-term string chain as a reason': () => `${header}ws.close(1001, ${Array.from({ length: 20_000 }, () => "'x'").join(' + ')});\n`,
	'3,000 nested if blocks': () => `${header}${'if (ready) {\n'.repeat(3000)}ws.close(1001);\n${'}\n'.repeat(3000)}`,
	'3,000 nested calls inside close()': () => `${header}ws.close(${'wrap('.repeat(3000)}1001${')'.repeat(3000)});\n`,
	'5,000-deep ternary': () => `${header}ws.close(${Array.from({ length: 5000 }, (_, index) => `c${index} ? 4000 : `).join('')}1001);\n`,
};

/** A normal document to return to after an extreme one: its 1001 must be recognised again. */
export const normalText = `${header}ws.addEventListener('close', (event) => {\n\tif (event.code === 1001) reconnect();\n});\nws.close(1001);\n`;
