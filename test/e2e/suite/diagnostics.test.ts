/**
 * Diagnostics in a real VS Code — READY PLACE, no tests yet: the diagnostics feature is not in this build.
 *
 * When the server publishes diagnostics, add here (the runner lists this file under "files without tests" until
 * then, and never counts it as a pass):
 *   - open a workspace file with a problem (add it to test/e2e/workspace/), then
 *     `await waitForDiagnostics(uri, (all) => all.some((d) => d.source === '…' && d.message.includes('…')), 'the … diagnostic')`
 *     and assert the range (line/character of the close code), severity and message a user reads;
 *   - a file without problems gets none from us (filter by `source`), once another diagnostic proves the server is up.
 */
export {};
