/**
 * Ends every Jest run with one line of the form `N passed, N failed`, which CI looks for.
 * A suite that could not run at all (syntax error, failing beforeAll) counts as one failure,
 * so a broken file can never read as "0 failed".
 */
export default class SummaryReporter {
  onRunComplete(_contexts, results) {
    const failed = results.numFailedTests + results.numRuntimeErrorTestSuites
    process.stdout.write(`\n${results.numPassedTests} passed, ${failed} failed\n`)
  }
}
