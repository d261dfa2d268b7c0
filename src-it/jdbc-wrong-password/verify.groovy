def log = new File(basedir, 'build.log').getText('UTF-8')
assert log.contains('[DEBUG]')
def error = log.readLines().find { it.startsWith('[ERROR] Failed to execute goal') }
assert error != null
assert error.contains('password authentication failed for user "labeller"')
assert error.contains('it-labels-db-wrong-password')
// neither the wrong password nor the right one of the other server in settings.xml, anywhere
assert !log.contains('Wr0ng-pa55word-n0t-logged')
assert !log.contains('labeller-secret')
def ml = new File(basedir, 'target/ml')
if (ml.exists()) {
    ml.eachFileRecurse { assert !it.isFile() || !it.getText('UTF-8').contains('Wr0ng-pa55word-n0t-logged') }
}
return true
