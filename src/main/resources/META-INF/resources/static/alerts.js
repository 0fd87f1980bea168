// The alert console: the list, live updates over server-sent events, colour by level, a beep for new alerts and level
// rises (Web Audio, no file), the holder of each alert and the handling buttons. Crawled text only via textContent.
(function () {
  'use strict';
  const STATUS = { OPEN: '待签收', ACKNOWLEDGED: '处置中', CLOSED: '已关闭' };
  const table = document.getElementById('alerts');
  const tbody = table.querySelector('tbody');
  const empty = document.getElementById('empty');
  const live = document.getElementById('live-status');
  const fStatus = document.getElementById('filter-status');
  const fLevel = document.getElementById('filter-level');
  const soundButton = document.getElementById('sound');
  const canAct = table.dataset.canAct === 'true';
  const rows = new Map();
  let audio = null;
  let beeps = 0;

  function el(tag, cls, text) {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }

  function time(s) {
    if (!s) return '';
    const d = new Date(s);
    const p = n => String(n).padStart(2, '0');
    return (d.getMonth() + 1) + '-' + p(d.getDate()) + ' ' + p(d.getHours()) + ':' + p(d.getMinutes()) + ':' + p(d.getSeconds());
  }

  // a short beep: one for a new alert, two for red or a rise
  function beep(times) {
    beeps++;
    document.body.dataset.beeps = String(beeps);
    if (!audio) return;
    for (let i = 0; i < times; i++) {
      const o = audio.createOscillator();
      const g = audio.createGain();
      o.frequency.value = 880;
      g.gain.value = 0.2;
      o.connect(g);
      g.connect(audio.destination);
      const t = audio.currentTime + i * 0.3;
      o.start(t);
      o.stop(t + 0.18);
    }
  }

  soundButton.addEventListener('click', () => {
    const Ctx = window.AudioContext || window.webkitAudioContext;
    if (!Ctx) { soundButton.textContent = '浏览器不支持提示音'; return; }
    if (!audio) audio = new Ctx();
    audio.resume();
    soundButton.textContent = '提示音已开启';
    beep(1);
  });

  function post(path, body) {
    return fetch(path, { method: 'POST', credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json', 'Accept': 'application/json' }, body: JSON.stringify(body || {}) })
      .then(r => r.json().then(j => { if (!r.ok) throw new Error(j.detail || ('HTTP ' + r.status)); return j; }));
  }

  function act(alert, step, body, out) {
    post('/api/alerts/' + alert.id + '/' + step, body)
      .then(a => { upsert(a, false); out.textContent = ''; if (!document.getElementById('detail').hidden) showDetail(a.id); })
      .catch(e => { out.textContent = e.message; });
  }

  function visible(a) {
    const s = fStatus.value;
    if (s === 'active' && a.status === 'CLOSED') return false;
    if (s && s !== 'active' && a.status !== s) return false;
    if (fLevel.value && a.level !== fLevel.value) return false;
    return true;
  }

  function render(a) {
    const tr = el('tr', 'level-' + a.level + ' ' + a.status);
    tr.dataset.id = a.id;
    tr.dataset.level = a.level;
    const lv = el('td');
    lv.appendChild(el('span', 'level ' + a.level, a.levelLabel));
    tr.appendChild(lv);
    const t = el('td', 'title');
    t.appendChild(el('strong', null, a.title));
    t.appendChild(el('div', 'muted', '#' + a.id + ' · ' + a.ruleName));
    tr.appendChild(t);
    tr.appendChild(el('td', 'reason', a.reason));
    tr.appendChild(el('td', 'evidence', a.evidenceCount));
    tr.appendChild(el('td', 'state', STATUS[a.status] || a.status));
    tr.appendChild(el('td', 'holder', a.holder || '—'));
    tr.appendChild(el('td', 'time', time(a.lastFiredAt)));
    const ops = el('td', 'ops');
    const out = el('div', 'error');
    if (canAct && a.status !== 'CLOSED') {
      const ack = el('button', 'ack', a.status === 'OPEN' ? '签收' : '接手');
      ack.type = 'button';
      ack.addEventListener('click', ev => { ev.stopPropagation(); act(a, 'acknowledge', { takeOver: a.status === 'ACKNOWLEDGED' }, out); });
      ops.appendChild(ack);
      const note = el('button', 'comment', '备注');
      note.type = 'button';
      note.addEventListener('click', ev => { ev.stopPropagation(); const n = window.prompt('备注'); if (n) act(a, 'comment', { note: n }, out); });
      ops.appendChild(note);
      if (!a.caseId) {
        const c = el('button', 'case', '开立交办');
        c.type = 'button';
        c.addEventListener('click', ev => {
          ev.stopPropagation();
          const existing = window.prompt('关联已有交办单号（留空则为该预警开立新交办单）');
          if (existing === null) return;
          act(a, 'link-case', existing.trim() ? { caseId: Number(existing.trim()) } : { open: true }, out);
        });
        ops.appendChild(c);
      }
      const close = el('button', 'close', '关闭');
      close.type = 'button';
      close.addEventListener('click', ev => {
        ev.stopPropagation();
        const n = window.prompt('关闭说明（可空）', '');
        if (n !== null) act(a, 'close', { version: a.version, note: n }, out);
      });
      ops.appendChild(close);
    }
    if (a.caseId) ops.appendChild(el('div', 'muted', '交办单 #' + a.caseId));
    ops.appendChild(out);
    tr.appendChild(ops);
    tr.addEventListener('click', () => showDetail(a.id));
    return tr;
  }

  function upsert(a, flash) {
    const old = rows.get(a.id);
    if (!visible(a)) {
      if (old) { old.remove(); rows.delete(a.id); }
      empty.hidden = rows.size > 0;
      return;
    }
    const tr = render(a);
    if (flash) tr.classList.add('flash');
    if (old) {
      old.replaceWith(tr);
    } else {
      tbody.insertBefore(tr, tbody.firstChild);
    }
    rows.set(a.id, tr);
    empty.hidden = true;
  }

  function load() {
    const q = new URLSearchParams({ size: '100' });
    if (fStatus.value) q.set('status', fStatus.value);
    if (fLevel.value) q.set('level', fLevel.value);
    fetch('/api/alerts?' + q, { credentials: 'same-origin', headers: { 'Accept': 'application/json' } })
      .then(r => r.json())
      .then(page => {
        tbody.textContent = '';
        rows.clear();
        page.items.slice().reverse().forEach(a => upsert(a, false));
        empty.hidden = rows.size > 0;
      });
  }

  function showDetail(id) {
    fetch('/api/alerts/' + id, { credentials: 'same-origin', headers: { 'Accept': 'application/json' } })
      .then(r => r.json())
      .then(d => {
        const panel = document.getElementById('detail');
        panel.hidden = false;
        document.getElementById('detail-title').textContent = d.alert.levelLabel + ' #' + d.alert.id + ' ' + d.alert.title;
        document.getElementById('detail-reason').textContent = d.alert.reason || '';
        const ev = document.getElementById('detail-evidence');
        ev.textContent = '';
        d.evidence.forEach(p => {
          const li = el('li');
          if (p.url && /^https?:\/\//.test(p.url)) {
            const link = el('a', null, p.title || ('帖子 ' + p.postId));
            link.href = p.url;
            link.rel = 'noopener noreferrer nofollow';
            link.target = '_blank';
            li.appendChild(link);
          } else {
            li.appendChild(el('span', null, p.title || ('帖子 ' + p.postId)));
          }
          li.appendChild(el('span', 'muted', '（' + (p.source || '') + '，' + time(p.publishedAt) + '）'));
          if (p.excerpt) li.appendChild(el('div', 'excerpt muted', p.excerpt));
          ev.appendChild(li);
        });
        const events = document.getElementById('detail-events');
        events.textContent = '';
        d.events.forEach(e => events.appendChild(el('li', null, time(e.at) + ' ' + e.actor + ' ' + e.kind + (e.note ? '：' + e.note : ''))));
        const dl = document.querySelector('#detail-deliveries tbody');
        dl.textContent = '';
        d.deliveries.forEach(x => {
          const tr = el('tr');
          [x.announcement === 'RAISED' ? '升级' : '新预警', x.channelKind, x.target, x.status, x.attempts, x.lastError || '']
            .forEach(v => tr.appendChild(el('td', null, v)));
          dl.appendChild(tr);
        });
      });
  }

  function connect() {
    const source = new EventSource('/api/alerts/stream');
    source.onopen = () => { live.textContent = '实时连接'; live.className = ''; };
    source.onerror = () => { live.textContent = '连接中断，重连中…'; live.className = 'error'; };
    source.onmessage = m => {
      const e = JSON.parse(m.data);
      const a = e.alert;
      const announce = e.type === 'NEW' || e.type === 'RAISED';
      upsert(a, announce);
      if (announce) beep(a.level === 'RED' || e.type === 'RAISED' ? 2 : 1);
    };
  }

  fStatus.addEventListener('change', load);
  fLevel.addEventListener('change', load);
  load();
  connect();
  const params = new URLSearchParams(window.location.search);
  if (params.get('id')) showDetail(params.get('id'));
  // the stream only carries this instance's alerts: refresh the list every minute for those raised elsewhere
  setInterval(load, 60000);
})();
