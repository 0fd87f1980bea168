// The rules page: the ordered rule list and the explain test (which units would get this text, and which rule decided).
(function () {
  'use strict';
  const GRADE = { GENERAL: '一般', LARGER: '较大', MAJOR: '重大', EXTRAORDINARY: '特别重大' };

  function el(tag, cls, text) {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }

  function conditions(r) {
    const parts = [];
    if (r.categories.length) parts.push('类别：' + r.categories.join('、'));
    if (r.places.length) parts.push('地点：' + r.places.join('、'));
    if (r.keywords.length) parts.push('关键词：' + r.keywords.join('、'));
    if (r.sources.length) parts.push('来源：' + r.sources.join('、'));
    if (r.maxSentiment !== null && r.maxSentiment !== undefined) parts.push('情感 ≤ ' + r.maxSentiment);
    return parts.join('；') || '（任何帖子）';
  }

  fetch('/api/routing/rules', { credentials: 'same-origin', headers: { Accept: 'application/json' } })
    .then(r => r.json())
    .then(rules => {
      const tbody = document.querySelector('#rules tbody');
      rules.forEach(r => {
        const tr = el('tr');
        [r.position, r.name, conditions(r), r.targetUnits.concat(r.toPlace ? ['属地社区/村'] : []).join('、'),
          r.autoOpen ? '是' : '否', GRADE[r.grade] || r.grade, r.enabled ? '是' : '否']
          .forEach(v => tr.appendChild(el('td', null, v)));
        tbody.appendChild(tr);
      });
    });

  const form = document.getElementById('explain-form');
  form.addEventListener('submit', ev => {
    ev.preventDefault();
    const error = document.getElementById('explain-error');
    error.textContent = '';
    fetch('/api/routing/explain', { method: 'POST', credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify({ title: form.title.value, content: form.content.value }) })
      .then(r => r.json().then(j => ({ ok: r.ok, body: j })))
      .then(res => {
        const table = document.getElementById('explain-result');
        const tbody = table.querySelector('tbody');
        tbody.textContent = '';
        if (!res.ok) { error.textContent = res.body.detail || '请求失败'; table.hidden = true; return; }
        res.body.units.forEach(u => {
          const tr = el('tr');
          [u.unit, u.rule, u.reason, GRADE[u.grade] || u.grade, u.autoOpen ? '是' : '否'].forEach(v => tr.appendChild(el('td', null, v)));
          tbody.appendChild(tr);
        });
        table.hidden = res.body.units.length === 0;
        document.getElementById('explain-none').hidden = res.body.units.length > 0;
      });
  });
}());
