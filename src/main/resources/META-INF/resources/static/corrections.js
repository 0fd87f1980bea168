// Analyst corrections on the posts list: analysts and administrators get a small selector beside each sentiment
// badge; choosing a label sends PUT /api/posts/{id}/sentiment (the correction also becomes a training example).
(function () {
  'use strict';
  const LABELS = { negative: '负面', neutral: '中性', positive: '正面' };
  const tbody = document.querySelector('#posts tbody');
  if (!tbody) return;

  function enhance(tr) {
    const cell = tr.querySelector('td.sentiment');
    if (!cell || cell.querySelector('select') || !tr.dataset.id) return;
    const sel = document.createElement('select');
    sel.className = 'correct';
    sel.title = '更正情感';
    const first = document.createElement('option');
    first.value = '';
    first.textContent = '更正…';
    sel.append(first);
    for (const [v, t] of Object.entries(LABELS)) {
      const o = document.createElement('option');
      o.value = v;
      o.textContent = t;
      sel.append(o);
    }
    sel.addEventListener('change', async () => {
      if (!sel.value) return;
      const r = await fetch('/api/posts/' + encodeURIComponent(tr.dataset.id) + '/sentiment', {
        method: 'PUT', credentials: 'same-origin',
        headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
        body: JSON.stringify({ label: sel.value })
      });
      if (r.ok) {
        const badge = cell.querySelector('.badge');
        if (badge) {
          badge.className = 'badge ' + sel.value;
          badge.textContent = LABELS[sel.value] + '（已更正）';
        }
      } else {
        sel.title = '更正失败：HTTP ' + r.status;
      }
      sel.value = '';
    });
    cell.append(' ', sel);
  }

  fetch('/api/me', { credentials: 'same-origin', headers: { Accept: 'application/json' } })
    .then(r => r.ok ? r.json() : null)
    .then(me => {
      if (!me || !(me.roles || []).some(r => r === 'analyst' || r === 'admin')) return;
      tbody.querySelectorAll('tr').forEach(enhance);
      new MutationObserver(() => tbody.querySelectorAll('tr').forEach(enhance)).observe(tbody, { childList: true });
    })
    .catch(() => {});
}());
