/** A colour of the current VS Code theme, read from its CSS variable on the body. */
export function themeColor(variable: string, fallback: string): string {
  return getComputedStyle(document.body).getPropertyValue(variable).trim() || fallback;
}
