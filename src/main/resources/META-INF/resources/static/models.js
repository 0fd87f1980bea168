// Model quality page: model versions with training progress, activation, example counts, import and evaluation.
// Every value goes into the page with textContent, never as markup.
(function () {
  'use strict';
  const STATUS = { TRAINING: '训练中', READY: '就绪', FAILED: '失败', ACTIVE: '启用中', RETIRED: '已停用' };
  const TASK = { SENTIMENT: '情感', CATEGORY: '分类' };
  let timer = null;

  function el(tag, text, cls) {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }

  async function api(method, url, body, type) {
    const opts = { method: method, credentials: 'same-origin', headers: { Accept: 'application/json' } };
    if (body !== undefined) {
      opts.body = body;
      opts.headers['Content-Type'] = type || 'text/plain; charset=utf-8';
    }
    const r = await fetch(url, opts);
    const text = await r.text();
    let json = null;
    try { json = text ? JSON.parse(text) : null; } catch (e) { json = null; }
    if (!r.ok) {
      const msg = json && (json.detail || json.title) ? (json.detail || json.title) : ('HTTP ' + r.status);
      const err = new Error(msg);
      err.problem = json;
      throw err;
    }
    return json;
  }

  function fmt(v) { return typeof v === 'number' ? v.toFixed(4) : ''; }

  async function loadModels() {
    const models = await api('GET', '/api/nlp/models');
    const tbody = document.querySelector('#models tbody');
    tbody.replaceChildren();
    let training = false;
    for (const m of models) {
      const tr = el('tr');
      tr.append(el('td', m.id), el('td', TASK[m.task] || m.task), el('td', 'v' + m.version), el('td', STATUS[m.status] || m.status));
      const p = el('td');
      if (m.status === 'TRAINING') {
        training = true;
        const bar = el('progress');
        bar.max = 100;
        bar.value = m.progress;
        p.append(bar, el('span', ' ' + m.progress + '% ' + (m.phase || '')));
      } else if (m.status === 'FAILED') {
        p.append(el('span', m.message || '', 'error'));
      } else {
        p.textContent = m.progress + '%';
      }
      tr.append(p, el('td', m.exampleCount));
      const q = m.quality || {};
      tr.append(el('td', fmt(q.accuracy)), el('td', fmt(q.macroF1)), el('td', (m.createdAt || '').replace('T', ' ').substring(0, 16)));
      const actions = el('td');
      if (m.status === 'READY' || m.status === 'RETIRED') {
        const b = el('button', m.status === 'RETIRED' ? '恢复启用' : '启用', 'action');
        b.type = 'button';
        b.addEventListener('click', () => act('/api/nlp/models/' + m.id + '/activate'));
        actions.append(b);
      } else if (m.status === 'ACTIVE') {
        const b = el('button', '停用', 'action');
        b.type = 'button';
        b.addEventListener('click', () => act('/api/nlp/models/' + m.id + '/retire'));
        actions.append(b);
      }
      tr.append(actions);
      tbody.append(tr);
    }
    if (training && !timer) {
      timer = setInterval(refresh, 2000);
    } else if (!training && timer) {
      clearInterval(timer);
      timer = null;
      loadCounts();
    }
  }

  async function loadCounts() {
    const data = await api('GET', '/api/nlp/examples');
    const tbody = document.querySelector('#example-counts tbody');
    tbody.replaceChildren();
    for (const c of data.counts) {
      const tr = el('tr');
      tr.append(el('td', TASK[c.task] || c.task), el('td', c.label), el('td', c.origin === 'CORRECTION' ? '人工更正' : '导入'), el('td', c.count));
      tbody.append(tr);
    }
  }

  const status = document.getElementById('train-status');

  async function act(url) {
    try {
      await api('POST', url);
      status.textContent = '';
    } catch (e) {
      status.textContent = e.message;
    }
    refresh();
  }

  function refresh() {
    loadModels().catch(e => { status.textContent = e.message; });
  }

  document.querySelectorAll('[data-train]').forEach(b => b.addEventListener('click', () => {
    act('/api/nlp/models/train?task=' + encodeURIComponent(b.dataset.train));
  }));

  async function bodyOf(fileInput, textArea) {
    if (fileInput.files && fileInput.files.length) {
      return await fileInput.files[0].text();
    }
    return textArea.value;
  }

  function skippedList(skipped, count) {
    const box = el('div');
    if (count) {
      box.append(el('p', '跳过 ' + count + ' 行：'));
      const ul = el('ul');
      for (const s of skipped) {
        ul.append(el('li', '第 ' + s.line + ' 行：' + s.reason));
      }
      box.append(ul);
    }
    return box;
  }

  document.getElementById('import-form').addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const out = document.getElementById('import-result');
    out.replaceChildren(el('span', '导入中…', 'muted'));
    try {
      const body = await bodyOf(document.getElementById('import-file'), document.getElementById('import-text'));
      const task = document.getElementById('import-task').value;
      const strict = document.getElementById('import-strict').checked;
      const r = await api('POST', '/api/nlp/examples/import?task=' + encodeURIComponent(task) + '&strict=' + strict, body);
      out.replaceChildren(el('p', '已导入 ' + r.imported + ' 条。'), skippedList(r.skipped, r.skippedCount));
      loadCounts();
    } catch (e) {
      const box = el('div');
      box.append(el('p', '导入被拒绝：' + e.message, 'error'));
      if (e.problem && e.problem.errors) {
        const ul = el('ul', null, 'error');
        for (const x of e.problem.errors) ul.append(el('li', x.field + '：' + x.reason));
        box.append(ul);
      }
      out.replaceChildren(box);
    }
  });

  document.getElementById('eval-form').addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const out = document.getElementById('eval-result');
    out.replaceChildren(el('span', '评估中…', 'muted'));
    try {
      const body = await bodyOf(document.getElementById('eval-file'), document.getElementById('eval-text'));
      const r = await api('POST', '/api/nlp/evaluate', body);
      const box = el('div');
      box.append(el('p', '样本 ' + r.n + ' 条，准确率 ' + fmt(r.accuracy) + '，宏 F1 ' + fmt(r.macroF1)
          + '，速度 ' + r.textsPerSecond + ' 条/秒（' + r.layers + '）'));
      const t = el('table', null, 'posts');
      const head = el('tr');
      ['类别', '精确率', '召回率', 'F1', '样本数'].forEach(h => head.append(el('th', h)));
      t.append(head);
      for (const [c, f] of Object.entries(r.perClass)) {
        const tr = el('tr');
        tr.append(el('td', c), el('td', fmt(f.precision)), el('td', fmt(f.recall)), el('td', fmt(f.f1)), el('td', f.support));
        t.append(tr);
      }
      box.append(t, skippedList(r.skipped, r.skippedCount));
      out.replaceChildren(box);
    } catch (e) {
      out.replaceChildren(el('p', '评估失败：' + e.message, 'error'));
    }
  });

  refresh();
  loadCounts().catch(() => {});
})();
