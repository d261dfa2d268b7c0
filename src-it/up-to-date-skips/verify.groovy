def log = new File(basedir, 'build.log').text
println "mtimes: " + new File(basedir, 'target/ml/up-to-date-skips').listFiles().collect { it.name + '=' + it.lastModified() }
println "mtimes: " + new File(basedir, 'target/before-run-2').listFiles().collect { it.name + '=' + it.lastModified() }
