def log = new File(basedir, 'build.log').text

assert log.contains('BUILD FAILURE')
def error = log.readLines().find { it.startsWith('[ERROR] Failed to execute goal') }
assert error.contains(':train ')
assert error.contains("<decay><maxdrop> (in the plugin's <configuration>) is not an element of <decay>, which takes"
        + ' maxDrop, minLabelledRows, failBuild; did you mean <decay><maxDrop>?')
assert !log.contains('Training ')
