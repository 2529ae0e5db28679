// Draws the charts whose data a page puts in a JSON block beside the canvas. Every chart has a table
// with the same figures on the page, so the canvas is an aid, not the only way to read them.
const Chart = globalThis.Chart

const colours = ['#d4351c', '#f47738', '#ffdd00', '#85994b', '#00703c', '#1d70b8', '#4c2c92']

function levelColours (count) {
  // Spread the ramp over however many levels the framework has, from least to most mature.
  return Array.from({ length: count }, (_, i) => colours[Math.round(i * (4 / Math.max(1, count - 1)))])
}

function distribution (canvas, data) {
  const palette = levelColours(data.levels.length)
  return new Chart(canvas, {
    type: 'bar',
    data: {
      labels: data.areas,
      datasets: data.levels.map((level, i) => ({
        label: level,
        data: data.counts.map(row => row[i]),
        backgroundColor: palette[i]
      }))
    },
    options: {
      indexAxis: 'y',
      responsive: true,
      maintainAspectRatio: false,
      scales: { x: { stacked: true, title: { display: true, text: 'Authorities' } }, y: { stacked: true } }
    }
  })
}

function scatter (canvas, data) {
  const groups = [
    { key: 'other', label: 'Other authorities', colour: 'rgba(80, 90, 95, 0.45)', radius: 3 },
    { key: 'neighbour', label: 'Statistical neighbours', colour: '#1d70b8', radius: 5 },
    { key: 'chosen', label: data.chosen ?? 'Chosen authority', colour: '#d4351c', radius: 7 }
  ]
  return new Chart(canvas, {
    type: 'scatter',
    data: {
      datasets: groups
        .map(g => ({
          label: g.label,
          data: data.points.filter(p => p.group === g.key).map(p => ({ x: p.x, y: p.y, name: p.name })),
          backgroundColor: g.colour,
          pointRadius: g.radius
        }))
        .filter(d => d.data.length > 0)
    },
    options: {
      responsive: true,
      maintainAspectRatio: false,
      scales: {
        x: { title: { display: true, text: data.x }, min: 0, max: 100 },
        y: { title: { display: true, text: data.y } }
      },
      plugins: {
        tooltip: { callbacks: { label: item => `${item.raw.name}: ${item.raw.x}, ${item.raw.y}` } }
      }
    }
  })
}

const kinds = { distribution, scatter }

if (Chart) {
  for (const canvas of document.querySelectorAll('canvas[data-chart]')) {
    const source = document.getElementById(canvas.dataset.chart)
    if (!source) continue
    const data = JSON.parse(source.textContent)
    const draw = kinds[data.type]
    if (draw) {
      canvas.chart = draw(canvas, data)
      canvas.dataset.drawn = 'true'
    }
  }
}
