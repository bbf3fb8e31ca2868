/**
 * The pages of Drydock's webviews (the Layer Preview and the Resource Graph): a fixed shell with a
 * strict CSP (`default-src 'none'`, the one script and stylesheet from the extension's media folder,
 * a per-load nonce, no inline handlers). The data arrives later by postMessage and is rendered with
 * textContent / setAttribute, so no file content becomes markup.
 */
export interface ShellOptions {
  cspSource: string;
  scriptUri: string;
  styleUri: string;
  nonce: string;
  title: string;
  /** Static markup of our own (never file content). */
  body: string;
}

export function renderWebviewShell(o: ShellOptions): string {
  const csp = [`default-src 'none'`, `style-src ${o.cspSource}`, `script-src 'nonce-${o.nonce}'`, `img-src ${o.cspSource}`].join('; ');
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${escapeAttr(o.styleUri)}">
<title>${escapeAttr(o.title)}</title>
</head>
<body>${o.body}
<script nonce="${o.nonce}" src="${escapeAttr(o.scriptUri)}"></script>
</body></html>`;
}

export function renderLayersShell(cspSource: string, scriptUri: string, styleUri: string, nonce: string): string {
  return renderWebviewShell({ cspSource, scriptUri, styleUri, nonce, title: 'Layers', body: '<main id="root" aria-label="Layer plan"></main>' });
}

function escapeAttr(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
}
