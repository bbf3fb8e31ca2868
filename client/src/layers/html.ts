import type { LayerPlan } from '../../../server/src/protocol';

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
}

/** The Layers view's page: a strict CSP (nonce for the one script, nothing remote), every file-derived string escaped. */
export function renderLayersHtml(cspSource: string, plan: LayerPlan | null, nonce: string): string {
  const csp = `default-src 'none'; style-src ${cspSource} 'nonce-${nonce}'; script-src 'nonce-${nonce}';`;
  let body: string;
  if (!plan) {
    body = `<p class="empty">Open a Dockerfile to see its stages and layers.</p>`;
  } else if (plan.stages.length === 0) {
    body = `<p class="empty">This Dockerfile has no FROM instruction yet.</p>`;
  } else {
    body = plan.stages
      .map((stage) => {
        const title = `${stage.name ? escapeHtml(stage.name) : `stage ${stage.index}`} <span class="base">FROM ${escapeHtml(stage.base ?? '?')}</span>`;
        const rows = stage.steps
          .map((s) => {
            const args = s.arguments.replace(/\s+/g, ' ');
            const short = args.length > 48 ? args.slice(0, 47) + '…' : args;
            return `<li class="step ${s.kind}" tabindex="0" role="button" data-line="${s.line}" title="${escapeHtml(args)}"><span class="ins">${escapeHtml(s.instruction)}</span> <span class="args">${escapeHtml(short)}</span><span class="kind">${s.kind === 'layer' ? 'layer' : 'no layer'}</span></li>`;
          })
          .join('');
        return `<section class="stage"><h3>${title}</h3><ol>${rows}</ol></section>`;
      })
      .join('');
  }
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<style nonce="${nonce}">
body { font-family: var(--vscode-font-family); font-size: var(--vscode-font-size); color: var(--vscode-foreground); padding: 0 8px; }
h3 { font-size: 1em; margin: 10px 0 4px; }
.base { color: var(--vscode-descriptionForeground); font-weight: normal; }
ol { list-style: none; margin: 0; padding: 0; }
.step { display: flex; gap: 6px; padding: 2px 4px; cursor: pointer; border-radius: 3px; }
.step:hover, .step:focus { background: var(--vscode-list-hoverBackground); outline: none; }
.step:focus-visible { outline: 1px solid var(--vscode-focusBorder); }
.step.config { opacity: 0.6; }
.ins { font-weight: 600; min-width: 5.5em; }
.args { flex: 1; overflow: hidden; white-space: nowrap; text-overflow: ellipsis; font-family: var(--vscode-editor-font-family); }
.kind { color: var(--vscode-descriptionForeground); }
.empty { color: var(--vscode-descriptionForeground); }
</style></head>
<body>${body}
<script nonce="${nonce}">
const vscode = acquireVsCodeApi();
for (const el of document.querySelectorAll('.step')) {
  const reveal = () => vscode.postMessage({ type: 'reveal', line: Number(el.dataset.line) });
  el.addEventListener('click', reveal);
  el.addEventListener('keydown', (e) => { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); reveal(); } });
}
</script></body></html>`;
}
