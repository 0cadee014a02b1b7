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

/** Opens (or reopens) the named stream of a resource; each update replaces the view's document. */
function stream(name, path, onUpdate) {
  if (streams[name]) streams[name].close();
  const source = new EventSource('/api/stream/' + path);
  source.addEventListener('update', e => onUpdate(JSON.parse(e.data)));
  source.addEventListener('refused', e => {
    source.close();
    onUpdate(null, JSON.parse(e.data).error);
  });
  streams[name] = source;
}

function showHealth(h) {
  const el = $('health');
  el.replaceChildren();
  const parts = [
    ['writerRunning', h.writerRunning ? 'running' : 'finished'],
    ['recordsPublished', 'records ' + Number(h.recordsPublished).toLocaleString('en-US')],
    ['rejected', 'rejects ' + Number(h.rejected).toLocaleString('en-US')],
    ['sequenceGaps', 'gaps ' + Number(h.sequenceGaps).toLocaleString('en-US')],
    ['stockDays', 'stock-days ' + h.stockDays]];
  if (h.ringSize !== undefined) {
    parts.push(['ringRemaining', 'ring free ' + h.ringRemaining + '/' + h.ringSize]);
    parts.push(['journalLag', 'journal lag ' + (h.journalLag === null ? '-' : h.journalLag)]);
  }
  for (const [field, label] of parts) {
    const span = text('span', label + '   ');
    span.dataset.field = field;
    span.dataset.value = String(h[field]);
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
    const li = text('li', a.date + ' ' + a.time + '  ' + a.signal + '  ' + a.subject + '  ' + JSON.stringify(a.values));
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

function heatmap(sectors) {
  heatChart = heatChart || echarts.init($('heatmap'));
  const limit = Math.max(1, ...sectors.map(s => Math.abs(Number(s.mainNetRatioPct || 0))));
  heatChart.setOption({
    animation: false,
    tooltip: {formatter: p => p.name + '<br>main net ' + wan(p.data.mainNet) + ' 万<br>main % ' + pct(p.data.pct)},
    visualMap: {type: 'continuous', min: -limit, max: limit, dimension: 1, show: false,
      inRange: {color: ['#15803d', '#e5e7eb', '#b91c1c']}},
    series: [{type: 'treemap', roam: false, nodeClick: false, breadcrumb: {show: false},
      label: {show: true, formatter: p => p.name + '\n' + pct(p.data.pct) + '%'},
      data: sectors.map(s => ({name: s.name, value: [Number(s.turnover), Number(s.mainNetRatioPct || 0)],
        mainNet: s.mainNet, pct: s.mainNetRatioPct}))}]
  }, true);
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
    if (i % 4 === 0) tr = ratios.insertRow();
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
  stockChart.setOption({
    animation: false,
    title: {text: doc.symbol + ' ' + doc.date, textStyle: {fontSize: 13}},
    tooltip: {trigger: 'axis'},
    legend: {top: 0, right: 0, data: ['price', 'cumulative main net'].concat(classes.map(c => c + ' net'))},
    axisPointer: {link: [{xAxisIndex: 'all'}]},
    grid: [{left: 70, right: 20, top: 40, height: '32%'}, {left: 70, right: 20, top: '52%', height: '38%'}],
    xAxis: [{type: 'category', data: times, gridIndex: 0}, {type: 'category', data: times, gridIndex: 1}],
    yAxis: [{type: 'value', scale: true, gridIndex: 0, name: 'price'},
      {type: 'value', gridIndex: 1, name: 'yuan'}],
    series: [{name: 'price', type: 'line', showSymbol: false, data: doc.bars.map(b => Number(b.close)),
      xAxisIndex: 0, yAxisIndex: 0},
    {name: 'cumulative main net', type: 'line', showSymbol: false,
      data: doc.bars.map(b => Number(b.cumulativeMainNet)), xAxisIndex: 1, yAxisIndex: 1}]
      .concat(classes.map(c => ({name: c + ' net', type: 'bar', stack: 'net', xAxisIndex: 1, yAxisIndex: 1,
        data: doc.bars.map(b => Number(b.activeNet[c]))})))
  }, true);
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
        series: [{name: 'main net', type: 'bar', data: body.days.map(d => ({value: Number(d.main_net),
          itemStyle: {color: Number(d.main_net) >= 0 ? '#dc2626' : '#16a34a'}}))}]
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
