import { TextDocument } from 'vscode-languageserver-textdocument';
import { createLanguageService, type CloseCodeSite } from '../../server/src/service';

let counter = 0;

/** A fresh in-memory document; the language id follows the file name's extension. */
export function makeDocument(text: string, fileName = 'test.ts', version = 1): TextDocument {
	const languageId = /\.tsx$/.test(fileName) ? 'typescriptreact' : /\.jsx$/.test(fileName) ? 'javascriptreact'
		: /\.[mc]?js$/.test(fileName) ? 'javascript' : 'typescript';
	counter++;
	return TextDocument.create(`file:///fixtures/${counter}/${fileName}`, languageId, version, text);
}

export interface SiteSummary {
	readonly text: string;
	readonly value: number;
	readonly confidence: CloseCodeSite['confidence'];
	readonly role: CloseCodeSite['role'];
	readonly rule: CloseCodeSite['rule'];
}

/** The close-code sites of a snippet, as the text they cover plus what was recognised. */
export function sitesIn(text: string, fileName = 'test.ts'): SiteSummary[] {
	const service = createLanguageService();
	const { sites } = service.analyse(makeDocument(text, fileName));
	return sites.map((site) => ({
		text: text.slice(site.start, site.end),
		value: site.value,
		confidence: site.confidence,
		role: site.role,
		rule: site.rule,
	}));
}

/** Only the covered texts, for compact assertions. */
export function siteTexts(text: string, fileName = 'test.ts'): string[] {
	return sitesIn(text, fileName).map((site) => site.text);
}

/** Joins lines, so fixtures read like the code they stand for. */
export function lines(...parts: string[]): string {
	return parts.join('\n');
}

/** Splits `a |1001` into the text without the marker and the marker's offset. */
export function withCursor(textWithMarker: string): { text: string; offset: number } {
	const offset = textWithMarker.indexOf('|');
	if (offset < 0) {
		throw new Error('fixture has no | cursor marker');
	}
	return { text: textWithMarker.slice(0, offset) + textWithMarker.slice(offset + 1), offset };
}
