/**
 * Test code exercises randomness on purpose, and names its cases "test"; the A/B rules and
 * repro/tuning-on-test-set skip it: `test_*.py`, `*_test.py`,
 * `conftest.py` (and notebooks named so), anything under a `tests/` folder, or directly in `test/`.
 */
export function isTestFile(uri: string): boolean {
  const parts = uri.split('/');
  const name = parts.at(-1) ?? '';
  if (/^(test_.*|.*_test)\.(py|ipynb)$|^conftest\.py$/.test(name)) return true;
  return parts.at(-2) === 'test' || parts.slice(0, -1).includes('tests');
}
