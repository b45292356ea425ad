/** Test code (pytest files, `tests/` folders) exercises randomness on purpose; the A/B rules skip it. */
export function isTestFile(uri: string): boolean {
  return /(^|\/)(tests?\/|test_[^/]*\.(py|ipynb)$|[^/]*_test\.(py|ipynb)$|conftest\.py$)/.test(uri);
}
