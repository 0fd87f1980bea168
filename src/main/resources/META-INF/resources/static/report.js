// One report: progress while it is generated, then its stored figures with charts; every figure links to its evidence.
(function () {
  'use strict';
  const root = document.getElementById('report');
  const id = root.dataset.reportId;
  const $ = x => document.getElementById(x);
  const SENT = { negative: '负面', neutral: '中性', positive: '正面' };

  function el(tag, cls, text) {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }
  function link(text, href) {
    const a = el('a', null, text);
    if (href) a.href = href;
    return a;
  }
  function pct(x) { return (Math.round(x * 1000) / 10) + '%'; }
  function time(iso) { return (iso || '').replace('T', ' ').substring(0, 16); }
  function safeHref(url) {
    try { const u = new URL(url); return (u.protocol === 'http:' || u.protocol === 'https:') ? u.href : null; } catch (e) { return null; }
  }

  function chart(elId, option) {
    const c = window.echarts.init($(elId), null, { renderer: 'svg' });
    c.setOption(option);
    c.on('click', p => { if (p.data && p.data.link) location.href = p.data.link; });
    window.addEventListener('resize', () => c.resize());
    window.addEventListener('beforeprint', () => c.resize());
    return c;
  }

  function rows(tableId, items, cells) {
    const tbody = document.querySelector('#' + tableId + ' tbody');
    tbody.textContent = '';
    items.forEach(i => {
      const tr = el('tr');
      cells(i).forEach(v => { const td = el('td'); if (v instanceof Node) td.appendChild(v); else td.textContent = String(v); tr.appendChild(td); });
      tbody.appendChild(tr);
    });
  }

  function show(c) {
    $('report-body').hidden = false;
    $('overview').textContent = c.overview;
    $('report-period').textContent = '统计周期：' + c.periodLabel + '（' + c.zone + '）';
    if (c.thin) { $('thin').hidden = false; $('thin').textContent = c.thinNote; }
    const f = $('figures');
    f.textContent = '';
    f.appendChild(document.createTextNode('信息总量 '));
    f.appendChild(link(c.totals.posts + ' 条', c.totals.link));
    f.appendChild(document.createTextNode('，负面 '));
    f.appendChild(link(c.totals.negative + ' 条', c.totals.negativeLink));
    f.appendChild(document.createTextNode('（' + pct(c.totals.negativeShare) + '），上一周期 '));
    f.appendChild(link(c.previous.posts + ' 条', c.previous.link));
    $('generated').textContent = time(c.generatedAt);
    const pts = c.volume.points;
    const s = (name, key, color, sentiment) => ({ name: name, type: 'bar', stack: 'mix', itemStyle: { color: color },
      data: pts.map(p => ({ value: p[key], link: p.link + (sentiment && p.link.indexOf('/posts') === 0 ? '&sentiment=' + sentiment : '') })) });
    chart('chart-volume', {
      animation: false, tooltip: { trigger: 'axis' }, legend: { data: ['负面', '中性', '正面'] },
      xAxis: { type: 'category', data: pts.map(p => p.label) }, yAxis: { type: 'value', minInterval: 1 },
      series: [s('负面', 'negative', '#c0392b', 'negative'), s('中性', 'neutral', '#95a5a6', 'neutral'), s('正面', 'positive', '#27ae60', 'positive')]
    });
    chart('chart-categories', {
      animation: false, title: { text: '类别', left: 'center', textStyle: { fontSize: 13 } }, tooltip: { trigger: 'item' },
      series: [{ type: 'pie', radius: ['30%', '60%'], data: c.categories.map(x => ({ name: x.name, value: x.posts, link: x.link })) }]
    });
    const src = c.sources.slice(0, 10).reverse();
    chart('chart-sources', {
      animation: false, title: { text: '来源', left: 'center', textStyle: { fontSize: 13 } }, grid: { left: 110, right: 20 },
      xAxis: { type: 'value', minInterval: 1 }, yAxis: { type: 'category', data: src.map(x => x.name) },
      series: [{ type: 'bar', data: src.map(x => ({ value: x.posts, link: x.link })), itemStyle: { color: '#16a085' } }]
    });
    rows('places', c.places, p => [link(p.name, p.link), p.posts, p.negative, pct(p.negativeShare)]);
    const ol = $('topics');
    ol.textContent = '';
    c.topics.forEach(t => {
      const li = el('li');
      li.appendChild(link(t.label, t.link));
      li.appendChild(el('span', 'muted', ' 信息 ' + t.posts + ' 条，负面 ' + pct(t.negativeShare) + (t.emerging ? '，新兴话题' : '')));
      t.samples.forEach(x => {
        const d = el('div', 'sample');
        d.appendChild(el('span', 'muted', '【' + x.source + ' ' + time(x.publishedAt) + ' ' + (SENT[x.sentiment] || '') + '】'));
        d.appendChild(document.createTextNode((x.title ? x.title + '：' : '') + x.excerpt + ' '));
        const href = safeHref(x.url);
        if (href) { const a = link('原文', href); a.rel = 'noopener noreferrer nofollow'; a.target = '_blank'; d.appendChild(a); }
        li.appendChild(d);
      });
      ol.appendChild(li);
    });
    if (c.topics.length === 0) ol.appendChild(el('li', 'muted', '本期没有形成话题。'));
    const em = $('emerging');
    em.textContent = '';
    if (c.emerging.length) {
      em.appendChild(document.createTextNode('新兴话题：'));
      c.emerging.forEach(e => { em.appendChild(link(e.label, e.link)); em.appendChild(document.createTextNode('（' + e.posts + ' 条） ')); });
    }
    const cs = $('cases');
    cs.textContent = '';
    cs.appendChild(document.createTextNode('本期新交办 ' + c.cases.opened + ' 件，已回应 ' + c.cases.responded + ' 件，超期 ' + c.cases.overdue + ' 件'));
    if (c.cases.overdueUnits.length) {
      cs.appendChild(document.createTextNode('；超期单位：'));
      c.cases.overdueUnits.forEach(u => { cs.appendChild(link(u.unit + ' ' + u.overdue + ' 件', u.link)); cs.appendChild(document.createTextNode(' ')); });
    }
    cs.appendChild(document.createTextNode('。'));
    rows('units', c.units, u => [link(u.unit, u.link), u.cases, u.responded, pct(u.responseRate), pct(u.onTimeRate), u.overdue,
      u.effectRate === null ? '–' : u.calmed + '/' + u.evaluated]);
    const kw = $('keywords');
    kw.textContent = '';
    c.keywords.slice(0, 20).forEach(k => { kw.appendChild(link(k.word, k.link)); kw.appendChild(document.createTextNode(' ')); });
    document.body.dataset.reportLoaded = 'true';
  }

  function load() {
    fetch('/api/reports/' + id, { credentials: 'same-origin', headers: { Accept: 'application/json' } })
      .then(r => { if (r.status === 401) { location.href = '/login'; } return r.json(); })
      .then(r => {
        $('report-title').textContent = r.title || '报告不存在';
        const local = iso => { try { return new Date(iso).toLocaleString('zh-CN', { timeZone: r.zone, hour12: false }); } catch (e) { return iso; } };
        $('report-period').textContent = r.from ? '统计周期 ' + local(r.from) + ' 至 ' + local(r.to) + '（' + r.zone + '）' : '';
        if (r.status === 'DONE') {
          $('report-progress').hidden = true;
          show(r.content);
        } else if (r.status === 'FAILED') {
          $('report-progress').hidden = false;
          $('progress-text').textContent = '生成失败：' + (r.message || '');
        } else if (r.status) {
          $('report-progress').hidden = false;
          $('progress-bar').value = r.progress;
          $('progress-text').textContent = r.progress + '% ' + (r.phase || '');
          setTimeout(load, 1000);
        }
      });
  }
  $('print').addEventListener('click', () => window.print());
  load();
}());
