// Parses our URIs back with otplib and checks they carry what went in; one count per URI.
// Usage: node check-uris.mjs OUR_RESULTS   (lines "id<TAB>hex of the URI", from uri-sql.mjs)
// Prints each mismatch, then "N passed, N failed" as the last line.
import { readFileSync } from "node:fs";
import { parse } from "@otplib/uri";

const cases = JSON.parse(readFileSync(new URL("uri-cases.json", import.meta.url), "utf8"));
const ours = new Map();
for (const line of readFileSync(process.argv[2], "utf8").split("\n")) {
  const [id, hex] = line.split("\t");
  if (hex !== undefined) ours.set(Number(id), Buffer.from(hex, "hex").toString("utf8"));
}

// otplib's parser is lenient (it would accept a raw '#' or space), so also hold the URI
// to the contract: only unreserved characters and upper-case %XX inside label and query.
const STRICT = /^otpauth:\/\/totp\/([A-Za-z0-9\-._~:]|%[0-9A-F]{2})+\?([A-Za-z0-9\-._~=&]|%[0-9A-F]{2})+$/;

function problems(c, uri) {
  if (uri === undefined) return ["no URI from sqlite"];
  const found = [];
  if (!STRICT.test(uri)) found.push("not strictly percent-encoded");
  const colons = uri.slice(0, uri.indexOf("?")).split(":").length - 2;
  if (colons !== ("issuer" in c ? 1 : 0)) found.push(`${colons} unencoded ':' in the label`);
  let got;
  try {
    got = parse(uri);
  } catch (e) {
    return [...found, `otplib cannot parse it: ${e.message}`];
  }
  const want = {
    type: "totp",
    label: "issuer" in c ? `${c.issuer}:${c.account}` : c.account,
    secret: c.secret,
    issuer: c.issuer,
    algorithm: (c.algorithm ?? "sha1").toLowerCase(),
    digits: c.digits ?? 6,
    period: c.period ?? 30,
  };
  const p = got.params;
  const have = {
    type: got.type,
    label: got.label,
    secret: p.secret,
    issuer: p.issuer,
    algorithm: p.algorithm ?? "sha1",
    digits: p.digits ?? 6,
    period: p.period ?? 30,
  };
  for (const key of Object.keys(want)) {
    if (want[key] !== have[key]) {
      found.push(`${key}: expected ${JSON.stringify(want[key])}, otplib read ${JSON.stringify(have[key])}`);
    }
  }
  return found;
}

let passed = 0;
let failed = 0;
cases.forEach((c, i) => {
  const uri = ours.get(i + 1);
  const found = problems(c, uri);
  if (found.length === 0) {
    passed++;
    return;
  }
  failed++;
  console.log(`FAIL uri round trip: ${JSON.stringify(c)}\n     ours ${uri ?? "(none)"}`);
  for (const f of found) console.log(`     ${f}`);
});
console.log(`${passed} passed, ${failed} failed`);
