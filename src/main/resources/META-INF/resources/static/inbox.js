// The spokesperson's inbox: open cases of the user's units, nearest deadline first, with live countdowns and the
// acknowledge, respond and transfer forms. Every value goes into the page with textContent.
(function () {
  'use strict';
  const STATUS = { NEW: '新建', ASSIGNED: '待签收', ACKNOWLEDGED: '已签收', TRANSFER_REQUESTED: '申请转办中',
    RESPONDED: '已回应', CLOSED: '已办结', REOPENED: '重新办理' };
  const GRADE = { GENERAL: '一般', LARGER: '较大', MAJOR: '重大', EXTRAORDINARY: '特别重大' };
  const CLOCK = { ACKNOWLEDGE: '签收', RESPONSE: '回应', FINAL: '办结' };
  const CHANNELS = [['FORUM_REPLY', '论坛回帖'], ['WEIBO', '官方微博'], ['WECHAT', '官方微信'],
    ['PRESS_RELEASE', '新闻通稿'], ['PRESS_CONFERENCE', '新闻发布会']];
  const list = document.getElementById('cases');
  const empty = document.getElementById('empty');
  const status = document.getElementById('inbox-status');

  function el(tag, cls, text) {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }

  function api(method, url, body) {
    return fetch(url, {
      method: method, credentials: 'same-origin',
      headers: { 'Accept': 'application/json', 'Content-Type': 'application/json' },
      body: body ? JSON.stringify(body) : undefined
    }).then(r => {
      if (r.status === 401) { location.href = '/login'; }
      return r.json().catch(() => ({})).then(j => ({ ok: r.ok, status: r.status, body: j }));
    });
  }

  function countdown(span) {
    const due = Date.parse(span.dataset.due);
    let s = Math.round((due - Date.now()) / 1000);
    const late = s < 0;
    s = Math.abs(s);
    const d = Math.floor(s / 86400), h = Math.floor(s % 86400 / 3600), m = Math.floor(s % 3600 / 60), sec = s % 60;
    const hms = (d ? d + '天' : '') + String(h).padStart(2, '0') + ':' + String(m).padStart(2, '0') + ':' + String(sec).padStart(2, '0');
    span.textContent = (span.dataset.clock || '') + (late ? ' 已超时 ' : ' 剩余 ') + hms;
    span.classList.toggle('late', late);
  }

  function tick() { document.querySelectorAll('.countdown[data-due]').forEach(countdown); }

  function problem(out, res) {
    const b = res.body || {};
    let text = b.detail || ('请求失败 ' + res.status);
    if (b.allowed) text += '（允许：' + b.allowed.map(s => STATUS[s] || s).join('、') + '）';
    out.textContent = text;
  }

  function field(form, label, input) {
    const l = el('label', null, label);
    l.appendChild(input);
    form.appendChild(l);
    return input;
  }

  function card(c) {
    const art = el('article', 'case' + (c.overdue ? ' overdue' : ''));
    art.dataset.id = c.id;
    const head = el('header');
    head.appendChild(el('span', 'grade grade-' + c.attention, GRADE[c.attention] || c.attention));
    head.appendChild(el('span', 'case-id', '#' + c.id));
    head.appendChild(el('strong', 'title', c.title || '（无标题）'));
    head.appendChild(el('span', 'status', STATUS[c.status] || c.status));
    head.appendChild(el('span', 'unit muted', c.unit || ''));
    if (c.nextDue) {
      const cd = el('span', 'countdown');
      cd.dataset.due = c.nextDue;
      cd.dataset.clock = CLOCK[c.runningClock] || '';
      countdown(cd);
      head.appendChild(cd);
    }
    art.appendChild(head);
    const ctx = el('div', 'context muted', '');
    art.appendChild(ctx);
    if (c.transferReason && c.status === 'TRANSFER_REQUESTED') art.appendChild(el('p', 'muted', '转办理由：' + c.transferReason));
    if (c.responsePending) art.appendChild(el('p', 'muted', '回应已提交，等待审核。'));
    const out = el('p', 'error');
    const allowed = new Set(c.allowed || []);
    const actions = el('div', 'case-actions');
    const act = (path, body) => {
      out.textContent = '';
      return api('POST', '/api/cases/' + c.id + '/' + path, Object.assign({ version: c.version }, body || {}))
        .then(res => { if (res.ok) load(); else problem(out, res); });
    };
    if (allowed.has('ACKNOWLEDGED') && c.status !== 'TRANSFER_REQUESTED') {
      const b = el('button', 'acknowledge', '签收');
      b.type = 'button';
      b.addEventListener('click', () => act('acknowledge'));
      actions.appendChild(b);
    }
    if (allowed.has('RESPONDED') && !c.responsePending && (c.status === 'ACKNOWLEDGED' || c.status === 'REOPENED')) {
      const f = el('form', 'respond form-grid');
      f.noValidate = true;
      const text = field(f, '回应内容', el('textarea'));
      text.name = 'text'; text.rows = 3;
      const ch = field(f, '发布渠道', el('select'));
      ch.name = 'channel';
      CHANNELS.forEach(([v, l]) => { const o = el('option', null, l); o.value = v; ch.appendChild(o); });
      const url = field(f, '链接', el('input'));
      url.name = 'url'; url.placeholder = 'https://';
      const at = field(f, '发布时间（可选）', el('input'));
      at.name = 'publishedAt'; at.type = 'datetime-local';
      const b = el('button', null, '提交回应');
      b.type = 'submit';
      const row = el('div', 'actions'); row.appendChild(b); f.appendChild(row);
      f.addEventListener('submit', ev => {
        ev.preventDefault();
        const body = { text: text.value, channel: ch.value, url: url.value || null };
        if (at.value) body.publishedAt = new Date(at.value).toISOString();
        act('respond', body);
      });
      actions.appendChild(f);
    }
    if (allowed.has('TRANSFER_REQUESTED')) {
      const f = el('form', 'transfer');
      f.noValidate = true;
      const reason = el('input');
      reason.name = 'reason'; reason.placeholder = '转办理由（必填）'; reason.maxLength = 1000;
      f.appendChild(reason);
      const b = el('button', null, '申请转办');
      b.type = 'submit';
      f.appendChild(b);
      f.addEventListener('submit', ev => { ev.preventDefault(); act('transfer', { reason: reason.value }); });
      actions.appendChild(f);
    }
    art.appendChild(actions);
    art.appendChild(out);
    api('GET', '/api/cases/' + c.id).then(res => {
      if (!res.ok) return;
      const p = res.body.post;
      if (p) {
        ctx.textContent = '';
        ctx.appendChild(el('div', 'post-meta', [p.source, p.author, (p.publishedAt || '').replace('T', ' ').substring(0, 16)].filter(Boolean).join(' · ')));
        ctx.appendChild(el('div', 'post-text', (p.title ? p.title + '：' : '') + (p.content || '')));
      }
      const e = res.body.effect;
      if (e && e.calmed !== null && e.calmed !== undefined) {
        const pct = v => Math.round(v * 100) + '%';
        ctx.appendChild(el('div', 'effect ' + (e.calmed ? 'calmed' : 'not-calmed'),
          '回应效果：帖子 ' + e.postsBefore + ' → ' + e.postsAfter + '，负面占比 ' + pct(e.negativeShareBefore) + ' → '
          + pct(e.negativeShareAfter) + '，' + (e.calmed ? '已平息' : '未平息')));
      }
      const trail = res.body.publicTrail || [];
      if (trail.length) ctx.appendChild(el('div', 'trail', trail.join(' → ')));
    });
    return art;
  }

  function load() {
    api('GET', '/api/cases?open=true&size=100').then(res => {
      if (!res.ok) { status.textContent = '加载失败'; return; }
      list.textContent = '';
      (res.body.items || []).forEach(c => list.appendChild(card(c)));
      empty.hidden = list.children.length > 0;
      status.textContent = '共 ' + res.body.total + ' 件';
    });
    api('GET', '/api/notifications').then(res => {
      if (!res.ok) return;
      const ul = document.getElementById('notifications');
      ul.textContent = '';
      (res.body || []).filter(n => !n.readAt).slice(0, 20).forEach(n => ul.appendChild(el('li', n.kind.toLowerCase(), n.message)));
      document.getElementById('notifications-panel').hidden = ul.children.length === 0;
    });
  }

  load();
  setInterval(tick, 1000);
}());
