// Audit log: filters, paging; every value goes into the page with textContent (details may quote crawled text).
(function () {
  'use strict';
  const tbody = document.querySelector('#audit tbody');
  const status = document.getElementById('audit-status');
  const info = document.getElementById('page-info');
  const size = 50;
  let page = 0;
  let total = 0;

  function td(text) {
    const e = document.createElement('td');
    e.textContent = text === null || text === undefined ? '' : String(text);
    return e;
  }

  function isoOf(id) {
    const v = document.getElementById(id).value;
    return v ? new Date(v).toISOString() : '';
  }

  function load() {
    const params = new URLSearchParams({ page: String(page), size: String(size) });
    [['actor', 'f-actor'], ['action', 'f-action'], ['targetType', 'f-type'], ['targetId', 'f-target']].forEach(([k, id]) => {
      const v = document.getElementById(id).value.trim();
      if (v) params.set(k, v);
    });
    const from = isoOf('f-from'), to = isoOf('f-to');
    if (from) params.set('from', from);
    if (to) params.set('to', to);
    status.textContent = '加载中…';
    fetch('/api/audit?' + params, { credentials: 'same-origin', headers: { Accept: 'application/json' } })
      .then(r => r.json().then(body => ({ ok: r.ok, body: body })))
      .then(({ ok, body }) => {
        if (!ok) {
          status.textContent = (body && (body.detail || body.title)) || '查询失败';
          return;
        }
        total = body.total;
        tbody.replaceChildren();
        body.items.forEach(e => {
          const tr = document.createElement('tr');
          tr.append(td(new Date(e.at).toLocaleString('zh-CN')), td(e.actor), td(e.action),
            td((e.targetType || '') + (e.targetId ? ' #' + e.targetId : '')), td(e.detail), td(e.clientIp));
          tbody.appendChild(tr);
        });
        status.textContent = '共 ' + total + ' 条';
        info.textContent = '第 ' + (page + 1) + ' / ' + Math.max(1, Math.ceil(total / size)) + ' 页';
      })
      .catch(() => { status.textContent = '查询失败'; });
  }

  document.getElementById('audit-filter').addEventListener('submit', ev => { ev.preventDefault(); page = 0; load(); });
  document.getElementById('prev').addEventListener('click', () => { if (page > 0) { page--; load(); } });
  document.getElementById('next').addEventListener('click', () => { if ((page + 1) * size < total) { page++; load(); } });
  load();
})();
