// The dispatch board: recent posts without a case, the suggested units with the deciding rule, one-click dispatch.
(function () {
  'use strict';
  const LABELS = { negative: '负面', neutral: '中性', positive: '正面' };
  const GRADES = [['GENERAL', '一般'], ['LARGER', '较大'], ['MAJOR', '重大'], ['EXTRAORDINARY', '特别重大']];
  const tbody = document.querySelector('#unassigned tbody');
  const empty = document.getElementById('empty');
  const status = document.getElementById('dispatch-status');

  function el(tag, cls, text) {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }

  function row(item) {
    const tr = el('tr');
    tr.dataset.post = item.postId;
    tr.appendChild(el('td', 'time', (item.publishedAt || '').replace('T', ' ').substring(0, 16)));
    const t = el('td', 'title');
    t.appendChild(el('strong', null, item.title || '（无标题）'));
    t.appendChild(el('div', 'excerpt muted', item.excerpt));
    t.appendChild(el('div', 'muted', [item.source].concat(item.categories || []).filter(Boolean).join(' · ')));
    tr.appendChild(t);
    const s = el('td');
    s.appendChild(el('span', 'badge ' + (LABELS[item.sentiment] ? item.sentiment : 'neutral'), LABELS[item.sentiment] || '—'));
    tr.appendChild(s);
    const u = el('td', 'suggestions');
    if (!item.suggestions.length) u.appendChild(el('span', 'muted', '无规则命中'));
    item.suggestions.forEach(sg => {
      const line = el('div', 'suggestion');
      line.appendChild(el('strong', 'unit', sg.unit));
      line.appendChild(el('span', 'rule muted', '（' + sg.rule + '：' + sg.reason + '）'));
      const grade = el('select', 'grade');
      GRADES.forEach(([v, l]) => { const o = el('option', null, l); o.value = v; if (v === sg.grade) o.selected = true; grade.appendChild(o); });
      line.appendChild(grade);
      const b = el('button', 'dispatch', '交办');
      b.type = 'button';
      const out = el('span', 'result');
      b.addEventListener('click', () => {
        b.disabled = true;
        fetch('/api/cases', { method: 'POST', credentials: 'same-origin',
          headers: { 'Content-Type': 'application/json', 'Accept': 'application/json' },
          body: JSON.stringify({ postId: item.postId, unitId: sg.unitId, grade: grade.value }) })
          .then(r => r.json().then(j => ({ ok: r.ok, body: j })))
          .then(res => {
            out.textContent = res.ok ? '已交办 #' + res.body.id : (res.body.detail || '失败');
            if (!res.ok) b.disabled = false;
          });
      });
      line.appendChild(b);
      line.appendChild(out);
      u.appendChild(line);
    });
    tr.appendChild(u);
    return tr;
  }

  function load() {
    status.textContent = '加载中…';
    fetch('/api/routing/unassigned?size=30', { credentials: 'same-origin', headers: { Accept: 'application/json' } })
      .then(r => { if (r.status === 401) location.href = '/login'; return r.json(); })
      .then(items => {
        tbody.textContent = '';
        items.forEach(i => tbody.appendChild(row(i)));
        empty.hidden = items.length > 0;
        status.textContent = '';
      })
      .catch(() => { status.textContent = '加载失败'; });
  }

  function league() {
    const pct = v => (v === null || v === undefined) ? '—' : Math.round(v * 100) + '%';
    fetch('/api/routing/stats', { credentials: 'same-origin', headers: { Accept: 'application/json' } })
      .then(r => r.json())
      .then(t => {
        const body = document.querySelector('#league tbody');
        body.textContent = '';
        (t.units || []).forEach(u => {
          const tr = el('tr');
          [u.unit, u.cases, pct(u.responseRate), pct(u.onTimeRate), u.medianMinutesToAcknowledge ?? '—',
            u.medianMinutesToRespond ?? '—', pct(u.effectRate)].forEach(v => tr.appendChild(el('td', null, v)));
          body.appendChild(tr);
        });
      });
  }

  document.getElementById('reload').addEventListener('click', () => { load(); league(); });
  load();
  league();
}());
