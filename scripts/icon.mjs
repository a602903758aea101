// Draws images/icon.png (128×128, the Marketplace / Open VSX icon): a broken ring — a connection closing — on the
// gallery banner's blue, with a dot for the close frame. No image tools needed: pixels → PNG with zlib.
// Usage: node scripts/icon.mjs   (the PNG is committed; rerun only to change the design)
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const size = 128;
const background = [0x1e, 0x3a, 0x5f];
const ink = [0xff, 0xff, 0xff];
const accent = [0xff, 0xb3, 0x47];

function pixel(x, y) {
	const cx = x - size / 2 + 0.5;
	const cy = y - size / 2 + 0.5;
	const r = Math.hypot(cx, cy);
	const angle = (Math.atan2(cy, cx) * 180) / Math.PI; // 0° = right, clockwise (y grows downward)
	// Rounded-square mask (radius 24) so the corners are transparent.
	const corner = 24;
	const qx = Math.max(Math.abs(cx) - (size / 2 - corner), 0);
	const qy = Math.max(Math.abs(cy) - (size / 2 - corner), 0);
	if (Math.hypot(qx, qy) > corner) {
		return [0, 0, 0, 0];
	}
	if (Math.hypot(cx - 30, cy + 30) < 9) {
		return [...accent, 255];
	}
	if (r > 30 && r < 42 && !(angle > -70 && angle < -20)) {
		return [...ink, 255];
	}
	return [...background, 255];
}

const raw = Buffer.alloc((size * 4 + 1) * size);
for (let y = 0; y < size; y++) {
	raw[y * (size * 4 + 1)] = 0; // filter: none
	for (let x = 0; x < size; x++) {
		Buffer.from(pixel(x, y)).copy(raw, y * (size * 4 + 1) + 1 + x * 4);
	}
}
const crcTable = Array.from({ length: 256 }, (_, n) => {
	let c = n;
	for (let k = 0; k < 8; k++) {
		c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
	}
	return c >>> 0;
});
const crc32 = (buffer) => {
	let c = 0xffffffff;
	for (const byte of buffer) {
		c = crcTable[(c ^ byte) & 0xff] ^ (c >>> 8);
	}
	return (c ^ 0xffffffff) >>> 0;
};
const chunk = (type, data) => {
	const length = Buffer.alloc(4);
	length.writeUInt32BE(data.length);
	const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
	const crc = Buffer.alloc(4);
	crc.writeUInt32BE(crc32(body));
	return Buffer.concat([length, body, crc]);
};
const header = Buffer.alloc(13);
header.writeUInt32BE(size, 0);
header.writeUInt32BE(size, 4);
header.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA
writeFileSync(new URL('../images/icon.png', import.meta.url), Buffer.concat([
	Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
	chunk('IHDR', header), chunk('IDAT', deflateSync(raw, { level: 9 })), chunk('IEND', Buffer.alloc(0)),
]));
