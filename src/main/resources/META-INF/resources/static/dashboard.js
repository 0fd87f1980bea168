// The dashboard: charts over /api/dashboard/*, every element clicks through to the posts or topic behind it.
// Refreshes itself (debounced) when new posts arrive on the live stream, and every 60 s. Text goes in with textContent.
(function () {
  'use strict';
  const root = document.getElementById('dashboard-filter');
  const ZONE = root.dataset.zone;
  const status = document.getElementById('dash-status');
  const errorBox = document.getElementById('dash-error');
  const $ = id => document.getElementById(id);
  const charts = {};
  ['volume', 'hot', 'keywords', 'categories', 'sources', 'jurisdiction'].forEach(k => {
    charts[k] = window.echarts.init($('chart-' + k));
    charts[k].on('click', p => {
      const link = p.data && p.data.link;
      if (link) location.href = link;
    });
  });
  window.addEventListener('resize', () => Object.values(charts).forEach(c => c.resize()));

  function el(tag, cls, text) {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }

  function esc(s) {
    return String(s === undefined || s === null ? '' : s).replace(/[&<>"']/g,
      c => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);
  }

  function localDate(d) {
    return d.getFullYear() + '-' + String(d.getMonth() + 1).padStart(2, '0') + '-' + String(d.getDate()).padStart(2, '0');
  }

  // the calendar date of an instant in the district's time zone (not the browser's: from 16:00 UTC it is already
  // tomorrow in Asia/Shanghai, and a browser elsewhere would leave today's posts out of "the last 7 days")
  function dateIn(d, zone) {
    try {
      return new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(d);
    } catch (e) {
      return localDate(d);
    }
  }

  // initial filter: the address, else the last 7 days
  const url = new URLSearchParams(location.search);
  const today = new Date();
  // a date-time in the address (a link with an exact period) is kept as it is until the user picks a date
  const raw = {};
  const DATE = /^\d{4}-\d{2}-\d{2}$/;
  ['from', 'to'].forEach(k => {
    const v = url.get(k);
    if (v && !DATE.test(v)) { raw[k] = v; $('f-' + k).addEventListener('change', () => { delete raw[k]; }); }
  });
  const zone = url.get('zone') || ZONE;
  $('f-to').value = url.get('to') && DATE.test(url.get('to')) ? url.get('to') : (raw.to ? '' : dateIn(today, zone));
  $('f-from').value = url.get('from') && DATE.test(url.get('from')) ? url.get('from')
    : (raw.from ? '' : dateIn(new Date(today.getTime() - 6 * 86400000), zone));
  $('f-zone').value = url.get('zone') || ZONE;
  ['category', 'place', 'unit'].forEach(k => { $('f-' + k).value = url.get(k) || ''; });

  function params() {
    const p = new URLSearchParams();
    ['from', 'to', 'zone', 'category', 'place', 'unit'].forEach(k => {
      const v = $('f-' + k).value.trim() || raw[k];
      if (v) p.set(k, v);
    });
    return p;
  }

  function get(path, p) {
    return fetch('/api/dashboard/' + path + '?' + p, { credentials: 'same-origin', headers: { Accept: 'application/json' } })
      .then(r => {
        if (r.status === 401) { location.href = '/login'; }
        return r.json().then(j => { if (!r.ok) { throw j; } return j; });
      });
  }

  function pct(x) { return (Math.round(x * 1000) / 10) + '%'; }

  function kpi(id, value, link) {
    $(id).querySelector('.v').textContent = value;
    if (link) $(id).href = link;
  }

  function showSummary(s) {
    const t = s.totals;
    kpi('kpi-posts', t.posts, t.link);
    kpi('kpi-negative', t.negative, t.negativeLink);
    kpi('kpi-share', pct(t.negativeShare));
    kpi('kpi-engagement', t.replies + ' / ' + t.views);
    const prev = s.previous.posts;
    kpi('kpi-change', prev === 0 ? (t.posts === 0 ? '持平' : '新增') : ((t.posts >= prev ? '+' : '') + pct((t.posts - prev) / prev)));
  }

  function showVolume(v) {
    const pts = v.points;
    const series = (name, key, color, sentiment) => ({
      name: name, type: 'bar', stack: 'mix', itemStyle: { color: color },
      data: pts.map(p => ({ value: p[key], link: p.link + (sentiment ? '&sentiment=' + sentiment : '') }))
    });
    charts.volume.setOption({
      tooltip: { trigger: 'axis' },
      legend: { data: ['负面', '中性', '正面', '总量'] },
      grid: { left: 50, right: 20, bottom: 40 },
      xAxis: { type: 'category', data: pts.map(p => p.label) },
      yAxis: { type: 'value', minInterval: 1 },
      series: [series('负面', 'negative', '#c0392b', 'negative'), series('中性', 'neutral', '#95a5a6', 'neutral'),
        series('正面', 'positive', '#27ae60', 'positive'),
        { name: '总量', type: 'line', data: pts.map(p => ({ value: p.posts, link: p.link })), itemStyle: { color: '#5470c6' } }]
    }, true);
  }

  function showTopics(t) {
    const hot = t.hot.slice().reverse();
    charts.hot.setOption({
      tooltip: {}, grid: { left: 150, right: 30, top: 10, bottom: 20 },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: { type: 'category', data: hot.map(x => x.label.length > 12 ? x.label.substring(0, 12) + '…' : x.label) },
      series: [{ name: '帖子', type: 'bar', data: hot.map(x => ({ value: x.posts, link: x.link, itemStyle: { color: x.emerging ? '#e67e22' : '#5470c6' } })) }]
    }, true);
    const list = $('emerging');
    list.textContent = '';
    t.emerging.forEach(x => {
      const li = el('li');
      const a = el('a', null, x.label);
      a.href = x.link;
      li.appendChild(a);
      li.appendChild(el('span', 'muted', ' ' + x.posts + ' 条' + (x.emergingReason ? ' · ' + x.emergingReason : '')));
      list.appendChild(li);
    });
    $('emerging-empty').hidden = t.emerging.length > 0;
  }

  function showKeywords(k) {
    const top = k.slice(0, 15).reverse();
    charts.keywords.setOption({
      tooltip: {}, grid: { left: 90, right: 30, top: 10, bottom: 20 },
      xAxis: { type: 'value' }, yAxis: { type: 'category', data: top.map(x => x.word) },
      series: [{ name: '权重', type: 'bar', data: top.map(x => ({ value: x.weight, link: x.link })), itemStyle: { color: '#8e44ad' } }]
    }, true);
  }

  function showBreakdown(b) {
    charts.categories.setOption({
      tooltip: { trigger: 'item', formatter: '{b}: {c} ({d}%)' },
      series: [{ name: '类别', type: 'pie', radius: ['30%', '65%'],
        data: b.categories.map(c => ({ name: c.name, value: c.posts, link: c.link })) }]
    }, true);
    const src = b.sources.slice(0, 10).reverse();
    charts.sources.setOption({
      tooltip: {}, grid: { left: 120, right: 30, top: 10, bottom: 20 },
      xAxis: { type: 'value', minInterval: 1 }, yAxis: { type: 'category', data: src.map(s => s.name) },
      series: [{ name: '帖子', type: 'bar', data: src.map(s => ({ value: s.posts, link: s.link })), itemStyle: { color: '#16a085' } }]
    }, true);
  }

  function treeData(nodes) {
    return nodes.filter(n => n.posts > 0).map(n => ({
      name: n.name, value: [n.posts, n.negativeShare], link: n.link,
      children: n.children && n.children.length ? treeData(n.children) : undefined
    }));
  }

  function showJurisdiction(j) {
    charts.jurisdiction.setOption({
      // a function formatter's result is HTML: the name is escaped (ECharts escapes only its string templates)
      tooltip: { formatter: p => esc(p.name) + '：' + (p.value ? p.value[0] + ' 条，负面 ' + pct(p.value[1]) : '') },
      visualMap: { type: 'continuous', min: 0, max: 1, dimension: 1, inRange: { color: ['#ecf4e8', '#f5c26b', '#c0392b'] },
        text: ['负面高', '负面低'], orient: 'horizontal', left: 'center', bottom: 0, calculable: false },
      series: [{ type: 'treemap', name: '辖区', nodeClick: false, roam: false, breadcrumb: { show: false }, bottom: 40,
        leafDepth: 2, visualDimension: 1, levels: [{ itemStyle: { borderWidth: 2, gapWidth: 2 } }, { itemStyle: { gapWidth: 1 } }],
        data: treeData(j.tree) }]
    }, true);
    const p = $('unplaced');
    p.textContent = '';
    const a = el('a', null, '未提及辖区地点的信息 ' + j.unplaced + ' 条');
    a.href = j.unplacedLink;
    p.appendChild(a);
    if (j.outside > 0) p.appendChild(el('span', null, ' · 辖区外地点 ' + j.outside + ' 条'));
  }

  function showUnits(rows) {
    const tbody = document.querySelector('#units tbody');
    tbody.textContent = '';
    rows.forEach(r => {
      const tr = el('tr');
      const name = el('td');
      const a = el('a', null, r.unit);
      a.href = r.link;
      name.appendChild(a);
      tr.appendChild(name);
      [r.cases, r.responded, pct(r.responseRate), pct(r.onTimeRate), r.overdue,
        r.medianMinutesToAcknowledge === null ? '–' : r.medianMinutesToAcknowledge,
        r.medianMinutesToRespond === null ? '–' : r.medianMinutesToRespond,
        r.effectRate === null ? '–' : r.calmed + '/' + r.evaluated].forEach(v => tr.appendChild(el('td', null, v)));
      tbody.appendChild(tr);
    });
    $('units-empty').hidden = rows.length > 0;
  }

  let loading = false;
  function load() {
    if (loading) return;
    loading = true;
    const p = params();
    history.replaceState(null, '', '/dashboard?' + p);
    status.textContent = '加载中…';
    Promise.all([
      get('summary', p).then(showSummary), get('volume', p).then(showVolume), get('topics', p).then(showTopics),
      get('keywords', p).then(showKeywords), get('breakdown', p).then(showBreakdown),
      get('jurisdiction', p).then(showJurisdiction), get('units', p).then(showUnits)
    ]).then(() => {
      errorBox.hidden = true;
      status.textContent = '已更新 ' + new Date().toLocaleTimeString('zh-CN');
      document.body.dataset.dashboardLoaded = 'true';
    }).catch(e => {
      errorBox.hidden = false;
      errorBox.textContent = '无法加载：' + ((e && e.errors) ? e.errors.map(x => x.field + ' ' + x.reason).join('；') : (e && e.detail) || e);
      status.textContent = '加载失败';
    }).finally(() => { loading = false; });
  }

  $('f-apply').addEventListener('click', load);

  // exports of the posts behind the current filter: streamed downloads, progress followed by a token
  ['csv', 'xlsx'].forEach(kind => {
    $('export-' + kind).addEventListener('click', ev => {
      const token = 'x' + Date.now().toString(36) + Math.random().toString(36).substring(2, 8);
      const p = params();
      p.set('token', token);
      ev.currentTarget.href = '/api/exports/posts.' + kind + '?' + p;
      const show = $('export-progress');
      let tries = 0;
      const poll = () => fetch('/api/exports/progress/' + token, { credentials: 'same-origin', headers: { Accept: 'application/json' } })
        .then(r => r.ok ? r.json() : null)
        .then(x => {
          tries++;
          if (x) show.textContent = x.error ? '导出失败：' + x.error : (x.done ? '已导出 ' + x.written + ' 条' : '导出中 ' + x.written + ' / ' + x.total);
          if ((!x || !x.done) && tries < 600) setTimeout(poll, 1000);
        });
      setTimeout(poll, 500);
    });
  });
  load();

  // live: new posts refresh the dashboard (at most every 5 s); a slow poll covers lost connections
  let pending = null;
  function soon() {
    if (pending) return;
    pending = setTimeout(() => { pending = null; load(); }, 5000);
  }
  if (window.EventSource) {
    const es = new EventSource('/api/posts/stream');
    es.onmessage = soon;
  }
  setInterval(load, 60000);
}());
