// Writes the inputs of bench/sqlite_vs_otplib.sh as TSV, one row a line: secret, code, at.
//   node bench/sqlite_data.mjs ROWS > rows.tsv
// Random 20-byte secrets (base32, 32 characters), random times (2001..2033) and random
// 6-digit codes, so that a verify almost never matches and computes all 3 steps of window 1.
// Every 100th row carries the real code of a step 2, 1 or 0 steps away (otplib's
// generateSync), so that about 0.6 % match and the two implementations have counts to agree on.
// A fixed seed: the same rows on every run and every machine.
import { generateSync, ScureBase32Plugin } from "otplib";
import { mulberry32 } from "../test/interop/prng.mjs";

const rows = Number(process.argv[2] ?? 1000000);
const base32 = new ScureBase32Plugin();

const rand32 = mulberry32(0x2fa1b3c5);

const out = [];
const flush = () => {
  process.stdout.write(out.join(""));
  out.length = 0;
};
const key = new Uint8Array(20);
for (let i = 0; i < rows; i++) {
  for (let k = 0; k < 20; k += 4) {
    const r = rand32();
    key[k] = r & 255;
    key[k + 1] = (r >>> 8) & 255;
    key[k + 2] = (r >>> 16) & 255;
    key[k + 3] = r >>> 24;
  }
  const secret = base32.encode(key);
  const at = 1000000000 + (rand32() % 1000000000);
  let code = String(rand32() % 1000000).padStart(6, "0");
  if (i % 100 === 0) {
    const offset = (((i / 100) % 5) - 2) * 30; // -2..+2 steps: 3 of 5 inside window 1
    code = generateSync({ secret, epoch: at + offset });
  }
  out.push(`${secret}\t${code}\t${at}\n`);
  if (out.length === 10000) flush();
}
flush();
