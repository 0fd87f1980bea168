// Sources page: list with the last run, crawl now, test this source, run history (refreshed while a run goes on),
// and the create/edit form for administrators. All values are written with textContent.
(function () {
  'use strict';
  const TYPES = { FORUM: '论坛', NEWS: '新闻', FEED: '订阅', API: '接口推送' };
  const STATUS = { RUNNING: '抓取中', SUCCEEDED: '完成', FAILED: '失败', INTERRUPTED: '中断' };
  const tbody = document.querySelector('#sources tbody');
  const form = document.getElementById('source-form');
  let watched = null;
  let timer = null;

  function el(tag, cls, text) {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }
  function time(iso) { return iso ? new Date(iso).toLocaleString('zh-CN', { hour12: false }) : ''; }
  function api(method, url, body) {
    const opts = { method, credentials: 'same-origin', headers: { Accept: 'application/json' } };
    if (body !== undefined) { opts.headers['Content-Type'] = 'application/json'; opts.body = JSON.stringify(body); }
    return fetch(url, opts).then(r => {
      if (r.status === 401) { location.href = '/login'; }
      return r.text().then(t => ({ status: r.status, body: t ? JSON.parse(t) : null }));
    });
  }
  function button(label, onClick) { const b = el('button', null, label); b.type = 'button'; b.addEventListener('click', onClick); return b; }

  function load() {
    Promise.all([api('GET', '/api/sources'), api('GET', '/api/crawl-runs?size=200')]).then(([sources, runs]) => {
      const last = {};
      (runs.body.items || []).forEach(r => { if (!last[r.sourceId]) last[r.sourceId] = r; });
      tbody.textContent = '';
      (sources.body || []).forEach(s => {
        const tr = el('tr');
        tr.appendChild(el('td', null, s.name));
        tr.appendChild(el('td', null, TYPES[s.type] || s.type));
        tr.appendChild(el('td', 'url', s.baseUrl));
        tr.appendChild(el('td', null, s.schedule || '手动'));
        tr.appendChild(el('td', null, s.enabled ? '启用' : '停用'));
        const run = last[s.id];
        const lastCell = el('td');
        if (run) {
          lastCell.appendChild(el('span', 'status ' + run.status, STATUS[run.status] || run.status));
          lastCell.appendChild(document.createTextNode(' ' + time(run.startedAt) + ' 新帖 ' + run.newPosts + ' 错误 ' + run.errorCount));
        } else {
          lastCell.textContent = '从未抓取';
        }
        tr.appendChild(lastCell);
        const actions = el('td');
        if (s.type !== 'API') {
          actions.appendChild(button('立即抓取', () => crawl(s)));
          actions.appendChild(button('试抓', () => test(s)));
        }
        actions.appendChild(button('记录', () => showRuns(s)));
        if (form) actions.appendChild(button('编辑', () => edit(s)));
        tr.appendChild(actions);
        tbody.appendChild(tr);
      });
    });
  }

  function crawl(s) {
    api('POST', '/api/sources/' + s.id + '/crawl').then(r => {
      if (r.status >= 400) { alert((r.body && r.body.detail) || '无法抓取'); return; }
      showRuns(s);
      load();
    });
  }

  function test(s) {
    const panel = document.getElementById('test-panel');
    const out = document.getElementById('test-result');
    panel.hidden = false;
    out.textContent = '正在试抓 ' + s.name + ' …';
    api('POST', '/api/sources/' + s.id + '/test').then(r => { out.textContent = JSON.stringify(r.body, null, 2); });
  }

  function showRuns(s) {
    watched = s;
    document.getElementById('run-panel').hidden = false;
    document.getElementById('run-source').textContent = '· ' + s.name;
    refreshRuns();
  }

  function refreshRuns() {
    if (!watched) return;
    clearTimeout(timer);
    api('GET', '/api/crawl-runs?size=20&source=' + watched.id).then(r => {
      const body = document.querySelector('#runs tbody');
      body.textContent = '';
      let running = false;
      (r.body.items || []).forEach((run, i) => {
        running = running || run.status === 'RUNNING';
        const tr = el('tr');
        [run.id, run.trigger === 'MANUAL' ? '手动' : '计划'].forEach(v => tr.appendChild(el('td', null, v)));
        const st = el('td'); st.appendChild(el('span', 'status ' + run.status, STATUS[run.status] || run.status)); tr.appendChild(st);
        [time(run.startedAt), time(run.finishedAt), run.pagesFetched, run.pagesNotModified, run.newPosts, run.duplicatePosts, run.errorCount]
          .forEach(v => tr.appendChild(el('td', null, v)));
        body.appendChild(tr);
        if (i === 0) errors(run.id);
      });
      if (running) { timer = setTimeout(() => { refreshRuns(); load(); }, 1500); }
    });
  }

  function errors(runId) {
    api('GET', '/api/crawl-runs/' + runId).then(r => {
      const box = document.getElementById('run-errors');
      box.textContent = '';
      const list = (r.body && r.body.errors) || [];
      if (!list.length) return;
      box.appendChild(el('h3', null, '第 ' + runId + ' 次抓取的错误'));
      const ul = el('ul', 'error');
      list.slice(0, 50).forEach(e => ul.appendChild(el('li', null, e.kind + ' ' + e.url + ' — ' + e.reason)));
      box.appendChild(ul);
    });
  }

  function edit(s) {
    form.id.value = s.id;
    form.version.value = s.version;
    form.name.value = s.name;
    form.type.value = s.type;
    form.baseUrl.value = s.baseUrl;
    form.startUrls.value = (s.startUrls || []).join('\n');
    form.schedule.value = s.schedule || '';
    form.maxPages.value = s.maxPages || '';
    form.maxDepth.value = s.maxDepth === null || s.maxDepth === undefined ? '' : s.maxDepth;
    form.selectors.value = s.selectors && Object.keys(s.selectors).length ? JSON.stringify(s.selectors, null, 1) : '';
    form.enabled.checked = s.enabled;
    document.getElementById('form-title').textContent = '编辑信息源 ' + s.name;
    form.scrollIntoView();
  }

  function reset() {
    form.reset();
    form.id.value = '';
    form.version.value = '';
    document.getElementById('form-title').textContent = '新建信息源';
    document.getElementById('form-errors').textContent = '';
  }

  function submit(ev) {
    ev.preventDefault();
    const errs = document.getElementById('form-errors');
    errs.textContent = '';
    let selectors = null;
    if (form.selectors.value.trim()) {
      try { selectors = JSON.parse(form.selectors.value); } catch (e) { errs.appendChild(el('li', null, 'selectors: 不是有效的 JSON')); return; }
    }
    const body = {
      name: form.name.value.trim(), type: form.type.value, baseUrl: form.baseUrl.value.trim(),
      startUrls: form.startUrls.value.split('\n').map(s => s.trim()).filter(Boolean),
      schedule: form.schedule.value.trim() || null, selectors: selectors, enabled: form.enabled.checked,
      maxPages: form.maxPages.value ? Number(form.maxPages.value) : null,
      maxDepth: form.maxDepth.value ? Number(form.maxDepth.value) : null,
      version: form.version.value ? Number(form.version.value) : null
    };
    const id = form.id.value;
    api(id ? 'PUT' : 'POST', id ? '/api/sources/' + id : '/api/sources', body).then(r => {
      if (r.status >= 400) {
        const list = (r.body && r.body.errors && r.body.errors.length) ? r.body.errors : [{ field: '', reason: (r.body && r.body.detail) || ('HTTP ' + r.status) }];
        list.forEach(e => errs.appendChild(el('li', null, (e.field ? e.field + ': ' : '') + e.reason)));
        return;
      }
      reset();
      load();
    });
  }

  if (form) {
    form.addEventListener('submit', submit);
    document.getElementById('form-reset').addEventListener('click', reset);
  }
  load();
}());
