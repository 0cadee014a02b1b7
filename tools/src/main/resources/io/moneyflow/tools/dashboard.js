// The moneyflow dashboard: the market view (ranking, sectors, markets, heat map, alerts) and one stock's view (its
// chart, class table, ratios, last days), each fed by a server-sent event stream of the API's documents. Every number
// shown sits in an element carrying the API's own value (data-value), so that what is shown can be checked against it.
'use strict';

const $ = id => document.getElementById(id);
const state = {by: 'mainNet', market: 'ALL', symbol: null, overview: null, stock: null, bars: null};
const streams = {};

/** 1 yuan amounts as 10,000 yuan (万), two decimals, thousands separated. */
function wan(v) {
  if (v === null || v === undefined) return '';
  return (Number(v) / 1e4).toLocaleString('en-US', {minimumFractionDigits: 2, maximumFractionDigits: 2});
}

function pct(v) {
  return v === null || v === undefined ? '' : Number(v).toFixed(2);
}

/** A table cell showing a value: its text formatted, the API's value kept in data-value, red or green by sign. */
function cell(field, value, format, signed) {
  const td = document.createElement('td');
  td.dataset.field = field;
  td.dataset.value = value === null || value === undefined ? '' : String(value);
  td.textContent = format ? format(value) : (value === null || value === undefined ? '' : String(value));
  if (signed && value !== null && value !== undefined && Number(value) !== 0) {
    td.className = Number(value) > 0 ? 'up' : 'down';
  }
  return td;
}

function text(tag, content) {
  const el = document.createElement(tag);
  el.textContent = content;
  return el;
}

/**
 * Opens (or reopens) the named stream of a resource; each update replaces the view's document. A stream refused (a
 * stock not in the counters yet, the server restarting) is tried again every second: the page never needs a reload.
 */
function stream(name, path, onUpdate) {
  if (streams[name]) streams[name].close();
  const source = new EventSource('/api/stream/' + path);
  const retry = () => setTimeout(() => { if (streams[name] === source) stream(name, path, onUpdate); }, 1000);
  source.addEventListener('update', e => {
    try {
      onUpdate(JSON.parse(e.data));
    } catch (error) {
      // said on the page (and kept for a test to find), not only in a console nobody reads
      document.body.dataset.error = name + ': ' + error;
      $('health').textContent = 'the page failed to show ' + name + ': ' + error;
      throw error;
    }
  });
  source.addEventListener('refused', e => {
    source.close();
    onUpdate(null, JSON.parse(e.data).error);
    retry();
  });
  source.addEventListener('error', () => {
    if (source.readyState === EventSource.CLOSED) {
      // refused when opened: say why (the GET gives the same answer), then try again
      fetch('/api/' + path).then(r => r.json()).then(body => { if (body.error) onUpdate(null, body.error); })
        .catch(() => onUpdate(null, 'the server is not answering'));
      retry();
    }
  });
  streams[name] = source;
}

function showHealth(h) {
  const el = $('health');
  el.replaceChildren();
  const count = n => Number(n).toLocaleString('en-US');
  const parts = [
    ['writerRunning', h.writerRunning ? 'running' : 'finished'],
    ['recordsCounted', 'records ' + count(h.recordsCounted)],
    ['rejected', 'rejects ' + count(h.rejected)],
    ['sequenceGaps', 'gaps ' + count(h.sequenceGaps)],
    ['ringLag', 'ring lag ' + (h.ringLag === null ? '-' : count(h.ringLag))],
    ['journalLag', 'journal lag ' + (h.journalLag === null ? '-' : count(h.journalLag))],
    ['stockDays', 'stock-days ' + h.stockDays]];
  if (h.latency) parts.push(['latency', 'p99 ' + Number(h.latency.p99Micros).toFixed(1) + ' us', h.latency.p99Micros]);
  if (h.gcCollections !== null) parts.push(['gcCollections', 'gc ' + h.gcCollections + ' (' + h.gcMillis + ' ms)']);
  for (const [field, label, value] of parts) {
    const span = text('span', label + '   ');
    span.dataset.field = field;
    span.dataset.value = String(value !== undefined ? value : h[field]);
    el.appendChild(span);
  }
}

function showOverview(doc, refused) {
  if (!doc) {
    $('health').textContent = refused;
    return;
  }
  state.overview = doc;
  showHealth(doc.health);
  const rank = doc.rank;
  $('day').textContent = rank.date ? rank.date + ', ' + rank.of + ' stocks' : 'no stocks yet';
  const first = rank.stocks[0];
  const classes = first ? Object.keys(first.classNet) : [];
  const head = $('rank').tHead.rows[0];
  while (head.cells.length > 7) head.deleteCell(7);
  for (const c of classes) head.appendChild(text('th', c + ' net 万'));
  const body = $('rank').tBodies[0];
  body.replaceChildren();
  for (const s of rank.stocks) {
    const tr = document.createElement('tr');
    tr.dataset.symbol = s.symbol;
    if (s.symbol === state.symbol) tr.className = 'selected';
    tr.append(cell('rank', s.rank), cell('symbol', s.symbol), cell('name', s.name),
      cell('mainNet', s.mainNet, wan, true), cell('mainNetRatioPct', s.mainNetRatioPct, pct, true),
      cell('netInflowRatePct', s.netInflowRatePct, pct, true), cell('turnover', s.turnover, wan));
    for (const c of classes) tr.appendChild(cell('classNet.' + c, s.classNet[c], wan, true));
    tr.addEventListener('click', () => pick(s.symbol));
    body.appendChild(tr);
  }
  groups('sectors', doc.sectors);
  groups('markets', doc.markets);
  heatmap(doc.sectors);
  const alerts = $('alerts');
  alerts.replaceChildren();
  if (doc.alerts.length === 0) alerts.appendChild(text('li', 'none yet')).className = 'muted';
  for (const a of doc.alerts.slice().reverse()) {
    const li = text('li', a.date + ' ' + a.time + ' ' + a.signal + ' ' + a.subject + ' ' + JSON.stringify(a.values));
    li.dataset.signal = a.signal;
    alerts.appendChild(li);
  }
  if (!state.symbol && first) pick(first.symbol);
}

function groups(id, rows) {
  const body = $(id).tBodies[0];
  body.replaceChildren();
  for (const g of rows) {
    const tr = document.createElement('tr');
    tr.dataset.name = g.name;
    tr.append(cell('name', g.name), cell('stocks', g.stocks), cell('mainNet', g.mainNet, wan, true),
      cell('mainNetRatioPct', g.mainNetRatioPct, pct, true), cell('turnover', g.turnover, wan));
    body.appendChild(tr);
  }
}

let heatChart = null;

/** Red for inflow, green for outflow, deeper the further from 0 (against the largest of the day's sectors). */
function shade(value, limit) {
  const t = Math.min(1, Math.abs(value) / limit);
  const [r, g, b] = value >= 0 ? [185, 28, 28] : [21, 128, 61];
  const mix = (c, base) => Math.round(base + (c - base) * (0.25 + 0.75 * t));
  return 'rgb(' + mix(r, 229) + ',' + mix(g, 231) + ',' + mix(b, 235) + ')';
}

function heatmap(sectors) {
  if (sectors.length === 0) {
    // a treemap given no data draws nothing after, whatever it is given next: start it with the first sectors
    if (heatChart) heatChart.dispose();
    heatChart = null;
    return;
  }
  heatChart = heatChart || echarts.init($('heatmap'));
  const limit = Math.max(0.01, ...sectors.map(s => Math.abs(Number(s.mainNetRatioPct || 0))));
  heatChart.setOption({
    animation: false,
    tooltip: {formatter: p => p.name + '<br>main net ' + wan(p.data.mainNet) + ' 万<br>main % ' + pct(p.data.pct) +
      '<br>turnover ' + wan(p.data.value) + ' 万'},
    // no transition between updates: a treemap fades its blocks in over animationDurationUpdate, which updates every
    // 250 ms would keep restarting (the map stays blank)
    series: [{id: 'sectors', type: 'treemap', animation: false, animationDurationUpdate: 0, roam: false,
      nodeClick: false, breadcrumb: {show: false},
      left: 0, top: 0, right: 0, bottom: 0, label: {show: true, fontSize: 14, formatter: p => p.name + '\n' + pct(p.data.pct) + '%'},
      data: sectors.map(s => ({name: s.name, value: Number(s.turnover), mainNet: s.mainNet, pct: s.mainNetRatioPct,
        itemStyle: {color: shade(Number(s.mainNetRatioPct || 0), limit)}}))}]
  });
}

/** Shows one stock: its day and bars streamed, its last days fetched once. */
function pick(symbol) {
  state.symbol = symbol;
  $('symbol').value = symbol;
  for (const tr of $('rank').tBodies[0].rows) tr.className = tr.dataset.symbol === symbol ? 'selected' : '';
  $('stock-message').textContent = 'loading ' + symbol + '…';
  stream('stock', 'stocks/' + encodeURIComponent(symbol), showStock);
  stream('bars', 'stocks/' + encodeURIComponent(symbol) + '/bars', showBars);
  history(symbol);
}

function showStock(day, refused) {
  if (!day) {
    $('stock-message').textContent = refused;
    return;
  }
  state.stock = day;
  $('stock-message').textContent = '';
  $('stock-title').textContent = day.symbol + ' ' + day.name + ' ' + day.date;
  const ratios = $('ratios').tBodies[0];
  ratios.replaceChildren();
  const shown = [['turnover', 'turnover 成交额 万', wan, false], ['mainNet', 'main net 主力净流入 万', wan, true],
    ['mainNetRatioPct', 'main % 主力净占比', pct, true], ['net', 'net 净流入 万', wan, true],
    ['netRatioPct', 'net % 净占比', pct, true], ['bigOrderSharePct', 'big-order share % 大单占比', pct, false],
    ['netInflowRatePct', 'net inflow rate % 净流入率', pct, true]];
  let tr = null;
  shown.forEach(([field, label, format, signed], i) => {
    if (i % 2 === 0) tr = ratios.insertRow();
    tr.appendChild(text('th', label));
    tr.appendChild(cell(field, day[field], format, signed));
  });
  const body = $('classes').tBodies[0];
  body.replaceChildren();
  for (const c of day.classes) {
    const row = document.createElement('tr');
    row.dataset.class = c.class;
    row.append(cell('class', c.class + (c.main ? ' (main)' : '')),
      cell('activeIn', c.activeIn, wan), cell('activeOut', c.activeOut, wan), cell('activeNet', c.activeNet, wan, true),
      cell('orderSideIn', c.orderSideIn, wan), cell('orderSideOut', c.orderSideOut, wan),
      cell('orderSideNet', c.orderSideNet, wan, true));
    body.appendChild(row);
  }
}

let stockChart = null;

function showBars(doc, refused) {
  if (!doc) return;
  state.bars = doc;
  stockChart = stockChart || echarts.init($('chart'));
  const times = doc.bars.map(b => b.time);
  const classes = doc.bars.length ? Object.keys(doc.bars[0].activeNet) : [];
  const classNet = {};
  for (const c of classes) classNet[c] = doc.bars.map(b => Number(b.activeNet[c]));
  stockChart.setOption(moneyflowStockChart(doc.symbol + ' ' + doc.date, times, doc.bars.map(b => Number(b.close)),
    doc.bars.map(b => Number(b.cumulativeMainNet)), classNet));
  const chart = $('chart');
  chart.dataset.bars = String(doc.bars.length);
  chart.dataset.lastTime = times.length ? times[times.length - 1] : '';
  chart.dataset.lastCumulativeMainNet = doc.bars.length ? String(doc.bars[doc.bars.length - 1].cumulativeMainNet) : '';
}

let historyChart = null;

function history(symbol) {
  fetch('/api/history/' + encodeURIComponent(symbol) + '?days=10')
    .then(r => r.json().then(body => ({ok: r.ok, body})))
    .then(({ok, body}) => {
      if (!ok) {
        $('history-message').textContent = body.error;
        if (historyChart) historyChart.clear();
        return;
      }
      $('history-message').textContent = body.days.length + ' day(s) stored';
      historyChart = historyChart || echarts.init($('history'));
      historyChart.setOption({
        animation: false,
        tooltip: {trigger: 'axis'},
        grid: {left: 70, right: 20, top: 20, bottom: 30},
        xAxis: {type: 'category', data: body.days.map(d => d.date)},
        yAxis: {type: 'value', name: 'yuan'},
        series: [{name: 'main net', type: 'bar', data: body.days.map(d => ({value: Number(d.mainNet),
          itemStyle: {color: Number(d.mainNet) >= 0 ? '#dc2626' : '#16a34a'}}))}]
      }, true);
    });
}

function overviewPath() {
  return 'overview?by=' + state.by + '&limit=20' + (state.market === 'ALL' ? '' : '&market=' + state.market);
}

$('by').addEventListener('change', e => {
  state.by = e.target.value;
  stream('overview', overviewPath(), showOverview);
});
$('marketFilter').addEventListener('change', e => {
  state.market = e.target.value;
  stream('overview', overviewPath(), showOverview);
});
$('pick').addEventListener('submit', e => {
  e.preventDefault();
  const symbol = $('symbol').value.trim().toUpperCase();
  if (symbol) pick(symbol);
});
window.addEventListener('resize', () => [heatChart, stockChart, historyChart].forEach(c => c && c.resize()));
const requested = new URLSearchParams(location.search).get('symbol');
if (requested) pick(requested);
stream('overview', overviewPath(), showOverview);
