import { readFileSync } from 'node:fs';

// Driving the code-server workbench with playwright-core the way a person does: Quick Open, the mouse, F1,
// Ctrl+S. Every wait polls the DOM for what the user would see; nothing sleeps for a fixed time.

/** Waits until the workbench has loaded and the Explorer shows the workspace. */
export async function waitForWorkbench(page) {
	await page.locator('.monaco-workbench').waitFor({ state: 'visible', timeout: 60_000 });
	await page.locator('.explorer-folders-view .monaco-list-row').first().waitFor({ state: 'visible', timeout: 60_000 });
}

/** Runs a command from the Command Palette (F1) by its label. */
export async function runCommand(page, label) {
	await page.keyboard.press('F1');
	const input = page.locator('.quick-input-widget input');
	await input.waitFor({ state: 'visible', timeout: 10_000 });
	await input.fill(`>${label}`);
	const row = page.locator('.quick-input-list .monaco-list-row.focused', { hasText: label });
	await row.waitFor({ state: 'visible', timeout: 10_000 });
	await page.keyboard.press('Enter');
	await page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: 10_000 });
}

/**
 * Opens a workspace file by clicking its row in the Explorer and waits until its editor shows `expectedText`
 * (pick text away from close codes: inlay hints render inside the line, e.g. `1001 Going Away`).
 */
export async function openFile(page, name, expectedText) {
	await page.locator(`.explorer-folders-view .monaco-list-row[aria-label="${name}"]`).click();
	await page.locator('.tabs-container .tab.active', { hasText: name }).waitFor({ state: 'visible', timeout: 10_000 });
	await activeEditor(page).locator('.view-lines', { hasText: expectedText }).waitFor({ state: 'visible', timeout: 10_000 });
}

/** Opens a file anywhere in the workspace with Quick Open (Ctrl+P), as a person does for a file in a folder. */
export async function quickOpen(page, path, expectedText) {
	await page.keyboard.press('Control+P');
	const input = page.locator('.quick-input-widget input');
	await input.waitFor({ state: 'visible', timeout: 10_000 });
	await input.fill(path);
	const name = path.slice(path.lastIndexOf('/') + 1);
	await page.locator('.quick-input-list .monaco-list-row.focused', { hasText: name }).waitFor({ state: 'visible', timeout: 10_000 });
	await page.keyboard.press('Enter');
	await page.locator('.tabs-container .tab.active', { hasText: name }).waitFor({ state: 'visible', timeout: 10_000 });
	await activeEditor(page).locator('.view-lines', { hasText: expectedText }).waitFor({ state: 'visible', timeout: 10_000 });
}

/** The focused editor (the one with the active tab). */
export function activeEditor(page) {
	return page.locator('.editor-group-container.active .monaco-editor').first();
}

/** A token on screen in the active editor, by its exact text (e.g. the `1001` of `ws.close(1001)`). */
export function token(page, text, nth = 0) {
	const escaped = text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
	return activeEditor(page).locator('.view-lines span span').filter({ hasText: new RegExp(`^${escaped}$`) }).nth(nth);
}

/** The visible hover widget that contains `text`. */
export function hoverWidget(page, text) {
	return page.locator('.monaco-hover:not(.hidden)').filter({ hasText: text });
}

/** The widget's text as displayed (non-breaking spaces read as spaces). */
async function displayedText(locator) {
	return (await locator.innerText()).replace(/\u00a0/g, ' ');
}

/**
 * Triggers a hover with `trigger` until one containing `text` is visible (TypeScript's own hover provider can hold
 * the widget while tsserver loads, so one attempt is not enough), then returns its displayed text.
 */
async function retryHover(page, text, timeoutMs, trigger, failure) {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		await trigger();
		try {
			const widget = hoverWidget(page, text);
			await widget.waitFor({ state: 'visible', timeout: Math.min(4_000, Math.max(1, deadline - Date.now())) });
			return await displayedText(widget);
		} catch (error) {
			if (Date.now() >= deadline) {
				throw new Error(failure, { cause: error });
			}
		}
	}
}

/** Rests the mouse on `target` until a hover containing `text` appears; returns its displayed text. */
export async function hoverWithMouse(page, target, text, timeoutMs = 30_000) {
	return retryHover(page, text, timeoutMs, async () => {
		await page.mouse.move(5, 5);
		await target.hover();
	}, `No hover with "${text}" appeared within ${timeoutMs} ms of resting the mouse on the token`);
}

/** Puts the cursor on `target` and runs "Show or Focus Hover" from F1 until a hover containing `text` appears. */
export async function hoverWithKeyboard(page, target, text, timeoutMs = 30_000) {
	await target.click();
	let first = true;
	return retryHover(page, text, timeoutMs, async () => {
		if (!first) {
			await page.keyboard.press('Escape');
		}
		first = false;
		await runCommand(page, 'Show or Focus Hover');
	}, `"Show or Focus Hover" showed no hover with "${text}" within ${timeoutMs} ms`);
}

/**
 * In the open Ctrl+. menu, moves the focus with the arrow keys to the row titled `title` (clicking rows was
 * flaky; the keyboard is reliable). Fails when the menu has no such row.
 */
export async function quickFixMenuRow(page, title) {
	const rows = page.locator('.action-widget .monaco-list-row');
	await rows.first().waitFor({ state: 'visible', timeout: 15_000 });
	const titles = (await rows.allInnerTexts()).map((text) => text.trim());
	if (!titles.some((text) => text.includes(title))) {
		throw new Error(`The Ctrl+. menu has no "${title}"; it shows: ${titles.join(' | ')}`);
	}
	const focused = page.locator('.action-widget .monaco-list-row.focused');
	for (let step = 0; step <= titles.length; step++) {
		if ((await focused.innerText()).includes(title)) {
			return;
		}
		await page.keyboard.press('ArrowDown');
	}
	throw new Error(`Could not move the focus to "${title}" in the Ctrl+. menu`);
}

/**
 * Waits until the suggest widget's focused row is the item labelled `label` (the row shows the label and, for
 * snippets, their name `detail`), so that Enter accepts it.
 */
export async function suggestion(page, label, detail) {
	const focused = page.locator('.suggest-widget .monaco-list-row.focused');
	await focused.waitFor({ state: 'visible', timeout: 15_000 });
	const deadline = Date.now() + 15_000;
	for (;;) {
		const text = (await focused.innerText()).replace(/\u00a0/g, ' ');
		const [first] = text.split('\n');
		if (first.trim() === label && text.includes(detail)) {
			return;
		}
		if (Date.now() >= deadline) {
			throw new Error(`The suggest widget's focused row is not "${label}" (${detail}); it reads: ${JSON.stringify(text)}`);
		}
		await new Promise((resolve) => setTimeout(resolve, 100));
	}
}

/**
 * Saves the active editor (Ctrl+S) and waits until its tab shows no unsaved changes. (Edits from a quick fix may
 * already be saved: `files.refactoring.autoSave` is on by default.) Pair with `waitForFileOnDisk`.
 */
export async function save(page) {
	await page.keyboard.press('Control+S');
	await page.locator('.tabs-container .tab.active.dirty').waitFor({ state: 'detached', timeout: 10_000 });
}

/**
 * Reads `path` until its content satisfies `accept` (a save in the browser reaches the disk through
 * code-server) and returns it; fails with the last content after `timeoutMs`.
 */
export async function waitForFileOnDisk(path, accept, timeoutMs = 10_000) {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const content = readFileSync(path, 'utf8');
		if (accept(content)) {
			return content;
		}
		if (Date.now() >= deadline) {
			throw new Error(`${path} did not change as expected within ${timeoutMs} ms; it reads:\n${content}`);
		}
		await new Promise((resolve) => setTimeout(resolve, 100));
	}
}

/** Between tests: close widgets and every editor (tests save what they change). */
export async function reset(page) {
	await page.keyboard.press('Escape');
	await page.mouse.move(5, 5);
	await runCommand(page, 'View: Close All Editors');
	await page.locator('.tabs-container .tab').first().waitFor({ state: 'detached', timeout: 10_000 });
}
