import { initAll } from '/assets/govuk-frontend.min.js'
import './sortable.mjs'

initAll()

// A long list of places (153 authorities) becomes a type-ahead that screen readers announce; without
// JavaScript the select still works.
const pickers = document.querySelectorAll('select[data-autocomplete]')
if (pickers.length > 0) {
  const style = document.createElement('link')
  style.rel = 'stylesheet'
  style.href = '/assets/accessible-autocomplete/accessible-autocomplete.min.css'
  document.head.append(style)
  const script = document.createElement('script')
  script.src = '/assets/accessible-autocomplete/accessible-autocomplete.min.js'
  script.addEventListener('load', () => {
    for (const select of pickers) {
      globalThis.accessibleAutocomplete.enhanceSelectElement({
        selectElement: select,
        defaultValue: '',
        showAllValues: true,
        dropdownArrow: () => '',
        tNoResults: () => 'No authority has that name'
      })
    }
  })
  document.head.append(script)
}
