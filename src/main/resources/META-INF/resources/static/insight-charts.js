// Draws the bounce-rate chart of /insights/charts from its JSON twin (data-chart-src), with Chart.js.
// Readable without colour: hard is a dark hatched bar, soft a light dotted one, the legend says which, and each
// bar carries its value as text; the page's table holds the same numbers.
(function () {
  'use strict';

  function pattern(kind) {
    var c = document.createElement('canvas');
    c.width = 10;
    c.height = 10;
    var g = c.getContext('2d');
    if (kind === 'hard') {
      g.fillStyle = '#7a1f1f';
      g.fillRect(0, 0, 10, 10);
      g.strokeStyle = '#ffffff';
      g.lineWidth = 2;
      g.beginPath();
      g.moveTo(0, 10);
      g.lineTo(10, 0);
      g.stroke();
    } else {
      g.fillStyle = '#f2d39b';
      g.fillRect(0, 0, 10, 10);
      g.fillStyle = '#5a4100';
      g.beginPath();
      g.arc(5, 5, 1.6, 0, 2 * Math.PI);
      g.fill();
    }
    return g.createPattern(c, 'repeat');
  }

  // Writes each bar's value (percent) above it, so the chart reads without telling colours apart.
  var values = {
    id: 'reboundValues',
    afterDatasetsDraw: function (chart) {
      var ctx = chart.ctx;
      ctx.save();
      ctx.font = '11px sans-serif';
      ctx.fillStyle = '#222';
      ctx.textAlign = 'center';
      chart.data.datasets.forEach(function (ds, i) {
        chart.getDatasetMeta(i).data.forEach(function (bar, j) {
          var v = ds.data[j];
          if (v > 0) {
            ctx.fillText((ds.short || '') + v.toFixed(1) + '%', bar.x, bar.y - 3);
          }
        });
      });
      ctx.restore();
    }
  };

  function draw(canvas, series) {
    var labels = series.points.map(function (p) { return p.day; });
    var rate = function (n, p) { return p.sends === 0 ? 0 : Math.round(n * 1000 / p.sends) / 10; };
    new window.Chart(canvas, {
      type: 'bar',
      data: {
        labels: labels,
        datasets: [
          { label: 'Hard bounces (% of sends)', short: 'H ', data: series.points.map(function (p) { return rate(p.hard, p); }),
            backgroundColor: pattern('hard'), borderColor: '#3b0d0d', borderWidth: 1 },
          { label: 'Soft only (% of sends)', short: 'S ', data: series.points.map(function (p) { return rate(p.soft, p); }),
            backgroundColor: pattern('soft'), borderColor: '#5a4100', borderWidth: 1, borderDash: [4, 2] }
        ]
      },
      options: {
        animation: false,
        maintainAspectRatio: false,
        layout: { padding: { top: 18 } }, // room for the value written above the tallest bar
        scales: { y: { beginAtZero: true, title: { display: true, text: '% of the day\'s sends' } } },
        plugins: { legend: { labels: { boxWidth: 30, boxHeight: 14 } } }
      },
      plugins: [values]
    });
  }

  function init() {
    var canvas = document.getElementById('bounce-chart');
    if (!canvas || !window.Chart) {
      return;
    }
    fetch(canvas.getAttribute('data-chart-src'), { headers: { Accept: 'application/json' }, credentials: 'same-origin' })
      .then(function (r) { return r.ok ? r.json() : Promise.reject(new Error('HTTP ' + r.status)); })
      .then(function (series) { draw(canvas, series); canvas.setAttribute('data-drawn', 'true'); })
      .catch(function (e) { canvas.setAttribute('data-error', String(e)); });
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', init);
  } else {
    init();
  }
})();
