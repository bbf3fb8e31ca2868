// The Layer Preview's script. It receives the layer plan by postMessage and builds the DOM with
// textContent only: no string from a Dockerfile ever reaches innerHTML.
(function () {
  const vscode = acquireVsCodeApi();
  const root = document.getElementById('root');

  function el(tag, cls, text) {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }

  function bytes(n) {
    if (n === null || n === undefined) return '';
    if (n < 1024) return n + ' B';
    const units = ['KB', 'MB', 'GB', 'TB'];
    let v = n / 1024;
    let i = 0;
    while (v >= 1024 && i < units.length - 1) { v /= 1024; i++; }
    return (v >= 100 ? v.toFixed(0) : v.toFixed(1)) + ' ' + units[i];
  }

  function isPlan(p) {
    return p && typeof p === 'object' && Array.isArray(p.stages);
  }

  function render(state) {
    root.replaceChildren();
    const plan = state && state.plan;
    if (!isPlan(plan)) {
      root.appendChild(el('p', 'empty', state && state.message ? state.message : 'Open a Dockerfile to see its stages and layers.'));
      return;
    }
    if (plan.stages.length === 0) {
      root.appendChild(el('p', 'empty', 'This Dockerfile has no FROM instruction yet.'));
      return;
    }
    let max = 1;
    for (const s of plan.stages) for (const st of s.steps) if (typeof st.tarBytes === 'number' || typeof st.sizeBytes === 'number') max = Math.max(max, st.tarBytes ?? st.sizeBytes ?? 0);
    const header = el('div', 'summary');
    const layerCount = plan.image && Array.isArray(plan.image.layers) ? plan.image.layers.length : 0;
    header.appendChild(el('span', '', (plan.target ? 'target ' + plan.target + ' · ' : '') + layerCount + ' layer' + (layerCount === 1 ? '' : 's')));
    if (plan.image && typeof plan.image.knownBytes === 'number' && plan.image.knownBytes > 0) header.appendChild(el('span', 'total', ' · ' + bytes(plan.image.knownBytes) + ' known'));
    root.appendChild(header);
    const changed = typeof state.changed === 'string' ? state.changed : null;
    const bar = el('div', 'changed' + (changed ? ' active' : ''));
    if (changed) {
      let n = 0;
      for (const s of plan.stages) for (const st of s.steps) if (st.rebuilds === true) n++;
      const what = changed.startsWith('arg:') ? 'build-arg ' + changed.slice(4) : changed;
      bar.appendChild(el('span', 'changed-text', 'A change to ' + what + ' rebuilds ' + n + ' step' + (n === 1 ? '' : 's')));
      const clear = el('button', 'link', 'Clear');
      clear.dataset.action = 'clearChanged';
      bar.appendChild(clear);
    } else {
      const pick = el('button', 'link', 'Which layers rebuild?');
      pick.dataset.action = 'pickChanged';
      pick.title = 'Choose a file of the build context; the steps a change to it rebuilds are marked';
      bar.appendChild(pick);
    }
    root.appendChild(bar);
    if (Array.isArray(plan.sharedWith) && plan.sharedWith.length) {
      const shared = el('div', 'shared');
      for (const s of plan.sharedWith.slice(0, 5)) {
        const name = String(s.path || '').split(/[\\/]/).slice(-2).join('/');
        shared.appendChild(el('div', '', 'shares ' + Number(s.layers) + ' layer' + (Number(s.layers) === 1 ? '' : 's') + (s.bytes ? ' (' + bytes(Number(s.bytes)) + ')' : '') + ' with ' + name));
      }
      root.appendChild(shared);
    }
    for (const stage of plan.stages) {
      const section = el('section', 'stage' + (stage.skipped ? ' skipped' : ''));
      const h = el('h3', 'stage-title');
      h.appendChild(el('span', 'stage-name', stage.name || 'stage ' + stage.index));
      h.appendChild(el('span', 'base', ' FROM ' + (stage.base || '?')));
      if (stage.skipped) h.appendChild(el('span', 'badge', 'skipped'));
      h.tabIndex = 0;
      h.dataset.line = String(stage.range ? stage.range.start.line : 0);
      section.appendChild(h);
      const list = el('ol', 'steps');
      let running = 0;
      for (const step of stage.steps) {
        const li = el('li', 'step ' + (step.kind === 'layer' ? 'layer' : 'config') + (step.rebuilds ? ' rebuilds' : ''));
        li.tabIndex = 0;
        li.setAttribute('role', 'button');
        li.dataset.line = String(step.line);
        const args = String(step.arguments || '').replace(/\s+/g, ' ');
        li.title = step.instruction + ' ' + args;
        li.appendChild(el('span', 'ins', step.instruction));
        li.appendChild(el('span', 'args', args));
        const size = step.tarBytes ?? step.sizeBytes;
        const meta = el('span', 'meta');
        if (step.kind !== 'layer') meta.textContent = 'no layer';
        else if (typeof size === 'number') {
          running += size;
          meta.textContent = (step.estimated ? '≈ ' : '') + bytes(size);
          const bar = el('span', 'bar' + (step.estimated ? ' estimated' : ''));
          bar.style.width = Math.max(2, Math.round((size / max) * 100)) + '%';
          li.appendChild(bar);
        } else meta.textContent = 'layer';
        li.appendChild(meta);
        if (step.rebuilds === true) {
          li.appendChild(el('span', 'rebuild-badge', 'rebuilds'));
          li.setAttribute('aria-label', step.instruction + ' ' + args + ' (rebuilds)');
        }
        list.appendChild(li);
      }
      section.appendChild(list);
      if (running > 0) section.appendChild(el('div', 'running', 'stage total ' + bytes(running)));
      root.appendChild(section);
    }
  }

  function reveal(target) {
    const line = Number(target.dataset.line);
    if (Number.isInteger(line) && line >= 0) vscode.postMessage({ type: 'reveal', line });
  }

  root.addEventListener('click', (e) => {
    const action = e.target.closest('button[data-action]');
    if (action) {
      const type = action.dataset.action;
      if (type === 'clearChanged' || type === 'pickChanged') vscode.postMessage({ type });
      return;
    }
    const t = e.target.closest('[data-line]');
    if (t) reveal(t);
  });
  root.addEventListener('keydown', (e) => {
    const t = e.target.closest('[data-line]');
    if (!t) return;
    if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); reveal(t); }
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      const all = Array.from(root.querySelectorAll('[data-line]'));
      const i = all.indexOf(t) + (e.key === 'ArrowDown' ? 1 : -1);
      if (all[i]) all[i].focus();
    }
  });

  window.addEventListener('message', (event) => {
    const msg = event.data;
    if (!msg || typeof msg !== 'object' || msg.type !== 'plan') return;
    const state = { plan: isPlan(msg.plan) ? msg.plan : null, message: typeof msg.message === 'string' ? msg.message : undefined, changed: typeof msg.changed === 'string' ? msg.changed : null };
    vscode.setState(state);
    render(state);
  });

  render(vscode.getState());
  vscode.postMessage({ type: 'ready' });
})();
