// Alert rules: the list, the editor (conditions as JSON with templates) and the rule test tool.
(function () {
  'use strict';
  const table = document.getElementById('rules');
  const tbody = table.querySelector('tbody');
  const canEdit = table.dataset.canEdit === 'true';
  const status = document.getElementById('rule-status');
  const $ = id => document.getElementById(id);
  const TEMPLATES = {
    PHRASE: { type: 'PHRASE', phrases: ['爆炸'], near: ['工厂', '化工'], exclude: ['爆炸性新闻'], distance: 10 },
    SPIKE: { type: 'SPIKE', scope: 'TOPIC', window: 'PT30M', baseline: 'PT24H', factor: 3, minPosts: 5 },
    DISTRICT: { type: 'SPIKE', scope: 'DISTRICT', window: 'PT30M', baseline: 'PT24H', factor: 3, minPosts: 20 },
    NEGATIVE_SURGE: { type: 'NEGATIVE_SURGE', scope: 'TOPIC', window: 'PT1H', factor: 3, minPosts: 5, minShare: 0.6 },
    EMERGING: { type: 'EMERGING', minPosts: 5 },
    SOURCE: { type: 'SOURCE', sources: [], authors: [] }
  };

  function el(tag, cls, text) {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }

  function describe(c) {
    switch (c.type) {
      case 'PHRASE': return '敏感词 ' + (c.phrases || []).join('/') + (c.near && c.near.length ? ' 近 ' + c.near.join('/') : '')
        + (c.exclude && c.exclude.length ? ' 排除 ' + c.exclude.join('/') : '');
      case 'SPIKE': return (c.scope === 'DISTRICT' ? '全区' : '话题') + '声量 ' + (c.window || 'PT30M') + ' ×' + (c.factor || 3);
      case 'NEGATIVE_SURGE': return (c.scope === 'DISTRICT' ? '全区' : '话题') + '负面激增 ' + (c.window || 'PT30M');
      case 'EMERGING': return '新兴话题';
      case 'SOURCE': return '关注 ' + (c.sources || []).concat(c.authors || []).join('/');
      default: return c.type;
    }
  }

  function load() {
    fetch('/api/alert-rules', { credentials: 'same-origin', headers: { 'Accept': 'application/json' } })
      .then(r => r.json())
      .then(list => {
        tbody.textContent = '';
        list.forEach(r => {
          const tr = el('tr');
          tr.dataset.id = r.id;
          tr.appendChild(el('td', null, r.name));
          const lv = el('td');
          lv.appendChild(el('span', 'level ' + r.level, r.levelLabel));
          tr.appendChild(lv);
          tr.appendChild(el('td', null, r.conditions.map(describe).join(r.match === 'ANY' ? ' 或 ' : ' 且 ')));
          tr.appendChild(el('td', null, r.recipients.users.concat(r.recipients.channels).join('、') || '仅预警台'));
          tr.appendChild(el('td', null, r.cooldown));
          tr.appendChild(el('td', null, r.enabled ? '是' : '否'));
          const ops = el('td');
          if (canEdit) {
            const e = el('button', null, '编辑');
            e.type = 'button';
            e.addEventListener('click', () => edit(r));
            ops.appendChild(e);
          }
          tr.appendChild(ops);
          tbody.appendChild(tr);
        });
      });
    fetch('/api/alert-channels', { credentials: 'same-origin', headers: { 'Accept': 'application/json' } })
      .then(r => r.ok ? r.json() : [])
      .then(list => {
        const dl = $('channel-names');
        dl.textContent = '';
        list.forEach(c => { const o = el('option'); o.value = c.name; o.textContent = c.kind; dl.appendChild(o); });
      });
  }

  function edit(r) {
    $('editor-title').textContent = '编辑规则 ' + r.name;
    $('rule-id').value = r.id;
    $('rule-version').value = r.version;
    $('rule-name').value = r.name;
    $('rule-level').value = r.level;
    $('rule-match').value = r.match;
    $('rule-cooldown').value = r.cooldown;
    $('rule-rise').value = r.riseEvery;
    $('rule-users').value = r.recipients.users.join(',');
    $('rule-channels').value = r.recipients.channels.join(',');
    $('rule-enabled').checked = r.enabled;
    $('rule-conditions').value = JSON.stringify(r.conditions, null, 1);
  }

  function split(s) {
    return s.split(/[,，]/).map(x => x.trim()).filter(Boolean);
  }

  function body() {
    let conditions;
    try {
      conditions = JSON.parse($('rule-conditions').value);
    } catch (e) {
      throw new Error('条件不是合法的 JSON：' + e.message);
    }
    return {
      name: $('rule-name').value, level: $('rule-level').value, match: $('rule-match').value,
      cooldown: $('rule-cooldown').value, riseEvery: Number($('rule-rise').value) || null,
      enabled: $('rule-enabled').checked, conditions: conditions,
      recipients: { users: split($('rule-users').value), channels: split($('rule-channels').value) },
      version: $('rule-version').value ? Number($('rule-version').value) : null
    };
  }

  function problem(j) {
    return (j.errors && j.errors.length ? j.errors.map(e => e.field + '：' + e.reason).join('；') : (j.detail || '失败'));
  }

  document.querySelectorAll('button.template').forEach(b => b.addEventListener('click', () => {
    let list;
    try { list = JSON.parse($('rule-conditions').value); } catch (e) { list = []; }
    if (!Array.isArray(list)) list = [];
    list.push(TEMPLATES[b.dataset.template]);
    $('rule-conditions').value = JSON.stringify(list, null, 1);
  }));

  $('rule-new').addEventListener('click', () => {
    $('rule-form').reset();
    $('rule-id').value = '';
    $('rule-version').value = '';
    $('editor-title').textContent = '新建规则';
  });

  $('rule-form').addEventListener('submit', ev => {
    ev.preventDefault();
    let b;
    try { b = body(); } catch (e) { status.textContent = e.message; return; }
    const id = $('rule-id').value;
    fetch(id ? '/api/alert-rules/' + id : '/api/alert-rules', { method: id ? 'PUT' : 'POST', credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json', 'Accept': 'application/json' }, body: JSON.stringify(b) })
      .then(r => r.json().then(j => ({ ok: r.ok, j })))
      .then(res => {
        status.textContent = res.ok ? '已保存' : problem(res.j);
        status.className = res.ok ? '' : 'error';
        if (res.ok) { edit(res.j); load(); }
      });
  });

  $('rule-test').addEventListener('click', () => {
    let b;
    try { b = body(); } catch (e) { status.textContent = e.message; return; }
    status.textContent = '测试中…';
    fetch('/api/alert-rules/test', { method: 'POST', credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json', 'Accept': 'application/json' },
      body: JSON.stringify({ rule: b, lookback: $('test-lookback').value }) })
      .then(r => r.json().then(j => ({ ok: r.ok, j })))
      .then(res => {
        if (!res.ok) { status.textContent = problem(res.j); status.className = 'error'; return; }
        status.textContent = '';
        const t = res.j;
        $('test-output').hidden = false;
        $('test-summary').textContent = '检查 ' + t.examined + ' 条帖子，命中 ' + t.fired + ' 条，涉及 ' + t.subjects + ' 个对象'
          + (t.truncated ? '（只检查了最近的部分帖子）' : '');
        const tb = document.querySelector('#test-hits tbody');
        tb.textContent = '';
        t.posts.forEach(p => {
          const tr = el('tr');
          [(p.publishedAt || '').replace('T', ' ').substring(0, 16), p.title || ('帖子 ' + p.postId), p.source, p.subject, p.reasons.join('；')]
            .forEach(v => tr.appendChild(el('td', null, v)));
          tb.appendChild(tr);
        });
      });
  });

  if (!canEdit) {
    $('rule-save').disabled = true;
  }
  load();
})();
