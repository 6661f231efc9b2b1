// otpauth_parse on URIs written by otplib's generator: what otplib put in must come out.
// Usage: node parse-uris.mjs sql            prints "SELECT id, hex(otpauth_parse(...));" lines
//        node parse-uris.mjs check RESULTS  reads "id<TAB>hex of the JSON" lines, prints each
//                                           mismatch, then "N passed, N failed" last.
import { readFileSync } from "node:fs";
import { generate } from "@otplib/uri";
import { mulberry32 } from "./prng.mjs";

// A fixed seed: every run checks the same URIs.
const rand32 = mulberry32(0x2f6b1d09);
const below = (n) => rand32() % n;
const pick = (list) => list[below(list.length)];

// Characters that break naive parsers: URI delimiters, '%', '+', spaces, non-ASCII.
const ALPHABET = [..."abcXYZ019 -._~:#?&=/%+@;,!$'()*[]\"\\", "é", "ü", "ß", "例", "え", "🙂", "🔐"];
function randomText(min, max, colon) {
  let s = "";
  for (let n = min + below(max - min + 1); n > 0; n--) s += pick(ALPHABET);
  if (!colon) s = s.replaceAll(":", "-");
  // Leading spaces of an account are dropped by readers (Google's format allows them).
  return s.trim() === "" ? "x" : s;
}

const SECRETS = [
  "JBSWY3DPEHPK3PXP",
  "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ",
  "AAISEM2EKVTHPCEZVK54ZXPO74",
  "AUVE65EZX3RQQLKSO6OMDZQLGBKXVH6E5EHDGWD5ULD6YEJWLOAKLSXPCQ4V5A5IZXZBOPDBQ2V5B5I2H5SITLWT7AOUEZ4MWHLPWIA",
];

// Fixed cases first, then random ones; an issuer never holds ':' (the format cannot).
const inputs = [
  { type: "totp", account: "alice@example.com", issuer: "ACME Co" },
  { type: "totp", account: "no issuer at all" },
  { type: "totp", account: "jürgen:x@例え.jp", issuer: "Société Générale" },
  { type: "totp", account: "a#b?c&d=e%f+g/h", issuer: "Q?A #1 & 100%", digits: 8, period: 60, algorithm: "sha256" },
  { type: "hotp", account: "bob", issuer: "ACME", counter: 0 },
  { type: "hotp", account: "carol", issuer: "C++ Shop", counter: 123456789, digits: 7, algorithm: "sha512" },
];
for (let i = 0; i < 200; i++) {
  const c = { type: i % 5 === 0 ? "hotp" : "totp", account: randomText(1, 30, i % 3 !== 0) };
  if (i % 3 !== 0) c.issuer = randomText(1, 20, false);
  if (below(2)) c.digits = pick([6, 7, 8]);
  if (below(2)) c.algorithm = pick(["sha1", "sha256", "sha512"]);
  if (c.type === "totp" && below(2)) c.period = 1 + below(3600);
  if (c.type === "hotp") c.counter = below(2 ** 31);
  c.secret = pick(SECRETS);
  inputs.push(c);
}
for (const c of inputs) c.secret ??= SECRETS[0];

function uriOf(c) {
  const params = { secret: c.secret };
  for (const key of ["issuer", "algorithm", "digits", "period", "counter"]) {
    if (key in c) params[key] = c[key];
  }
  return generate({ type: c.type, label: c.issuer ? `${c.issuer}:${c.account}` : c.account, params });
}

function expected(c) {
  return {
    type: c.type,
    issuer: c.issuer ?? null,
    account: c.account.replace(/^ +/, ""),
    secret: c.secret,
    algorithm: c.algorithm ?? "sha1",
    digits: c.digits ?? 6,
    period: c.type === "totp" ? c.period ?? 30 : null,
    counter: c.type === "hotp" ? c.counter : null,
  };
}

const [mode, results] = process.argv.slice(2);
if (mode === "sql") {
  inputs.forEach((c, i) => {
    console.log(`SELECT ${i + 1}, hex(otpauth_parse('${uriOf(c).replaceAll("'", "''")}'));`);
  });
} else if (mode === "check") {
  const ours = new Map();
  for (const line of readFileSync(results, "utf8").split("\n")) {
    const [id, hex] = line.split("\t");
    if (hex !== undefined) ours.set(Number(id), Buffer.from(hex, "hex").toString("utf8"));
  }
  let passed = 0;
  let failed = 0;
  inputs.forEach((c, i) => {
    const uri = uriOf(c);
    const want = expected(c);
    const problems = [];
    let got;
    try {
      got = JSON.parse(ours.get(i + 1));
    } catch {
      problems.push(`no JSON from otpauth_parse: ${ours.get(i + 1)}`);
    }
    for (const key of Object.keys(want)) {
      if (got && got[key] !== want[key]) {
        problems.push(`${key}: expected ${JSON.stringify(want[key])}, got ${JSON.stringify(got[key])}`);
      }
    }
    if (got && Object.keys(got).length !== Object.keys(want).length) problems.push("extra fields");
    if (problems.length === 0) {
      passed++;
    } else {
      failed++;
      console.log(`parse case ${i + 1} (${uri}): ${problems.join("; ")}`);
    }
  });
  console.log(`${passed} passed, ${failed} failed`);
} else {
  console.error("usage: node parse-uris.mjs sql | check RESULTS");
  process.exit(2);
}
