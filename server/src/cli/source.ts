import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';

/** A file's bytes and the hash the `--cache` keys it by (the bytes, not the decoded text: no decoding on a hit). */
export function readBytes(path: string): Buffer {
	return readFileSync(path);
}

/**
 * When a file was last modified, and its size: what `--cache` compares first, like ESLint's default "metadata"
 * strategy, so an unchanged tree is not read again. Taken before the file is read, so a change made while it is being
 * checked gives a newer stamp than the one stored.
 */
export interface FileStamp {
	readonly mtime: number;
	readonly size: number;
}

export function stampOf(path: string): FileStamp {
	const stats = statSync(path);
	return { mtime: stats.mtimeMs, size: stats.size };
}

export function contentHash(bytes: Uint8Array): string {
	return createHash('sha1').update(bytes).digest('base64');
}

/** Decodes a source file: UTF-8 by default, UTF-16 when it starts with a byte-order mark. */
export function decodeSource(bytes: Buffer): string {
	if (bytes[0] === 0xff && bytes[1] === 0xfe) {
		return bytes.subarray(2).toString('utf16le');
	}
	if (bytes[0] === 0xfe && bytes[1] === 0xff) {
		const swapped = Buffer.from(bytes.subarray(2));
		swapped.swap16();
		return swapped.toString('utf16le');
	}
	const text = bytes.toString('utf8');
	return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}
