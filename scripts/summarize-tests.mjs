// Sums vitest JSON reports (and plain check results) into the one closing line CI reads:
// "N passed, N failed" (skipped tests are counted on the line before).
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

const dir = process.argv[2];
let passed = 0;
let failed = 0;
let skipped = 0;
const lines = [];
for (const file of existsSync(dir) ? readdirSync(dir).sort() : []) {
  const path = join(dir, file);
  if (file.endsWith(".json")) {
    const report = JSON.parse(readFileSync(path, "utf8"));
    if (report.stats && report.numPassedTests === undefined) {
      // Playwright's JSON reporter.
      const { expected = 0, unexpected = 0, flaky = 0, skipped: skip = 0 } = report.stats;
      const errors = (report.errors ?? []).length;
      passed += expected + flaky;
      failed += unexpected + errors;
      skipped += skip;
      lines.push(
        `  ${file.replace(/\.json$/, "")}: ${expected + flaky} passed, ${unexpected + errors} failed${skip ? `, ${skip} skipped` : ""}`,
      );
      continue;
    }
    const p = report.numPassedTests ?? 0;
    const f =
      (report.numFailedTests ?? 0) + (report.success === false && (report.numFailedTests ?? 0) === 0 ? 1 : 0);
    const s = (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
    passed += p;
    failed += f;
    skipped += s;
    lines.push(`  ${file.replace(/\.json$/, "")}: ${p} passed, ${f} failed${s ? `, ${s} skipped` : ""}`);
  } else if (file.endsWith(".check")) {
    const text = readFileSync(path, "utf8").trim();
    const ok = text === "ok";
    if (ok) passed++;
    else failed++;
    lines.push(
      `  ${file.replace(/\.check$/, "")}: ${ok ? "ok" : text === "failed" ? "FAILED" : `FAILED (${text})`}`,
    );
  }
}
console.log("Suites:");
for (const line of lines) console.log(line);
if (skipped) console.log(`(${skipped} skipped)`);
// The closing line CI reads, exactly "N passed, N failed".
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 || lines.length === 0 ? 1 : 0);
