// Prints the one closing line CI reads, from vitest's JSON report. A missing report means the run
// stopped before vitest (typecheck or build failed): that counts as one failure.
import { existsSync, readFileSync } from 'node:fs';

const file = process.argv[2] ?? 'test-results/vitest.json';
if (!existsSync(file)) {
  console.log('tests: 0 passed, 1 failed');
} else {
  const report = JSON.parse(readFileSync(file, 'utf8'));
  // A test file that failed to load has no failed test of its own: count it as one.
  const filesThatFailedToLoad = report.testResults.filter(
    (file) => file.status === 'failed' && !file.assertionResults.some((test) => test.status === 'failed'),
  ).length;
  console.log(`tests: ${report.numPassedTests} passed, ${report.numFailedTests + filesThatFailedToLoad} failed`);
}
