// Times otplib's verifySync (v13, default plugins: noble SHA-1, scure base32) on the first
// ROWS rows of a TSV from sqlite_data.mjs, the way an application checks a code:
//   verifySync({ secret, token, epoch, epochTolerance: 30 })
// epochTolerance 30 with period 30 checks steps floor((at-30)/30)..floor((at+30)/30), which is
// the previous, current and next step: window 1 in totp_verify.
//   node bench/otplib_verify.mjs rows.tsv ROWS
// Prints one line: "<rows> <milliseconds> <matches>", the time for one pass after a warm-up.
import { readFileSync } from "node:fs";
import { verifySync } from "otplib";

const [file, rowsArg] = process.argv.slice(2);
const rows = Number(rowsArg);
const lines = readFileSync(file, "latin1").split("\n", rows);
if (lines.length < rows) throw new Error(`${file} has only ${lines.length} rows`);
const secrets = new Array(rows);
const codes = new Array(rows);
const times = new Float64Array(rows);
lines.forEach((line, i) => {
  const [secret, code, at] = line.split("\t");
  secrets[i] = secret;
  codes[i] = code;
  times[i] = Number(at);
});

function pass(n) {
  let matches = 0;
  for (let i = 0; i < n; i++) {
    if (verifySync({ secret: secrets[i], token: codes[i], epoch: times[i], epochTolerance: 30 }).valid) {
      matches++;
    }
  }
  return matches;
}

pass(Math.min(rows, 5000)); // let the JIT compile the hot path before timing
const t0 = process.hrtime.bigint();
const matches = pass(rows);
const ms = Number(process.hrtime.bigint() - t0) / 1e6;
console.log(`${rows} ${ms.toFixed(1)} ${matches}`);
