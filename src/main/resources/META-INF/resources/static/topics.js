// Topics: the list with hotness, a 24-hour sparkline, the sentiment mix and the emerging badge, polled every 15 s.
// Every value is put into the page with textContent or as SVG attributes, so topic text can never become markup.
(function () {
  'use strict';
  const tbody = document.querySelector('#topics tbody');
  const empty = document.getElementById('empty');
  const status = document.getElementById('live-status');
  const f = {
    sort: document.getElementById('filter-sort'),
    sentiment: document.getElementById('filter-sentiment'),
    category: document.getElementById('filter-category'),
    place: document.getElementById('filter-place'),
    emerging: document.getElementById('filter-emerging')
  };
  const SVG = 'http://www.w3.org/2000/svg';

  function el(tag, cls, text) {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }

  function sparkline(values) {
    const w = 96, h = 24, max = Math.max(1, ...values);
    const svg = document.createElementNS(SVG, 'svg');
    svg.setAttribute('width', w); svg.setAttribute('height', h); svg.setAttribute('class', 'spark');
    const line = document.createElementNS(SVG, 'polyline');
    const pts = values.map((v, i) => (i * w / Math.max(1, values.length - 1)).toFixed(1) + ',' + (h - 2 - v * (h - 4) / max).toFixed(1));
    line.setAttribute('points', pts.join(' '));
    line.setAttribute('fill', 'none'); line.setAttribute('stroke', '#c0392b'); line.setAttribute('stroke-width', '1.5');
    svg.appendChild(line);
    return svg;
  }

  function sentimentBar(s) {
    const total = Math.max(1, s.negative + s.neutral + s.positive);
    const bar = el('span', 'sentbar');
    bar.title = '负面 ' + s.negative + ' · 中性 ' + s.neutral + ' · 正面 ' + s.positive;
    ['negative', 'neutral', 'positive'].forEach(k => {
      const part = el('span', k);
      part.style.width = (100 * s[k] / total) + '%';
      bar.appendChild(part);
    });
    return bar;
  }

  function row(t) {
    const tr = el('tr');
    const label = el('td', 'title');
    const a = el('a', null, t.label);
    a.href = '/topics/' + encodeURIComponent(t.id);
    label.appendChild(a);
    if (t.emerging) {
      label.appendChild(document.createTextNode(' '));
      const b = el('span', 'badge negative', '新兴');
      b.title = t.emergingReason || '';
      label.appendChild(b);
    }
    if (t.status !== 'open') label.appendChild(el('span', 'muted', ' (' + (t.status === 'closed' ? '已关闭' : t.status) + ')'));
    label.appendChild(el('div', 'excerpt', (t.keywords || []).join(' · ')));
    tr.appendChild(label);
    tr.appendChild(el('td', 'hotness', t.hotness.toFixed(1)));
    const trend = el('td'); trend.appendChild(sparkline(t.trend || [])); tr.appendChild(trend);
    const s = el('td'); s.appendChild(sentimentBar(t.sentiment)); tr.appendChild(s);
    tr.appendChild(el('td', null, t.postCount));
    tr.appendChild(el('td', null, t.sourceCount));
    tr.appendChild(el('td', 'time', (t.lastSeen || '').replace('T', ' ').substring(0, 16)));
    return tr;
  }

  function load() {
    const params = new URLSearchParams({ size: '100', sort: f.sort.value });
    if (f.sentiment.value) params.set('sentiment', f.sentiment.value);
    if (f.category.value.trim()) params.set('category', f.category.value.trim());
    if (f.place.value.trim()) params.set('place', f.place.value.trim());
    if (f.emerging.checked) params.set('emerging', 'true');
    fetch('/api/topics?' + params, { credentials: 'same-origin', headers: { Accept: 'application/json' } })
      .then(r => { if (r.status === 401) { location.href = '/login'; } return r.json(); })
      .then(page => {
        tbody.textContent = '';
        (page.items || []).forEach(t => tbody.appendChild(row(t)));
        empty.hidden = tbody.children.length > 0;
        status.textContent = '每 15 秒更新 · ' + new Date().toLocaleTimeString();
        status.className = 'live';
      })
      .catch(() => { status.textContent = '加载失败'; status.className = 'muted'; });
  }

  let timer = null;
  [f.sort, f.sentiment, f.emerging].forEach(e => e.addEventListener('change', load));
  [f.category, f.place].forEach(e => e.addEventListener('input', () => { clearTimeout(timer); timer = setTimeout(load, 300); }));
  load();
  setInterval(load, 15000);
}());
