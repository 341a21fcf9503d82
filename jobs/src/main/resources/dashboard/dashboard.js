// TicketPulse live dashboard: renders the snapshots of /events (server-sent events; /api/snapshot at start).
// window.ticketpulse exposes the chart instances and the last snapshot (read by the browser test).
(function () {
  'use strict';
  // firstSeen: dedup_key → when this page first showed the alert (browser clock, ms)
  const state = { charts: {}, snapshot: null, updates: 0, firstSeen: {}, sawRunning: false };
  window.ticketpulse = state;

  function el(id) { return document.getElementById(id); }
  function text(s) { return s === null || s === undefined ? '' : String(s); }
  function td(content, cls) {
    const c = document.createElement('td');
    c.textContent = text(content);
    if (cls) { c.className = cls; }
    return c;
  }
  function utc(ms) { return ms === null || ms === undefined ? '–' : new Date(ms).toISOString().replace('T', ' ').substring(0, 16); }
  function age(s) {
    if (s < 60) { return s + 's'; }
    if (s < 3600) { return Math.floor(s / 60) + 'm'; }
    if (s < 86400) { return Math.floor(s / 3600) + 'h' + String(Math.floor(s % 3600 / 60)).padStart(2, '0'); }
    return Math.floor(s / 86400) + 'd' + Math.floor(s % 86400 / 3600) + 'h';
  }
  function fmt(n) { return Number(n).toLocaleString('en-US', { maximumFractionDigits: 1 }); }

  function renderCharts(charts) {
    const box = el('charts');
    for (const c of charts) {
      let chart = state.charts[c.id];
      if (!chart) {
        const div = document.createElement('div');
        div.className = 'chart';
        div.id = 'chart-' + c.id;
        box.appendChild(div);
        chart = echarts.init(div, null, { renderer: 'canvas' });
        state.charts[c.id] = chart;
      }
      chart.setOption({
        animation: false,
        title: { text: c.title + ' (' + c.unit + ')', textStyle: { fontSize: 13 }, left: 8, top: 6 },
        tooltip: { trigger: 'axis' },
        legend: { type: 'scroll', bottom: 0, textStyle: { fontSize: 10 } },
        grid: { left: 48, right: 16, top: 36, bottom: 48 },
        xAxis: { type: 'time' },
        yAxis: { type: 'value', scale: c.unit !== '%' && c.unit !== 'tickets' },
        series: c.series.map(s => ({ name: s.name, type: 'line', showSymbol: false, connectNulls: false,
          data: s.points }))
      }, { replaceMerge: ['series'] });
    }
  }

  function renderCurrent(rows) {
    const body = el('current').querySelector('tbody');
    body.replaceChildren();
    for (const r of rows) {
      const tr = document.createElement('tr');
      tr.dataset.key = r.channel + '/' + r.priority;
      tr.append(td(r.channel), td(r.priority), td(r.policyId || '–'), td(r.ticketsCreated, 'num'),
        td(r.backlogOpen, 'num'));
      for (const c of r.cells) {
        const cell = td(c.display, 'cell ' + c.status);
        cell.dataset.metric = c.metric;
        cell.dataset.status = c.status;
        const small = document.createElement('small');
        small.textContent = c.referenceDisplay;
        cell.appendChild(small);
        tr.appendChild(cell);
      }
      body.appendChild(tr);
    }
  }

  function renderAlerts(a) {
    el('alerts-firing').textContent = fmt(a.firing);
    el('alerts-by-column').textContent = Object.entries(a.byColumn).map(([k, v]) => k + ' ' + v).join(', ')
      + '; resolved ' + fmt(a.resolved);
    const body = el('alerts').querySelector('tbody');
    body.replaceChildren();
    const now = Date.now();
    for (const r of a.shown) {
      if (!(r.dedupKey in state.firstSeen)) { state.firstSeen[r.dedupKey] = now; }
      const tr = document.createElement('tr');
      tr.className = 'alert';
      tr.dataset.dedupKey = r.dedupKey;
      tr.dataset.severity = r.severity;
      tr.append(td(r.column, r.column), td(age(r.ageS), 'num'), td(r.channel + ' / ' + r.priority), td(r.summary));
      body.appendChild(tr);
    }
    el('alerts-more').textContent = a.firing > a.shown.length
      ? 'The ' + a.shown.length + ' most severe of ' + fmt(a.firing) + ' firing alerts (oldest first).' : '';
  }

  function renderDeadLetters(d) {
    el('dead-letters-total').textContent = fmt(d.total);
    const body = el('dead-letters').querySelector('tbody');
    body.replaceChildren();
    for (const [reason, n] of Object.entries(d.byReason)) {
      const tr = document.createElement('tr');
      tr.dataset.reason = reason;
      tr.append(td(reason), td(fmt(n), 'num'));
      body.appendChild(tr);
    }
  }

  function render(s) {
    state.snapshot = s;
    state.updates++;
    state.sawRunning = state.sawRunning || s.state === 'running';
    const st = el('state');
    st.textContent = s.state;
    st.className = 'state ' + s.state;
    el('source').textContent = s.source;
    el('events-rate').textContent = fmt(s.events.perSecond);
    el('events-average').textContent = fmt(s.events.averagePerSecond);
    el('events-total').textContent = fmt(s.events.total);
    el('kpi-rows').textContent = fmt(s.kpiRows);
    el('newest-window').textContent = s.newestWindowStartMs === null ? '–'
      : utc(s.newestWindowStartMs) + ' – ' + utc(s.newestWindowEndMs).substring(11);
    el('updated').textContent = new Date(s.generatedAtMs).toISOString().substring(11, 19) + ' UTC';
    renderCharts(s.charts);
    renderCurrent(s.current);
    renderAlerts(s.alerts);
    renderDeadLetters(s.deadLetters);
  }

  fetch('api/snapshot').then(r => r.json()).then(s => { if (!state.snapshot) { render(s); } }).catch(() => {});
  const source = new EventSource('events');
  source.addEventListener('snapshot', e => render(JSON.parse(e.data)));
  source.onerror = () => {
    const st = el('state');
    if (state.snapshot && state.snapshot.state === 'finished') {
      st.textContent = 'finished';
    } else {
      st.textContent = 'disconnected, retrying…';
      st.className = 'state disconnected';
    }
  };
  window.addEventListener('resize', () => Object.values(state.charts).forEach(c => c.resize()));
})();
