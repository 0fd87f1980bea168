// One topic: hourly timeline (ECharts), keywords, places, categories, sources, posts and, for analysts, the edits.
// Polled every 15 s. Values go into the page with textContent only.
(function () {
  'use strict';
  const root = document.getElementById('topic');
  const id = root.dataset.topicId;
  const canEdit = root.dataset.canEdit === 'true';
  const LABELS = { negative: '负面', neutral: '中性', positive: '正面' };
  const STATUS = { open: '进行中', closed: '已关闭', merged: '已合并' };
  const chart = window.echarts ? window.echarts.init(document.getElementById('timeline')) : null;
  const selected = new Set();

  function el(tag, cls, text) {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }

  function api(method, path, body) {
    const opts = { method: method, credentials: 'same-origin', headers: { Accept: 'application/json' } };
    if (body !== undefined) { opts.headers['Content-Type'] = 'application/json'; opts.body = JSON.stringify(body); }
    return fetch(path, opts).then(r => {
      if (r.status === 401) { location.href = '/login'; }
      return r.json().then(j => ({ ok: r.ok, body: j }));
    });
  }

  function fill(ul, items) {
    ul.textContent = '';
    items.forEach(t => ul.appendChild(el('li', null, t)));
  }

  function showTopic(t) {
    document.getElementById('topic-label').textContent = t.label;
    document.getElementById('topic-status').textContent = STATUS[t.status] || t.status;
    document.getElementById('topic-emerging').hidden = !t.emerging;
    document.getElementById('topic-reason').textContent = t.emergingReason || '';
    const s = t.sentiment;
    document.getElementById('topic-figures').textContent = '热度 ' + t.hotness.toFixed(1) + ' · 帖子 ' + t.postCount
      + ' · 回复 ' + t.replyCount + ' · 浏览 ' + t.viewCount + ' · 来源 ' + t.sourceCount + ' · 作者 ' + t.authorCount
      + ' · 负面 ' + Math.round(100 * s.negativeShare) + '% · 首次 ' + (t.firstSeen || '').replace('T', ' ').substring(0, 16)
      + ' · 最近 ' + (t.lastSeen || '').replace('T', ' ').substring(0, 16)
      + (t.mergedInto ? ' · 已并入 #' + t.mergedInto : '');
    fill(document.getElementById('topic-keywords'), t.keywords || []);
    fill(document.getElementById('topic-places'), Object.keys(t.places || {}).map(k => k + ' ' + t.places[k]));
    fill(document.getElementById('topic-categories'), Object.keys(t.categories || {}).map(k => k + ' ' + t.categories[k]));
    fill(document.getElementById('topic-sources'), (t.sources || []).map(x => x.name + '：' + x.posts));
  }

  function showTimeline(points) {
    if (!chart) return;
    chart.setOption({
      tooltip: { trigger: 'axis' },
      legend: { data: ['帖子', '负面', '正面'] },
      xAxis: { type: 'category', data: points.map(p => p.hour.replace('T', ' ').substring(5, 16)) },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        { name: '帖子', type: 'bar', data: points.map(p => p.posts), itemStyle: { color: '#5470c6' } },
        { name: '负面', type: 'line', data: points.map(p => p.negative), itemStyle: { color: '#c0392b' } },
        { name: '正面', type: 'line', data: points.map(p => p.positive), itemStyle: { color: '#27ae60' } }
      ]
    });
  }

  function showPosts(page) {
    const tbody = document.querySelector('#topic-posts tbody');
    tbody.textContent = '';
    (page.items || []).forEach(p => {
      const tr = el('tr');
      if (canEdit) {
        const td = el('td');
        const box = el('input');
        box.type = 'checkbox';
        box.checked = selected.has(p.id);
        box.addEventListener('change', () => { if (box.checked) selected.add(p.id); else selected.delete(p.id); });
        td.appendChild(box);
        tr.appendChild(td);
      }
      tr.appendChild(el('td', 'time', (p.publishedAt || '').replace('T', ' ').substring(0, 16)));
      tr.appendChild(el('td', 'source', p.source));
      const c = el('td', 'title');
      c.appendChild(el('div', null, p.title || ''));
      c.appendChild(el('div', 'excerpt', p.excerpt || ''));
      tr.appendChild(c);
      const s = el('td');
      const label = p.sentiment || 'neutral';
      s.appendChild(el('span', 'badge ' + (LABELS[label] ? label : 'neutral'), LABELS[label] || label));
      tr.appendChild(s);
      tbody.appendChild(tr);
    });
  }

  function load() {
    api('GET', '/api/topics/' + id).then(r => { if (r.ok) showTopic(r.body); });
    api('GET', '/api/topics/' + id + '/timeline').then(r => { if (r.ok) showTimeline(r.body); });
    api('GET', '/api/topics/' + id + '/posts?size=50').then(r => { if (r.ok) showPosts(r.body); });
  }

  function edit(path, body) {
    const out = document.getElementById('edit-result');
    api('POST', '/api/topics/' + id + path, body).then(r => {
      if (r.ok) {
        out.textContent = '已完成';
        if (path === '/split' || path === '/merge') { location.href = '/topics/' + encodeURIComponent(r.body.id); return; }
        load();
      } else {
        out.textContent = (r.body && (r.body.detail || r.body.title)) || '操作失败';
      }
    });
  }

  if (canEdit) {
    document.getElementById('rename').addEventListener('click', () => edit('/rename', { label: document.getElementById('rename-label').value }));
    document.getElementById('merge').addEventListener('click', () => edit('/merge', { into: Number(document.getElementById('merge-into').value) || null }));
    document.getElementById('split').addEventListener('click', () => edit('/split', { postIds: Array.from(selected) }));
    document.getElementById('close').addEventListener('click', () => edit('/close'));
    document.getElementById('reopen').addEventListener('click', () => edit('/reopen'));
  }
  window.addEventListener('resize', () => chart && chart.resize());
  load();
  setInterval(load, 15000);
}());
