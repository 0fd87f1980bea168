// The report archive: lists reports (polled while any is being generated) and requests new ones.
(function () {
  'use strict';
  const KIND = { DAILY: '日报', WEEKLY: '周报', SPECIAL: '专报' };
  const STATUS = { QUEUED: '排队中', RUNNING: '生成中', DONE: '已完成', FAILED: '失败' };
  const tbody = document.querySelector('#reports tbody');
  const $ = id => document.getElementById(id);

  function el(tag, cls, text) {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }

  function day(iso) { return (iso || '').substring(0, 10); }

  let timer = null;
  function load() {
    fetch('/api/reports?size=50', { credentials: 'same-origin', headers: { Accept: 'application/json' } })
      .then(r => { if (r.status === 401) { location.href = '/login'; } return r.json(); })
      .then(page => {
        tbody.textContent = '';
        let busy = false;
        (page.items || []).forEach(r => {
          const tr = el('tr');
          tr.dataset.id = r.id;
          const t = el('td');
          const a = el('a', null, r.title);
          a.href = r.link;
          t.appendChild(a);
          tr.appendChild(t);
          tr.appendChild(el('td', null, KIND[r.kind] || r.kind));
          tr.appendChild(el('td', 'time', day(r.from) + ' – ' + day(r.to)));
          const st = el('td', 'status', (STATUS[r.status] || r.status) + (r.status === 'RUNNING' || r.status === 'QUEUED' ? ' ' + r.progress + '% ' + (r.phase || '') : ''));
          if (r.status === 'FAILED' && r.message) st.title = r.message;
          tr.appendChild(st);
          tr.appendChild(el('td', null, r.createdBy + (r.trigger === 'SCHEDULE' ? '（定时）' : '')));
          const ex = el('td');
          if (r.status === 'DONE') {
            ['docx', 'xlsx', 'csv'].forEach(f => {
              const l = el('a', null, f);
              l.href = '/api/reports/' + r.id + '/export.' + f;
              ex.appendChild(l);
              ex.appendChild(document.createTextNode(' '));
            });
          }
          tr.appendChild(ex);
          tbody.appendChild(tr);
          busy = busy || r.status === 'RUNNING' || r.status === 'QUEUED';
        });
        $('empty').hidden = tbody.children.length > 0;
        clearTimeout(timer);
        timer = setTimeout(load, busy ? 1500 : 30000);
      });
  }

  const submit = $('r-submit');
  if (submit) {
    submit.addEventListener('click', () => {
      const body = { kind: $('r-kind').value };
      if ($('r-date').value) body.date = $('r-date').value;
      if ($('r-topic').value) body.topicId = Number($('r-topic').value);
      fetch('/api/reports', { method: 'POST', credentials: 'same-origin',
        headers: { Accept: 'application/json', 'Content-Type': 'application/json' }, body: JSON.stringify(body) })
        .then(r => r.json().then(j => ({ status: r.status, body: j })))
        .then(res => {
          if (res.status >= 400) {
            $('r-result').textContent = (res.body.errors || []).map(e => e.field + '：' + e.reason).join('；') || res.body.detail || '失败';
          } else {
            $('r-result').textContent = res.status === 202 ? '已开始生成：' + res.body.title : '该报告已存在或正在生成：' + res.body.title;
            load();
          }
        });
    });
  }
  load();
}());
