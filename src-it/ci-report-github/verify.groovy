import groovy.json.JsonSlurper

def runs = new File(basedir, 'build.log').text.split(/\[INFO\] Scanning for projects\.\.\./).drop(1)
assert runs.size() == 2
assert runs[0].contains('BUILD SUCCESS')
def report = runs[1]
assert report.contains('BUILD SUCCESS')
assert report.contains('Model ci-report-github: passed its gate')
assert report.contains('Set the step outputs passed=true, model-version=, metrics and summary (GITHUB_OUTPUT)')
// nothing to annotate, and no pull request to comment on
assert !report.readLines().any { it.startsWith('::') }
assert !report.contains('Commented')

// GITHUB_OUTPUT, as the runner reads it: name=value, and the summary as a heredoc
def lines = new File(basedir, 'target/github-output').readLines()
def single = lines.findAll { it ==~ /^[a-z-]+=.*/ }.collectEntries { def (k, v) = it.split('=', 2); [(k): v] }
assert single.passed == 'true'
assert single['model-version'] == ''
def metrics = new JsonSlurper().parseText(single.metrics)
def validation = new JsonSlurper().parse(new File(basedir, 'target/ml/ci-report-github/validation.json'))
assert metrics['ci-report-github'].accuracy == validation.metrics.accuracy
def start = lines.findIndexOf { it.startsWith('summary<<ghadelimiter_') }
assert start >= 0
def delimiter = lines[start].substring('summary<<'.length())
def end = lines.findIndexOf(start + 1) { it == delimiter }
assert end > start
def summary = lines[(start + 1)..<end].join('\n')
def summaryMd = new File(basedir, 'target/ml/ci-report-github/summary.md').text
assert summary == summaryMd.trim()

// GITHUB_STEP_SUMMARY: the model's summary.md, metrics table and all
def stepSummary = new File(basedir, 'target/github-step-summary.md').text
assert stepSummary == summaryMd
assert stepSummary.contains('| metric | value | threshold | result |')
assert stepSummary =~ /\| accuracy \| 0\.\d{4} \| ≥ 0\.3000 \| ✅ pass \|/
