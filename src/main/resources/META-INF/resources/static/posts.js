// Latest posts: loads the newest page, then adds posts as the server pushes them (server-sent events).
// Every value is put into the page with textContent, so post text can never become markup.
(function () {
  'use strict';
  const LABELS = { negative: '负面', neutral: '中性', positive: '正面' };
  const MAX_ROWS = 200;
  const tbody = document.querySelector('#posts tbody');
  const empty = document.getElementById('empty');
  const status = document.getElementById('live-status');
  const sentiment = document.getElementById('filter-sentiment');
  const keyword = document.getElementById('filter-q');
  const shown = new Set();

  function el(tag, cls, text) {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }

  function time(iso) {
    if (!iso) return '';
    return iso.replace('T', ' ').substring(0, 16);
  }

  function safeHref(url) {
    try {
      const u = new URL(url);
      return (u.protocol === 'http:' || u.protocol === 'https:') ? u.href : null;
    } catch (e) { return null; }
  }

  function matches(p) {
    if (sentiment.value && p.sentiment !== sentiment.value) return false;
    const q = keyword.value.trim().toLowerCase();
    if (q && !((p.title || '') + (p.excerpt || '')).toLowerCase().includes(q)) return false;
    return true;
  }

  function row(p, fresh) {
    const tr = el('tr', fresh ? 'fresh' : '');
    tr.dataset.id = p.id;
    tr.appendChild(el('td', 'time', time(p.publishedAt)));
    tr.appendChild(el('td', 'source', p.source ? p.source.name : ''));
    const title = el('td', 'title');
    const href = safeHref(p.url);
    const a = el(href ? 'a' : 'span', null, p.title || (p.excerpt || '').substring(0, 40) || '（无标题）');
    if (href) { a.href = href; a.target = '_blank'; a.rel = 'noopener noreferrer nofollow'; }
    title.appendChild(a);
    if (p.excerpt) title.appendChild(el('div', 'excerpt', p.excerpt));
    tr.appendChild(title);
    tr.appendChild(el('td', 'author', p.author || ''));
    const s = el('td', 'sentiment');
    const label = p.sentiment || 'neutral';
    s.appendChild(el('span', 'badge ' + (LABELS[label] ? label : 'neutral'), LABELS[label] || label));
    tr.appendChild(s);
    return tr;
  }

  function add(p, fresh) {
    if (shown.has(p.id) || !matches(p)) return;
    shown.add(p.id);
    const tr = row(p, fresh);
    if (fresh) tbody.insertBefore(tr, tbody.firstChild); else tbody.appendChild(tr);
    while (tbody.children.length > MAX_ROWS) tbody.removeChild(tbody.lastChild);
    empty.hidden = tbody.children.length > 0;
  }

  function load() {
    const params = new URLSearchParams({ size: '50' });
    if (sentiment.value) params.set('sentiment', sentiment.value);
    if (keyword.value.trim()) params.set('q', keyword.value.trim());
    fetch('/api/posts?' + params, { credentials: 'same-origin', headers: { Accept: 'application/json' } })
      .then(r => { if (r.status === 401) { location.href = '/login'; } return r.json(); })
      .then(page => {
        tbody.textContent = '';
        shown.clear();
        (page.items || []).forEach(p => add(p, false));
        empty.hidden = tbody.children.length > 0;
      })
      .catch(() => { status.textContent = '加载失败'; });
  }

  function connect() {
    const source = new EventSource('/api/posts/stream');
    source.onopen = () => { status.textContent = '实时更新中'; status.className = 'live'; };
    source.onmessage = ev => { try { add(JSON.parse(ev.data), true); } catch (e) { /* ignore malformed event */ } };
    source.onerror = () => { status.textContent = '连接中断，正在重连…'; status.className = 'muted'; };
  }

  sentiment.addEventListener('change', load);
  let timer = null;
  keyword.addEventListener('input', () => { clearTimeout(timer); timer = setTimeout(load, 300); });
  load();
  connect();
}());
