// Copies the front-end files the site serves out of node_modules into wwwroot/assets.
// The copies are committed (see docs/decisions/0002-front-end-assets-committed.md);
// `--check` proves they are exactly what the pinned packages hold, so nobody edits them by hand.
import { createHash } from 'node:crypto'
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { dirname, join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'

const here = dirname(fileURLToPath(import.meta.url))
const target = join(here, '..', 'src', 'NationalReturns.Web', 'wwwroot', 'assets')
const govuk = join(here, 'node_modules', 'govuk-frontend')
const chart = join(here, 'node_modules', 'chart.js')
const autocomplete = join(here, 'node_modules', 'accessible-autocomplete')

// [source, destination relative to wwwroot/assets]
const copies = [
  [join(govuk, 'dist', 'govuk', 'govuk-frontend.min.css'), 'govuk-frontend.min.css'],
  [join(govuk, 'dist', 'govuk', 'govuk-frontend.min.js'), 'govuk-frontend.min.js'],
  [join(govuk, 'dist', 'govuk', 'assets', 'fonts'), 'fonts'],
  [join(govuk, 'dist', 'govuk', 'assets', 'images'), 'images'],
  [join(govuk, 'dist', 'govuk', 'assets', 'manifest.json'), 'manifest.json'],
  [join(chart, 'dist', 'chart.umd.min.js'), 'chart.js/chart.umd.min.js'],
  [join(chart, 'LICENSE.md'), 'chart.js/LICENSE.md'],
  [join(autocomplete, 'dist', 'accessible-autocomplete.min.js'), 'accessible-autocomplete/accessible-autocomplete.min.js'],
  [join(autocomplete, 'dist', 'accessible-autocomplete.min.css'), 'accessible-autocomplete/accessible-autocomplete.min.css'],
  [join(autocomplete, 'LICENSE.txt'), 'accessible-autocomplete/LICENSE.txt'],
]

function files (path) {
  if (!existsSync(path)) return []
  if (!statSync(path).isDirectory()) return [path]
  return readdirSync(path).flatMap(name => files(join(path, name)))
}

function digest (path) {
  return createHash('sha256').update(readFileSync(path)).digest('hex')
}

// What the copies should be: relative path -> sha256.
function expected () {
  const map = new Map()
  for (const [source, dest] of copies) {
    if (!existsSync(source)) {
      console.error(`Missing ${relative(here, source)}: run \`npm ci\` in wwwroot-assets first.`)
      process.exit(2)
    }
    for (const file of files(source)) {
      const rel = statSync(source).isDirectory() ? join(dest, relative(source, file)) : dest
      map.set(rel, digest(file))
    }
  }
  return map
}

const want = expected()
const versions = ['govuk-frontend', 'chart.js', 'accessible-autocomplete'].map(name => {
  const pkg = JSON.parse(readFileSync(join(here, 'node_modules', name, 'package.json'), 'utf8'))
  return `${name} ${pkg.version}`
}).join('\n') + '\n'

if (process.argv.includes('--check')) {
  const have = new Map(files(target).map(f => [relative(target, f), digest(f)]))
  const problems = []
  for (const [rel, hash] of want) {
    if (!have.has(rel)) problems.push(`missing: ${rel}`)
    else if (have.get(rel) !== hash) problems.push(`differs from the package: ${rel}`)
  }
  for (const rel of have.keys()) {
    if (!want.has(rel) && rel !== 'VERSIONS.txt') problems.push(`not from a package: ${rel}`)
  }
  const versionFile = join(target, 'VERSIONS.txt')
  if (!existsSync(versionFile) || readFileSync(versionFile, 'utf8') !== versions) problems.push('VERSIONS.txt does not match the installed packages')
  if (problems.length > 0) {
    console.error('wwwroot/assets does not match the pinned packages. Run `npm run build` in wwwroot-assets and commit the result.')
    for (const p of problems) console.error(`  ${p}`)
    process.exit(1)
  }
  console.log(`wwwroot/assets matches the pinned packages (${want.size} files).`)
} else {
  rmSync(target, { recursive: true, force: true })
  for (const [source, dest] of copies) {
    mkdirSync(dirname(join(target, dest)), { recursive: true })
    cpSync(source, join(target, dest), { recursive: true })
  }
  writeFileSync(join(target, 'VERSIONS.txt'), versions)
  console.log(`Copied ${want.size} files into ${relative(join(here, '..'), target)}.`)
}
