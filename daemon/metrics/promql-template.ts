/**
 * PromQL templates with two placeholders: `$selector` (label matchers such as
 * `job="serving",namespace="ml"`, possibly empty) and `$window` (a range such as `5m`).
 * Other `$` text (label_replace's `$1`) is left alone.
 */

const DURATION = /^(\d+(ms|s|m|h|d|w|y))+$/;

export function isPromDuration(text: string): boolean {
  return DURATION.test(text);
}

export function fillPromqlTemplate(template: string, values: { selector: string; window: string }): string {
  return template.replaceAll('$selector', values.selector).replaceAll('$window', values.window);
}
