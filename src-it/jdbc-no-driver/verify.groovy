def log = new File(basedir, 'build.log').getText('UTF-8')
def error = log.readLines().find { it.startsWith('[ERROR] Failed to execute goal') }
assert error != null
assert error.contains('jdbc:postgresql:')
// the coordinates to add to the plugin's <dependencies>
assert error.contains('org.postgresql:postgresql') && error.contains('<dependencies> of the ml-maven-plugin')
assert !new File(basedir, 'target/ml/jdbc-no-driver/jdbc-no-driver.model').exists()
return true
