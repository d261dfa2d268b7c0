// app/pom.xml is not the IT's POM, so the invoker did not filter it: put in the version under test, as the invoker did
// in pom.xml (the plugin's version there is the runtime library's too)
def version = new groovy.xml.XmlSlurper().parse(new File(basedir, 'pom.xml')).build.plugins.plugin
        .find { it.artifactId == 'ml-maven-plugin' }.version.text()
def app = new File(basedir, 'app/pom.xml')
app.text = app.text.replace('@project.version@', version)

// this folder becomes a git repository with one commit, pushed to a bare origin.git; release-repo/ is created empty
evaluate(new File(itFixtures, 'git-project.groovy')).init(basedir, localRepositoryPath, [artifactIds: ['weather-play-model']])
