// Draws media/icon.png (128×128): stacked container layers on a dry dock. Run once; the PNG is committed.
import { deflateSync } from 'node:zlib';
import { writeFileSync } from 'node:fs';

const W = 128, H = 128;
const px = new Uint8Array(W * H * 4);
const set = (x, y, [r, g, b, a = 255]) => { const i = (y * W + x) * 4; px[i] = r; px[i + 1] = g; px[i + 2] = b; px[i + 3] = a; };
const rect = (x0, y0, x1, y1, c) => { for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) set(x, y, c); };
rect(0, 0, W, H, [16, 42, 67]);
// the dock
for (let y = 92; y < 108; y++) { const inset = Math.floor((y - 92) * 0.8); rect(10 + inset, y, W - 10 - inset, y + 1, [200, 210, 220]); }
// layers: three rows of containers
const colours = [[0, 150, 214], [38, 198, 218], [255, 171, 64]];
const rows = [[18, 72, 3], [30, 52, 2], [42, 32, 1]];
rows.forEach(([x0, y0, n], r) => { for (let i = 0; i < n; i++) rect(x0 + i * 32 + 1, y0 + 1, x0 + i * 32 + 29, y0 + 19, colours[r]); });
const raw = Buffer.alloc((W * 4 + 1) * H);
for (let y = 0; y < H; y++) { raw[y * (W * 4 + 1)] = 0; Buffer.from(px.buffer, y * W * 4, W * 4).copy(raw, y * (W * 4 + 1) + 1); }
const crcTable = Array.from({ length: 256 }, (_, n) => { let c = n; for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1; return c >>> 0; });
const crc = (buf) => { let c = 0xffffffff; for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8); return (c ^ 0xffffffff) >>> 0; };
const chunk = (type, data) => { const len = Buffer.alloc(4); len.writeUInt32BE(data.length); const td = Buffer.concat([Buffer.from(type), data]); const c = Buffer.alloc(4); c.writeUInt32BE(crc(td)); return Buffer.concat([len, td, c]); };
const ihdr = Buffer.alloc(13); ihdr.writeUInt32BE(W, 0); ihdr.writeUInt32BE(H, 4); ihdr[8] = 8; ihdr[9] = 6;
writeFileSync(new URL('../media/icon.png', import.meta.url), Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]));
