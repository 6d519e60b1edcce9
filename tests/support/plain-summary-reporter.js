// Prints the one plain line CI reads ("N passed, N failed[, N skipped]") after Jest's own summary,
// and writes it to $TEST_SUMMARY_FILE when set so .ci/run can repeat it as its last line.
import { writeFileSync } from 'node:fs';

export default class PlainSummaryReporter {
  onRunComplete(_contexts, results) {
    const skipped = results.numPendingTests + results.numTodoTests;
    // A suite that fails to load has no failed tests, yet the run failed: count it as one failure.
    const failed = results.numFailedTests + results.numRuntimeErrorTestSuites;
    let line = `${results.numPassedTests} passed, ${failed} failed`;
    if (skipped > 0) line += `, ${skipped} skipped`;
    process.stdout.write(`\n${line}\n`);
    if (process.env.TEST_SUMMARY_FILE) writeFileSync(process.env.TEST_SUMMARY_FILE, `${line}\n`);
  }
}
