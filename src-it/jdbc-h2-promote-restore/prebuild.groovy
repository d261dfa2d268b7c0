// this folder becomes a git repository pushed to origin.git, with an empty release-repo/ (fixtures/git-project.groovy);
// then the H2 database file labels.mv.db is made beside pom.xml, outside git (.git/info/exclude), as a team's
// embedded database would be: user labeller with a password, and the table labelled_events of 60 labelled rows
import java.sql.Driver

evaluate(new File(itFixtures, 'git-project.groovy')).init(basedir, localRepositoryPath)
new File(basedir, '.git/info/exclude') << 'labels.*\n'

// H2 from the build's own local repository, where it is a test dependency of the plugin: the repository's root is
// found from where this script's Groovy jar lies in it (org/apache/groovy/groovy/<version>/groovy-<version>.jar)
def groovyJar = new File(GroovyObject.protectionDomain.codeSource.location.toURI())
def repository = groovyJar.parentFile.parentFile.parentFile.parentFile.parentFile.parentFile
def version = (new File(basedir, 'pom.xml').text =~ /<artifactId>h2<\/artifactId>\s*<version>([^<]+)<\/version>/)[0][1]
def jar = new File(repository, "com/h2database/h2/${version}/h2-${version}.jar")
assert jar.isFile() : "no H2 ${version} at ${jar}"
def loader = new URLClassLoader([jar.toURI().toURL()] as URL[], ClassLoader.platformClassLoader)
Driver driver = (Driver) loader.loadClass('org.h2.Driver').getDeclaredConstructor().newInstance()

def properties = new Properties()
properties.user = 'labeller'
properties.password = 'h2-secret-0815'
// the first connection to a new H2 database makes its user the administrator, with this password
def connection = driver.connect("jdbc:h2:${new File(basedir, 'labels').absolutePath}", properties)
try {
    def statement = connection.createStatement()
    statement.execute('CREATE TABLE labelled_events (id INT PRIMARY KEY, labelled_at TIMESTAMP NOT NULL,'
            + ' amount DOUBLE, channel VARCHAR(10), note VARCHAR(40), label VARCHAR(10))')
    (1..60).each { id ->
        def fraud = id % 4 == 0
        def amount = fraud ? 400 + id * 7 % 300 : 20 + id * 13 % 150
        def channel = ['web', 'app', 'shop'][id % 3]
        statement.execute(String.format("INSERT INTO labelled_events VALUES (%d, TIMESTAMP '2026-11-%02d %02d:00:00',"
                + " %d.25, '%s', 'reviewer note %d', '%s')",
                id, 1 + id.intdiv(24), id % 24, amount, channel, id, fraud ? 'fraud' : 'ok'))
    }
} finally {
    connection.close()
}
return null
