import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').text
def dir = new File(basedir, 'target/ml/project-class-on-classpath')
def card = new JsonSlurper().parse(new File(dir, 'model-card.json'))
def validation = new JsonSlurper().parse(new File(dir, 'validation.json'))

assert log.contains('BUILD SUCCESS')
assert new File(basedir, 'target/classes/example/filters/Identity.class').isFile()
// ml:train ran after compile and built the classifier with the project's filter
def compile = log.indexOf('--- maven-compiler-plugin:3.16.0:compile')
def train = log.indexOf(':train (default) @ project-class-on-classpath ---')
assert compile >= 0 && train > compile
assert card.effectiveOptions.contains('example.filters.Identity')
// the model holds an instance of the project's class, and ml:validate loaded it
assert new String(new File(dir, 'project-class-on-classpath.model').bytes, 'ISO-8859-1').contains('example.filters.Identity')
assert validation.evaluation.method == 'holdout'
assert validation.modelSha256 == card.modelSha256
assert validation.passed == true
