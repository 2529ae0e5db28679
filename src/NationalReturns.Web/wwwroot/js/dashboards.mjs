// Draws the dashboards' charts from the chart API (/api/v1/charts/…): the server computes every number, this
// only places them. Each canvas names its data in data-chart-src; the same rows are in the table beside it.
const Chart = globalThis.Chart

// Comparison colours (GOV.UK palette). Yellow is drawn with a dark outline so it stands out from the page.
const fills = {
  Better: '#00703c',
  Best: '#00703c',
  Similar: '#ffdd00',
  Worse: '#d4351c',
  Worst: '#d4351c',
  Higher: '#003078',
  Lower: '#5694ca',
  NotCompared: '#b1b4b6'
}
const ink = '#0b0c0c'
const grey = '#505a5f'

const reduced = globalThis.matchMedia?.('(prefers-reduced-motion: reduce)').matches

function columns (data) {
  const index = Object.fromEntries(data.columns.map((c, i) => [c.key, i]))
  return key => row => row[index[key]]
}

function number (value) {
  return typeof value === 'number' ? value : null
}

function formatted (value) {
  return typeof value === 'number' ? value.toLocaleString('en-GB', { maximumFractionDigits: 1, minimumFractionDigits: 1 }) : String(value ?? '')
}

// Lines across the chart: England's value (and any other reference), and interval whiskers on bars and points.
const overlays = {
  id: 'nrOverlays',
  afterDatasetsDraw (chart, _, options) {
    const { ctx, scales } = chart
    const value = options.valueScale && scales[options.valueScale]
    if (!value) return
    ctx.save()
    for (const whisker of options.whiskers ?? []) {
      const meta = chart.getDatasetMeta(whisker.dataset)
      meta.data.forEach((element, i) => {
        const [low, high] = whisker.ranges[i] ?? []
        if (typeof low !== 'number' || typeof high !== 'number') return
        const centre = options.horizontal ? element.y : element.x
        const a = value.getPixelForValue(low)
        const b = value.getPixelForValue(high)
        ctx.strokeStyle = ink
        ctx.lineWidth = 1.5
        ctx.beginPath()
        if (options.horizontal) {
          ctx.moveTo(a, centre); ctx.lineTo(b, centre)
          ctx.moveTo(a, centre - 3); ctx.lineTo(a, centre + 3)
          ctx.moveTo(b, centre - 3); ctx.lineTo(b, centre + 3)
        } else {
          ctx.moveTo(centre, a); ctx.lineTo(centre, b)
          ctx.moveTo(centre - 3, a); ctx.lineTo(centre + 3, a)
          ctx.moveTo(centre - 3, b); ctx.lineTo(centre + 3, b)
        }
        ctx.stroke()
      })
    }
    for (const line of options.lines ?? []) {
      if (typeof line.value !== 'number') continue
      const at = value.getPixelForValue(line.value)
      const area = chart.chartArea
      ctx.strokeStyle = line.colour ?? ink
      ctx.lineWidth = 2
      ctx.setLineDash(line.dash ?? [6, 4])
      ctx.beginPath()
      if (options.horizontal) { ctx.moveTo(at, area.top); ctx.lineTo(at, area.bottom) } else { ctx.moveTo(area.left, at); ctx.lineTo(area.right, at) }
      ctx.stroke()
      ctx.setLineDash([])
      ctx.fillStyle = ink
      ctx.font = '14px sans-serif'
      if (options.horizontal) ctx.fillText(line.label, Math.min(at + 4, area.right - 60), area.top + 14)
      else ctx.fillText(line.label, area.left + 4, at - 4)
    }
    ctx.restore()
  }
}

function base (horizontal) {
  return {
    responsive: true,
    maintainAspectRatio: false,
    animation: reduced ? false : { duration: 200 },
    indexAxis: horizontal ? 'y' : 'x',
    plugins: { legend: { labels: { color: ink } } }
  }
}

function bars (canvas, data) {
  const col = columns(data)
  const rows = data.rows
  const horizontal = rows.length <= 20
  const picked = rows.some(r => col('highlight')(r) === 'yes')
  const colours = rows.map(r => {
    const fill = fills[col('compared_with_england')(r)] ?? fills.NotCompared
    return picked && col('highlight')(r) !== 'yes' ? fill + '40' : fill
  })
  const options = base(horizontal)
  const valueAxis = horizontal ? 'x' : 'y'
  options.scales = {
    [valueAxis]: { beginAtZero: true, title: { display: true, text: data.unit, color: ink }, ticks: { color: ink } },
    [horizontal ? 'y' : 'x']: { ticks: { display: horizontal, color: ink, autoSkip: false } }
  }
  options.plugins.legend = { display: false }
  options.plugins.tooltip = { callbacks: { label: item => `${formatted(col('value')(rows[item.dataIndex]))} (95% interval ${formatted(col('lower_95')(rows[item.dataIndex]))} to ${formatted(col('upper_95')(rows[item.dataIndex]))})` } }
  options.plugins.nrOverlays = {
    horizontal,
    valueScale: valueAxis,
    whiskers: [{ dataset: 0, ranges: rows.map(r => [number(col('lower_95')(r)), number(col('upper_95')(r))]) }],
    lines: [{ value: data.reference.england, label: 'England' }]
  }
  return new Chart(canvas, {
    type: 'bar',
    data: {
      labels: rows.map(r => col('name')(r)),
      datasets: [{
        label: data.title,
        data: rows.map(r => number(col('value')(r))),
        backgroundColor: colours,
        // Few bars: the picked ones outlined as well; many: fading the rest is enough, outlines would blacken thin bars.
        borderColor: rows.map(r => col('highlight')(r) === 'yes' ? ink : 'transparent'),
        borderWidth: rows.map(r => horizontal && col('highlight')(r) === 'yes' ? 2 : 0)
      }]
    },
    options,
    plugins: [overlays]
  })
}

function trend (canvas, data) {
  const col = columns(data)
  const rows = data.rows
  const options = base(false)
  options.scales = { y: { beginAtZero: true, title: { display: true, text: data.unit, color: ink }, ticks: { color: ink } }, x: { ticks: { color: ink } } }
  options.interaction = { mode: 'index', intersect: false }
  const series = key => rows.map(r => number(col(key)(r)))
  return new Chart(canvas, {
    type: 'line',
    data: {
      labels: rows.map(r => col('period')(r) + (col('provisional')(r) === 'yes' ? ' (provisional)' : '')),
      datasets: [
        { label: '95% interval (lower)', data: series('lower_95'), borderWidth: 0, pointRadius: 0, fill: false, backgroundColor: '#1d70b833' },
        { label: '95% interval', data: series('upper_95'), borderWidth: 0, pointRadius: 0, fill: '-1', backgroundColor: '#1d70b833' },
        {
          label: 'This area',
          data: series('value'),
          borderColor: '#1d70b8',
          pointBackgroundColor: rows.map(r => fills[col('compared_with_england')(r)] ?? fills.NotCompared),
          pointBorderColor: ink,
          pointRadius: 5,
          pointStyle: 'circle'
        },
        { label: 'England', data: series('england'), borderColor: ink, borderDash: [6, 4], pointRadius: 0 },
        { label: 'Region', data: series('region'), borderColor: '#4c2c92', borderDash: [2, 3], pointRadius: 0 },
        { label: "Neighbours' median", data: series('neighbours_median'), borderColor: grey, borderDash: [10, 3, 2, 3], pointRadius: 0 }
      ]
    },
    options: {
      ...options,
      plugins: { ...options.plugins, legend: { labels: { color: ink, filter: item => item.text !== '95% interval (lower)' } } }
    }
  })
}

function spine (canvas, data) {
  const col = columns(data)
  const rows = data.rows
  const labels = rows.map(r => col('indicator')(r))
  const range = (a, b) => rows.map(r => [col(a)(r), col(b)(r)])
  const options = base(true)
  options.scales = {
    x: { min: 0, max: 1, ticks: { display: false }, grid: { display: false }, title: { display: true, text: 'Worst authority ← England → best authority', color: ink } },
    y: { stacked: true, ticks: { color: ink } }
  }
  options.plugins.nrOverlays = { horizontal: true, valueScale: 'x', lines: [{ value: 0.5, label: 'England', dash: [] }] }
  options.plugins.tooltip = {
    callbacks: {
      label: item => {
        const r = rows[item.dataIndex]
        if (item.dataset.key === 'area') return `Area: ${formatted(col('area')(r))} (England ${formatted(col('england')(r))})`
        if (item.dataset.key === 'region') return `Region: ${formatted(col('region')(r))}`
        return `Worst ${formatted(col('worst')(r))}, 25th–75th percentile ${formatted(col('worse_quartile')(r))} to ${formatted(col('better_quartile')(r))}, best ${formatted(col('best')(r))}`
      }
    }
  }
  return new Chart(canvas, {
    type: 'bar',
    data: {
      labels,
      datasets: [
        { type: 'line', key: 'area', label: 'This area', data: rows.map(r => ({ x: col('area_position')(r), y: col('indicator')(r) })), showLine: false, pointRadius: 8, pointBorderColor: ink, pointBackgroundColor: rows.map(r => fills[col('compared_with_england')(r)] ?? fills.NotCompared) },
        { type: 'line', key: 'region', label: 'Region', data: rows.map(r => ({ x: col('region_position')(r), y: col('indicator')(r) })), showLine: false, pointRadius: 7, pointStyle: 'rectRot', pointBorderColor: ink, pointBackgroundColor: '#ffffff' },
        { label: 'Worst to 25th percentile', data: range('worst_position', 'worse_quartile_position'), backgroundColor: '#dee0e2', grouped: false, barPercentage: 0.6 },
        { label: 'Middle half of authorities', data: range('worse_quartile_position', 'better_quartile_position'), backgroundColor: '#8b9297', grouped: false, barPercentage: 0.6 },
        { label: '75th percentile to best', data: range('better_quartile_position', 'best_position'), backgroundColor: '#dee0e2', grouped: false, barPercentage: 0.6 }
      ]
    },
    options,
    plugins: [overlays]
  })
}

function funnel (canvas, data) {
  const col = columns(data)
  const rows = data.rows
  const curve = key => data.curves.find(c => c.key === key)
  const line = (key, colour, dash) => {
    const c = curve(key)
    return c ? { type: 'line', label: c.label, data: c.x.map((x, i) => ({ x, y: c.y[i] })), borderColor: colour, borderDash: dash, pointRadius: 0, borderWidth: 1.5, fill: false } : null
  }
  const options = base(false)
  options.scales = {
    x: { type: 'logarithmic', title: { display: true, text: 'Size of authority: the denominator (log scale)', color: ink }, ticks: { color: ink } },
    y: { title: { display: true, text: data.unit, color: ink }, ticks: { color: ink } }
  }
  options.plugins.nrOverlays = { valueScale: 'y', lines: [{ value: data.reference.england, label: 'England', dash: [] }] }
  options.plugins.tooltip = { callbacks: { label: item => item.dataset.key === 'points' ? `${col('name')(rows[item.dataIndex])}: ${formatted(col('value')(rows[item.dataIndex]))}` : item.dataset.label } }
  const picked = rows.some(r => col('highlight')(r) === 'yes')
  const datasets = [
    {
      type: 'scatter',
      key: 'points',
      label: 'Authorities',
      data: rows.map(r => ({ x: col('denominator')(r), y: col('value')(r) })),
      backgroundColor: rows.map(r => (fills[col('against_funnel')(r)] ?? fills.NotCompared) + (picked && col('highlight')(r) !== 'yes' ? '66' : '')),
      borderColor: rows.map(r => col('highlight')(r) === 'yes' ? ink : grey),
      borderWidth: rows.map(r => col('highlight')(r) === 'yes' ? 2 : 1),
      pointRadius: rows.map(r => col('highlight')(r) === 'yes' ? 6 : 4)
    },
    line('lower_95', grey, [6, 3]),
    line('upper_95', grey, [6, 3]),
    line('lower_99_8', ink, []),
    line('upper_99_8', ink, [])
  ].filter(Boolean)
  return new Chart(canvas, {
    type: 'scatter',
    data: { datasets },
    options: { ...options, plugins: { ...options.plugins, legend: { labels: { color: ink, filter: (item, chartData) => chartData.datasets.findIndex(d => d.label === item.text) === item.datasetIndex } } } },
    plugins: [overlays]
  })
}

function box (canvas, data) {
  const col = columns(data)
  const rows = data.rows
  const options = base(false)
  options.scales = { y: { beginAtZero: true, title: { display: true, text: data.unit, color: ink }, ticks: { color: ink } }, x: { ticks: { color: ink } } }
  options.plugins.nrOverlays = {
    valueScale: 'y',
    whiskers: [
      { dataset: 0, ranges: rows.map(r => [col('lowest')(r), col('lower_quartile')(r)]) },
      { dataset: 0, ranges: rows.map(r => [col('upper_quartile')(r), col('highest')(r)]) }
    ]
  }
  options.plugins.tooltip = {
    callbacks: {
      label: item => {
        const r = rows[item.dataIndex]
        return item.datasetIndex === 0
          ? `Lowest ${formatted(col('lowest')(r))}, quartiles ${formatted(col('lower_quartile')(r))}–${formatted(col('upper_quartile')(r))}, median ${formatted(col('median')(r))}, highest ${formatted(col('highest')(r))}`
          : `${item.dataset.label}: ${formatted(item.raw)}`
      }
    }
  }
  return new Chart(canvas, {
    type: 'bar',
    data: {
      labels: rows.map(r => col('period')(r) + (col('provisional')(r) === 'yes' ? ' (provisional)' : '')),
      datasets: [
        { label: 'Middle half of authorities', data: rows.map(r => [col('lower_quartile')(r), col('upper_quartile')(r)]), backgroundColor: '#5694ca88', borderColor: '#1d70b8', borderWidth: 1.5, barPercentage: 0.5 },
        { type: 'line', label: 'Median', data: rows.map(r => col('median')(r)), showLine: false, pointStyle: 'line', pointRadius: 12, borderColor: ink, borderWidth: 3 },
        { type: 'line', label: 'England', data: rows.map(r => number(col('england')(r))), showLine: false, pointRadius: 5, pointBackgroundColor: ink }
      ]
    },
    options,
    plugins: [overlays]
  })
}

const kinds = { bars, trend, spine, funnel, box }

async function draw (canvas) {
  const draw = kinds[canvas.dataset.kind]
  if (!draw || !Chart) return
  try {
    const response = await fetch(canvas.dataset.chartSrc, { credentials: 'same-origin', headers: { Accept: 'application/json' } })
    if (!response.ok) throw new Error(`${response.status}`)
    const data = await response.json()
    canvas.chart = draw(canvas, data)
    canvas.dataset.points = String(data.rows.length)
    canvas.dataset.drawn = 'true'
  } catch (error) {
    // The table below still holds every figure; say so rather than leave an empty box.
    const note = document.createElement('p')
    note.className = 'govuk-body-s'
    note.textContent = 'The chart could not be drawn. The table below gives the same figures.'
    canvas.replaceWith(note)
    console.error(error)
  }
}

// Charts further down the page are drawn as they come into view.
const pending = [...document.querySelectorAll('canvas[data-chart-src]')]
if ('IntersectionObserver' in globalThis) {
  const seen = new IntersectionObserver(entries => {
    for (const entry of entries) {
      if (entry.isIntersecting) {
        seen.unobserve(entry.target)
        draw(entry.target)
      }
    }
  }, { rootMargin: '400px' })
  pending.forEach(canvas => seen.observe(canvas))
} else {
  pending.forEach(draw)
}
