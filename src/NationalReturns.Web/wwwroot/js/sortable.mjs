// Sortable tables: a header with aria-sort becomes a button; pressing it sorts the rows by that column, numbers
// as numbers (a cell's data-sort-value when it has one), and says which way in aria-sort. Headers that are links
// sort on the server, so the order is in the URL.
function key (cell) {
  if (!cell) return ''
  const raw = cell.dataset.sortValue ?? cell.textContent.trim()
  const n = Number(String(raw).replace(/,/g, ''))
  return raw !== '' && Number.isFinite(n) ? n : String(raw).toLowerCase()
}

function compare (a, b) {
  const empty = v => v === ''
  if (empty(a) !== empty(b)) return empty(a) ? 1 : -1
  if (typeof a === 'number' && typeof b === 'number') return a - b
  return String(a).localeCompare(String(b), 'en-GB')
}

// The sort is kept in the address (#sort=<table>.<column>.<ascending|descending>), so a sorted view can be
// bookmarked or shared like every other view's state.
function tableName (table) {
  return table.dataset.chartTable ?? table.dataset.table ?? ''
}

export function sortable (table) {
  const headers = [...table.tHead.rows[0].cells]
  const body = table.tBodies[0]
  const buttons = []
  headers.forEach((th, index) => {
    if (!th.hasAttribute('aria-sort') || th.querySelector('a, button')) return
    const button = document.createElement('button')
    button.type = 'button'
    button.className = 'nr-sort-button'
    button.append(...th.childNodes)
    th.append(button)
    buttons[index] = button
    button.addEventListener('click', event => {
      const ascending = event.detail?.ascending ?? th.getAttribute('aria-sort') !== 'ascending'
      headers.forEach(h => { if (h.hasAttribute('aria-sort')) h.setAttribute('aria-sort', 'none') })
      th.setAttribute('aria-sort', ascending ? 'ascending' : 'descending')
      const rows = [...body.rows]
      rows.sort((x, y) => {
        const result = compare(key(x.cells[index]), key(y.cells[index]))
        return ascending ? result : -result
      })
      body.append(...rows)
      if (tableName(table)) history.replaceState(null, '', `#sort=${tableName(table)}.${index}.${ascending ? 'ascending' : 'descending'}`)
    })
  })

  const [name, column, direction] = decodeURIComponent(location.hash.replace(/^#sort=/, '')).split('.')
  if (location.hash.startsWith('#sort=') && name === tableName(table) && buttons[Number(column)]) {
    buttons[Number(column)].dispatchEvent(new CustomEvent('click', { detail: { ascending: direction !== 'descending' } }))
  }
}

for (const table of document.querySelectorAll('table[data-sortable]')) {
  if (table.tHead && table.tBodies.length > 0) sortable(table)
}
