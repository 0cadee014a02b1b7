// One stock's day as East Money draws it: the price on top, the cumulative main net inflow under it, each bar's net
// inflow by class at the bottom, one time axis. Shared by the dashboard and the page 'moneyflow chart' writes.
// times: the bars' labels; close, cumulative: numbers per bar; classNet: {class name: numbers per bar}.
function moneyflowStockChart(title, times, close, cumulative, classNet) {
  'use strict';
  const classes = Object.keys(classNet);
  return {
    animation: false,
    title: {text: title, textStyle: {fontSize: 13}},
    tooltip: {trigger: 'axis'},
    legend: {top: 0, right: 0, data: ['price', 'cumulative main net'].concat(classes.map(c => c + ' net'))},
    axisPointer: {link: [{xAxisIndex: 'all'}]},
    grid: [{left: 90, right: 20, top: 40, height: '30%'}, {left: 90, right: 20, top: '44%', height: '22%'},
      {left: 90, right: 20, top: '72%', height: '22%'}],
    xAxis: [0, 1, 2].map(i => ({type: 'category', data: times, gridIndex: i, axisLabel: {show: i !== 1}})),
    yAxis: [{type: 'value', scale: true, gridIndex: 0, name: 'price'},
      {type: 'value', gridIndex: 1, name: 'main net, yuan'}, {type: 'value', gridIndex: 2, name: 'net by class'}],
    series: [{name: 'price', type: 'line', showSymbol: false, data: close, xAxisIndex: 0, yAxisIndex: 0},
      {name: 'cumulative main net', type: 'line', showSymbol: false, areaStyle: {opacity: 0.15}, data: cumulative,
        xAxisIndex: 1, yAxisIndex: 1}]
      .concat(classes.map(c => ({name: c + ' net', type: 'bar', stack: 'net', xAxisIndex: 2, yAxisIndex: 2,
        data: classNet[c]})))
  };
}
