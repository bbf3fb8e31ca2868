// The Resource Graph's script. It receives a graph already laid out (by elkjs, in the extension host)
// and draws it as SVG with createElementNS, setAttribute and textContent only: no name or label from
// a manifest ever reaches innerHTML. Clicking (or Enter on) a node asks the extension to reveal it.
(function () {
  const vscode = acquireVsCodeApi();
  const SVG = 'http://www.w3.org/2000/svg';
  const root = document.getElementById('root');
  const toolbar = document.getElementById('toolbar');
  const GROUPS = ['workload', 'pod', 'network', 'config', 'storage', 'scaling', 'access', 'namespace', 'image', 'other'];
  const RELATIONS = ['owns', 'selects', 'routes', 'scales', 'uses', 'runs', 'binds'];

  function el(tag, cls, text) {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }
  function svg(tag, attrs, text) {
    const e = document.createElementNS(SVG, tag);
    for (const k in attrs) e.setAttribute(k, String(attrs[k]));
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }
  const num = (v) => (typeof v === 'number' && Number.isFinite(v) ? v : 0);
  const str = (v) => (typeof v === 'string' ? v : '');

  function isGraph(g) {
    return g && typeof g === 'object' && Array.isArray(g.nodes) && Array.isArray(g.edges) && Array.isArray(g.namespaces);
  }

  // --- toolbar: namespace filter, counts, legend ---------------------------------------------
  const label = el('label', 'filter');
  label.appendChild(el('span', '', 'Namespace '));
  const select = el('select');
  select.id = 'namespace';
  label.appendChild(select);
  const counts = el('span', 'counts');
  const legend = el('span', 'legend');
  for (const [g, text] of [['workload', 'workload'], ['network', 'network'], ['config', 'config'], ['storage', 'storage'], ['image', 'Dockerfile']]) {
    const item = el('span', 'legend-item group-' + g);
    item.appendChild(el('span', 'swatch'));
    item.appendChild(el('span', '', text));
    legend.appendChild(item);
  }
  const miss = el('span', 'legend-item dangling');
  miss.appendChild(el('span', 'swatch'));
  miss.appendChild(el('span', '', 'dangling reference'));
  legend.appendChild(miss);
  // Actual size (scrolling) by default; "Fit to panel" scales the drawing down to the panel's width.
  const fit = el('button', 'toggle', 'Fit to panel');
  fit.id = 'fit';
  fit.title = 'Switch between fitting the graph to the panel and drawing it at its actual size';
  function setFit(on) {
    document.body.classList.toggle('fit', on);
    fit.textContent = on ? 'Actual size' : 'Fit to panel';
    fit.setAttribute('aria-pressed', on ? 'true' : 'false');
  }
  fit.addEventListener('click', () => {
    const on = !document.body.classList.contains('fit');
    setFit(on);
    vscode.setState(Object.assign({}, vscode.getState() || {}, { fit: on }));
  });
  toolbar.appendChild(label);
  toolbar.appendChild(fit);
  toolbar.appendChild(counts);
  toolbar.appendChild(legend);
  select.addEventListener('change', () => {
    vscode.postMessage({ type: 'namespace', namespace: select.value === '' ? null : select.value });
  });

  function fillSelect(graph) {
    select.replaceChildren();
    const all = el('option', '', 'All namespaces');
    all.value = '';
    select.appendChild(all);
    for (const ns of graph.namespaces) {
      if (typeof ns !== 'string') continue;
      const o = el('option', '', ns);
      o.value = ns;
      select.appendChild(o);
    }
    select.value = typeof graph.namespace === 'string' ? graph.namespace : '';
  }

  // --- the drawing ----------------------------------------------------------------------------
  function pathOf(points) {
    return points.map((p, i) => (i === 0 ? 'M' : 'L') + num(p.x) + ' ' + num(p.y)).join(' ');
  }

  function render(state) {
    root.replaceChildren();
    const graph = state && state.graph;
    if (!isGraph(graph)) {
      counts.textContent = '';
      root.appendChild(el('p', 'empty', state && state.message ? state.message : 'Loading the resource graph…'));
      return;
    }
    fillSelect(graph);
    const dangling = graph.edges.filter((e) => e && e.dangling === true).length;
    counts.textContent = graph.nodes.length + ' nodes · ' + graph.edges.length + ' edges' + (dangling ? ' · ' + dangling + ' dangling' : '');
    if (graph.nodes.length === 0) {
      root.appendChild(el('p', 'empty', 'No Kubernetes resources in the workspace' + (graph.namespace ? ' in namespace ' + graph.namespace : '') + '.'));
      return;
    }
    const width = Math.max(1, num(graph.width));
    const height = Math.max(1, num(graph.height));
    const s = svg('svg', { width, height, viewBox: '0 0 ' + width + ' ' + height, role: 'group', 'aria-label': 'Resource graph' });
    const defs = svg('defs', {});
    for (const [id, cls] of [['arrow', 'arrow'], ['arrow-dangling', 'arrow dangling']]) {
      const m = svg('marker', { id, viewBox: '0 0 10 10', refX: 10, refY: 5, markerWidth: 7, markerHeight: 7, orient: 'auto-start-reverse' });
      m.appendChild(svg('path', { d: 'M0 0 L10 5 L0 10 z', class: cls }));
      defs.appendChild(m);
    }
    s.appendChild(defs);

    const edges = svg('g', { class: 'edges' });
    for (const e of graph.edges) {
      if (!e || !Array.isArray(e.points) || e.points.length < 2) continue;
      const rel = RELATIONS.includes(e.relation) ? e.relation : 'other';
      const g = svg('g', { class: 'edge rel-' + rel + (e.dangling === true ? ' dangling' : '') });
      g.setAttribute('data-from', str(e.from));
      g.setAttribute('data-to', str(e.to));
      g.appendChild(svg('title', {}, str(e.from) + ' → ' + str(e.to) + ': ' + str(e.label)));
      g.appendChild(svg('path', { d: pathOf(e.points), 'marker-end': e.dangling === true ? 'url(#arrow-dangling)' : 'url(#arrow)' }));
      const box = e.labelBox;
      if (box && typeof box === 'object') {
        g.appendChild(svg('rect', { class: 'label-bg', x: num(box.x) - 2, y: num(box.y) - 1, width: num(box.width) + 4, height: num(box.height) + 2, rx: 2 }));
        g.appendChild(svg('text', { class: 'edge-label', x: num(box.x) + num(box.width) / 2, y: num(box.y) + num(box.height) - 3, 'text-anchor': 'middle' }, str(e.label)));
      }
      edges.appendChild(g);
    }
    s.appendChild(edges);

    const nodes = svg('g', { class: 'nodes' });
    for (const n of graph.nodes) {
      if (!n || typeof n.id !== 'string') continue;
      const group = GROUPS.includes(n.group) ? n.group : 'other';
      const g = svg('g', { class: 'node group-' + group + (n.dangling === true ? ' dangling' : '') + (n.uri ? ' has-source' : ''), transform: 'translate(' + num(n.x) + ' ' + num(n.y) + ')' });
      g.setAttribute('data-id', n.id);
      g.setAttribute('data-kind', str(n.kind));
      g.setAttribute('data-name', str(n.name));
      const desc = (n.kind ? n.kind + ' ' : '') + str(n.name) + (n.namespace ? ' in ' + n.namespace : '') + (n.dangling === true ? ' (dangling reference)' : '');
      g.setAttribute('aria-label', desc);
      if (n.uri) {
        g.setAttribute('tabindex', '0');
        g.setAttribute('role', 'button');
      }
      g.appendChild(svg('title', {}, desc));
      g.appendChild(svg('rect', { class: 'box', width: num(n.width), height: num(n.height), rx: 4 }));
      g.appendChild(svg('rect', { class: 'stripe', width: 4, height: num(n.height), rx: 2 }));
      g.appendChild(svg('text', { class: 'kind', x: 12, y: 16 }, str(n.title)));
      g.appendChild(svg('text', { class: 'name', x: 12, y: 33 }, str(n.label)));
      nodes.appendChild(g);
    }
    s.appendChild(nodes);
    root.appendChild(s);
    if (state.selected) mark(state.selected);
  }

  function mark(id) {
    for (const n of root.querySelectorAll('.node.selected')) n.classList.remove('selected');
    for (const n of root.querySelectorAll('.node')) if (n.getAttribute('data-id') === id) n.classList.add('selected');
  }

  function reveal(node) {
    const id = node.getAttribute('data-id');
    if (!id) return;
    mark(id);
    const state = vscode.getState() || {};
    vscode.setState(Object.assign({}, state, { selected: id }));
    vscode.postMessage({ type: 'reveal', id });
  }

  root.addEventListener('click', (e) => {
    const t = e.target.closest('.node.has-source');
    if (t) reveal(t);
  });
  // Pointing at (or focusing) a node brings its edges and neighbours forward and dims the rest.
  function highlight(node) {
    const svgEl = root.querySelector('svg');
    if (!svgEl) return;
    for (const x of svgEl.querySelectorAll('.near')) x.classList.remove('near');
    if (!node) { svgEl.classList.remove('focusing'); return; }
    const id = node.getAttribute('data-id');
    const near = new Set([id]);
    for (const edge of svgEl.querySelectorAll('.edge')) {
      const from = edge.getAttribute('data-from');
      const to = edge.getAttribute('data-to');
      if (from === id || to === id) {
        edge.classList.add('near');
        near.add(from);
        near.add(to);
      }
    }
    for (const n of svgEl.querySelectorAll('.node')) if (near.has(n.getAttribute('data-id'))) n.classList.add('near');
    svgEl.classList.add('focusing');
  }
  root.addEventListener('mouseover', (e) => highlight(e.target.closest('.node')));
  root.addEventListener('mouseleave', () => highlight(null));
  root.addEventListener('focusin', (e) => highlight(e.target.closest('.node')));
  root.addEventListener('focusout', () => highlight(null));

  root.addEventListener('keydown', (e) => {
    const t = e.target.closest('.node.has-source');
    if (!t) return;
    if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); reveal(t); }
  });

  window.addEventListener('message', (event) => {
    const msg = event.data;
    if (!msg || typeof msg !== 'object' || msg.type !== 'graph') return;
    const prev = vscode.getState() || {};
    const state = { graph: isGraph(msg.graph) ? msg.graph : null, message: typeof msg.message === 'string' ? msg.message : undefined, selected: typeof prev.selected === 'string' ? prev.selected : undefined, fit: prev.fit === true };
    vscode.setState(state);
    render(state);
  });

  const initial = vscode.getState();
  setFit(!!initial && initial.fit === true);
  render(initial);
  vscode.postMessage({ type: 'ready' });
})();
