// Prints one SQL statement per URI case: SELECT id, hex(otpauth_uri(...)).
// hex() keeps a URI with stray tabs or newlines on one parsable output line.
import { readFileSync } from "node:fs";

const cases = JSON.parse(readFileSync(new URL("uri-cases.json", import.meta.url), "utf8"));
function literal(v) {
  if (v === undefined) return "NULL";
  if (typeof v === "number") return String(v);
  return `'${v.replaceAll("'", "''")}'`;
}

cases.forEach((c, i) => {
  const args = [c.secret, c.account, c.issuer, c.digits ?? 6, c.period ?? 30, c.algorithm ?? "sha1"];
  // Pass only up to the last argument the case sets, so the SQL defaults get exercised too.
  const given = [true, true, "issuer" in c, "digits" in c, "period" in c, "algorithm" in c];
  const used = args.slice(0, given.lastIndexOf(true) + 1);
  console.log(`SELECT ${i + 1}, hex(otpauth_uri(${used.map(literal).join(", ")}));`);
});
