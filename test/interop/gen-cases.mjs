// Prints deterministic TOTP/HOTP cases with otplib's code as TSV, one case a line:
//   kind  secret  time|counter  digits  period|-  algorithm  otplib_code
import { generateSync, createGuardrails, ScureBase32Plugin } from "otplib";
import { RFC6238, RFC4226 } from "./rfc-vectors.mjs";
import { mulberry32 } from "./prng.mjs";

// otplib refuses keys under 16 bytes by default; our contract accepts 10.
const guardrails = createGuardrails({ MIN_SECRET_BYTES: 10 });
const base32 = new ScureBase32Plugin();

// A fixed seed: every run and every machine checks the same cases.
const rand32 = mulberry32(0x7f4a7c15);
// Uniform integer in [0, n) for n up to 2^53 (two draws, since times exceed 32 bits).
const below = (n) => Math.floor(((rand32() * 2 ** 21 + (rand32() >>> 11)) / 2 ** 53) * n);
const pick = (list) => list[below(list.length)];

function randomKey(i) {
  // Every fifth key has a length whose base32 form is 16, 26, 32, 52 or 103 characters.
  const len = i % 5 === 0 ? pick([10, 16, 20, 32, 64]) : 10 + below(55);
  const key = Uint8Array.from({ length: len }, () => below(256));
  // 0x00 bytes catch C code that treats the key as a string.
  if (i % 7 === 0) key[pick([0, len >> 1, len - 1])] = 0;
  if (i % 13 === 0) key.fill(0, 0, 1 + below(len));
  return key;
}

// Edges of 32-bit time, the RFC's year-2603 time, and the far end of the range.
const EDGE_TIMES = [0, 1, 29, 30, 2 ** 31 - 1, 2 ** 31, 2 ** 32 - 1, 2 ** 32, 2 ** 33,
  19999999999, 20000000000, 20000000001];
const EDGE_COUNTERS = [0, 1, 2 ** 31 - 1, 2 ** 31, 2 ** 32 - 1, 2 ** 32, 2 ** 40];

function randomTime(i, period) {
  if (i < EDGE_TIMES.length) return EDGE_TIMES[i];
  const t = i % 10 === 0 ? 20000000000 - 500000 + below(1000000) : below(2 ** 33 + 1);
  // First and last second of a step catch off-by-one step arithmetic.
  if (i % 9 === 0) return t - (t % period);
  if (i % 9 === 1) return t - (t % period) + period - 1;
  return t;
}

const cases = [];
const totp = (key, time, digits, period, algorithm) => cases.push({
  kind: "totp", secret: base32.encode(key), at: time, digits, period, algorithm,
  code: generateSync({ secret: key, epoch: time, digits, period, algorithm, guardrails }),
});
const hotp = (key, counter, digits, algorithm) => cases.push({
  kind: "hotp", secret: base32.encode(key), at: counter, digits, period: "-", algorithm,
  code: generateSync({ strategy: "hotp", secret: key, counter, digits, algorithm, guardrails }),
});

for (const v of RFC6238) totp(v.key, v.time, v.digits, v.period, v.algorithm);
for (const v of RFC4226) hotp(v.key, v.counter, v.digits, v.algorithm);
const vectors = [...RFC6238, ...RFC4226];
const wrong = vectors.filter((v, i) => cases[i].code !== v.code);
if (wrong.length > 0) {
  console.error(`otplib disagrees with ${wrong.length} RFC test vectors; it cannot be the oracle`);
  process.exit(1);
}

const ALGORITHMS = ["sha1", "sha256", "sha512"];
const DIGITS = [6, 7, 8];
const PERIODS = [1, 15, 30, 30, 60, 90, 3600];
for (let i = 0; i < 300; i++) {
  const period = pick(PERIODS);
  totp(randomKey(i), randomTime(i, period), pick(DIGITS), period, pick(ALGORITHMS));
}
for (let i = 0; i < 100; i++) {
  const counter = i < EDGE_COUNTERS.length ? EDGE_COUNTERS[i] : below(2 ** 40 + 1);
  hotp(randomKey(i), counter, pick(DIGITS), pick(ALGORITHMS));
}

for (const c of cases) {
  console.log([c.kind, c.secret, c.at, c.digits, c.period, c.algorithm, c.code].join("\t"));
}
