import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').text
def dir = new File(basedir, 'target/ml/report-on-failed-gate')

// the gate failed, and the report and the curves were written before the build failed
assert log.contains('failed its gate')
def curves = new JsonSlurper().parse(new File(dir, 'curves.json'))
assert curves.schemaVersion == 1
assert curves.positiveClass == 'Active'
assert curves.candidate.roc.size() > 1 && curves.candidate.roc.size() <= 200
assert curves.candidate.pr.size() > 0

def html = new File(dir, 'report.html').text
assert html.startsWith('<!DOCTYPE html>')
assert html.contains('FAILED') && html.contains('BREACH')
['roc-chart', 'pr-chart', 'confusion-chart', 'per-class-chart'].each { assert html.contains("id=\"${it}\"") }
assert !html.contains('http://') && !html.contains('https://') && !html.contains('<script')

// ml:report with ml.report.skip says why it skipped; ml:report alone writes the report again
assert log.contains('Skipping ml:report (ml.report.skip is true)')
assert log.findAll(~/Wrote the model report/).size() == 2
