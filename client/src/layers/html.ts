/**
 * The Layer Preview's page: a fixed shell with a strict CSP (`default-src 'none'`, the one script
 * and stylesheet from the extension's media folder, a per-load nonce, no inline handlers). The plan
 * arrives later by postMessage and is rendered with textContent, so no file content becomes markup.
 */
export function renderLayersShell(cspSource: string, scriptUri: string, styleUri: string, nonce: string): string {
  const csp = [`default-src 'none'`, `style-src ${cspSource}`, `script-src 'nonce-${nonce}'`, `img-src ${cspSource}`].join('; ');
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${escapeAttr(styleUri)}">
<title>Layers</title>
</head>
<body><main id="root" aria-label="Layer plan"></main>
<script nonce="${nonce}" src="${escapeAttr(scriptUri)}"></script>
</body></html>`;
}

function escapeAttr(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
}
