// Dictionary page: choose a file, edit it, save (checked and reloaded by the server), see errors and the history.
// Every value goes into the page with textContent or .value, never as markup.
(function () {
  'use strict';
  const select = document.getElementById('dict-file');
  const content = document.getElementById('dict-content');
  const format = document.getElementById('dict-format');
  const status = document.getElementById('dict-status');
  const errors = document.getElementById('dict-errors');

  function el(tag, text) {
    const e = document.createElement(tag);
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }

  async function api(method, url, body) {
    const opts = { method: method, credentials: 'same-origin', headers: { Accept: 'application/json' } };
    if (body !== undefined) {
      opts.body = body;
      opts.headers['Content-Type'] = 'text/plain; charset=utf-8';
    }
    const r = await fetch(url, opts);
    const text = await r.text();
    let json = null;
    try { json = text ? JSON.parse(text) : null; } catch (e) { json = null; }
    if (!r.ok) {
      const err = new Error(json && json.detail ? json.detail : 'HTTP ' + r.status);
      err.problem = json;
      throw err;
    }
    return json;
  }

  function path(name) {
    return '/api/dictionaries/' + name.split('/').map(encodeURIComponent).join('/');
  }

  async function loadFiles() {
    const files = await api('GET', '/api/dictionaries');
    select.replaceChildren();
    for (const f of files) {
      const o = el('option', f.name);
      o.value = f.name;
      o.dataset.format = f.format;
      select.append(o);
    }
    await loadFile();
  }

  async function loadFile() {
    errors.replaceChildren();
    status.textContent = '';
    const f = await api('GET', path(select.value));
    content.value = f.content;
    format.textContent = '格式：' + f.format;
  }

  async function loadChanges() {
    const list = await api('GET', '/api/dictionaries/changes?limit=50');
    const tbody = document.querySelector('#dict-changes tbody');
    tbody.replaceChildren();
    for (const c of list) {
      const tr = el('tr');
      tr.append(el('td', (c.changedAt || '').replace('T', ' ').substring(0, 19)), el('td', c.file), el('td', c.changedBy),
          el('td', c.linesAdded), el('td', c.linesRemoved), el('td', c.summary));
      tbody.append(tr);
    }
  }

  document.getElementById('dict-save').addEventListener('click', async () => {
    errors.replaceChildren();
    status.textContent = '保存中…';
    try {
      const r = await api('PUT', path(select.value), content.value);
      status.textContent = '已保存并生效：' + r.summary;
      loadChanges();
    } catch (e) {
      status.textContent = '未保存：' + e.message;
      if (e.problem && e.problem.errors) {
        for (const x of e.problem.errors) errors.append(el('li', x.field + '：' + x.reason));
      }
    }
  });

  select.addEventListener('change', () => loadFile().catch(e => { status.textContent = e.message; }));
  loadFiles().catch(e => { status.textContent = e.message; });
  loadChanges().catch(() => {});
})();
