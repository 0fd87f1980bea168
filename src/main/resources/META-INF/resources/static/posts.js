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
  // filters from the address (links from the dashboard and the reports: the posts behind a figure)
  const FIXED = ['from', 'to', 'category', 'place', 'source'];
  const NAMES = { from: '自', to: '至', category: '类别', place: '地点', source: '来源' };
  const url = new URLSearchParams(location.search);
  const fixed = new URLSearchParams();
  FIXED.forEach(k => { if (url.get(k)) fixed.set(k, url.get(k)); });
  if (url.get('sentiment')) sentiment.value = url.get('sentiment');
  if (url.get('q')) keyword.value = url.get('q');
  const evidence = document.getElementById('evidence');
  let page = 0;

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
    if (fresh && [...fixed.keys()].length > 0) return;   // a fixed period or filter: only what the list API returns
    shown.add(p.id);
    const tr = row(p, fresh);
    if (fresh) tbody.insertBefore(tr, tbody.firstChild); else tbody.appendChild(tr);
    while ([...fixed.keys()].length === 0 && tbody.children.length > MAX_ROWS) tbody.removeChild(tbody.lastChild);
    empty.hidden = tbody.children.length > 0;
  }

  function load(more) {
    page = more ? page + 1 : 0;
    const params = new URLSearchParams(fixed);
    params.set('size', '50');
    params.set('page', String(page));
    if (sentiment.value) params.set('sentiment', sentiment.value);
    if (keyword.value.trim()) params.set('q', keyword.value.trim());
    fetch('/api/posts?' + params, { credentials: 'same-origin', headers: { Accept: 'application/json' } })
      .then(r => { if (r.status === 401) { location.href = '/login'; } return r.json(); })
      .then(result => {
        if (!more) { tbody.textContent = ''; shown.clear(); }
        (result.items || []).forEach(p => add(p, false));
        empty.hidden = tbody.children.length > 0;
        if (evidence && [...fixed.keys()].length > 0) {
          evidence.hidden = false;
          evidence.textContent = '筛选：' + [...fixed.entries()].map(e => (NAMES[e[0]] || e[0]) + ' ' + e[1]).join(' · ')
            + (sentiment.value ? ' · 情感 ' + (LABELS[sentiment.value] || sentiment.value) : '')
            + (keyword.value.trim() ? ' · 关键词 ' + keyword.value.trim() : '') + ' —— 共 ' + result.total + ' 条';
          evidence.dataset.total = String(result.total);
          const moreButton = document.getElementById('more');
          if (moreButton) moreButton.hidden = (page + 1) * 50 >= result.total;
        }
      })
      .catch(() => { status.textContent = '加载失败'; });
  }

  function connect() {
    const source = new EventSource('/api/posts/stream');
    source.onopen = () => { status.textContent = '实时更新中'; status.className = 'live'; };
    source.onmessage = ev => { try { add(JSON.parse(ev.data), true); } catch (e) { /* ignore malformed event */ } };
    source.onerror = () => { status.textContent = '连接中断，正在重连…'; status.className = 'muted'; };
  }

  sentiment.addEventListener('change', () => load(false));
  let timer = null;
  keyword.addEventListener('input', () => { clearTimeout(timer); timer = setTimeout(() => load(false), 300); });
  const moreButton = document.getElementById('more');
  if (moreButton) moreButton.addEventListener('click', () => load(true));
  load(false);
  connect();
}());
