def runs = new File(basedir, 'build.log').text.split(/\[INFO\] Scanning for projects\.\.\./).drop(1)
assert runs.size() == 3
runs.each { assert it.contains('BUILD SUCCESS') }

assert runs[0].contains('Trained changed-project-class-retrains')
// nothing changed: the up-to-date check holds for a jar project with its own classes too
assert runs[1].contains('up to date')
assert !runs[1].contains('Trained changed-project-class-retrains')
// run 3 compiled the changed class, so the model must be trained again
assert runs[2].contains('Compiling 1 source file')
assert runs[2].contains('Trained changed-project-class-retrains')
assert !runs[2].contains('up to date')
