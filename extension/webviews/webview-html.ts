/**
 * The one place webview HTML is made. It enforces the strict Content-Security-Policy: nothing by
 * default, styles and images only from the extension's own files, scripts only with this
 * render's nonce, workers only from blob URLs and only for pages that ask. Resources load only
 * from `dist/webviews` (the panel's localResourceRoots).
 */
import { randomBytes } from 'node:crypto';
import { Uri } from 'vscode';
import type { Webview } from 'vscode';

export interface WebviewPage {
  readonly title: string;
  /** File names under dist/webviews. */
  readonly script: string;
  readonly styles: readonly string[];
  /** Static markup; never built from data (data arrives as messages). */
  readonly body: string;
  /** The page starts workers from blob URLs of its own bundled code (`worker-src blob:`). */
  readonly blobWorkers?: boolean;
}

export function webviewRoot(extensionUri: Uri): Uri {
  return Uri.joinPath(extensionUri, 'dist', 'webviews');
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export function webviewHtml(webview: Webview, extensionUri: Uri, page: WebviewPage): string {
  const nonce = randomBytes(16).toString('base64');
  const asset = (name: string): string =>
    webview.asWebviewUri(Uri.joinPath(webviewRoot(extensionUri), name)).toString();
  const csp = [
    "default-src 'none'",
    `img-src ${webview.cspSource} data:`,
    `style-src ${webview.cspSource}`,
    `font-src ${webview.cspSource}`,
    `script-src 'nonce-${nonce}'`,
    ...(page.blobWorkers ? ['worker-src blob:'] : []),
  ].join('; ');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
${page.styles.map((style) => `<link rel="stylesheet" href="${asset(style)}">`).join('\n')}
<title>${escapeHtml(page.title)}</title>
</head>
<body>
${page.body}
<script nonce="${nonce}" src="${asset(page.script)}"></script>
</body>
</html>`;
}
