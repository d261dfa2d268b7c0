def runs = new File(basedir, 'build.log').text.split(/\[INFO\] Scanning for projects\.\.\./).drop(1)
assert runs.size() == 2

// ml:help lists both goals
assert runs[0].contains('BUILD SUCCESS')
assert runs[0].contains('ml:train') && runs[0].contains('ml:validate')
// ml:train ml:validate, without a lifecycle
assert runs[1].contains('BUILD SUCCESS')
assert runs[1].contains('Trained cli-goals')
assert runs[1].contains('Metrics of cli-goals')
assert new File(basedir, 'target/ml/cli-goals/validation.json').isFile()
