import groovy.json.JsonSlurper
import java.util.zip.ZipFile

def git = evaluate(new File(itFixtures, 'git-project.groovy')).git
def runs = new File(basedir, 'build.log').text.split(/\[INFO\] Scanning for projects\.\.\./).drop(1)
assert runs.size() == 4
assert runs[0].contains('production is now 1.3.0')
def clones = ['clone-a', 'clone-b']
// both candidates were judged against production 1.3.0
clones.each {
    def validation = new JsonSlurper().parse(new File(basedir, "${it}/target/ml/promote-racing-champion/validation.json"))
    assert validation.champion.status == 'compared' && validation.champion.version == '1.3.0'
}
def logs = clones.collectEntries { [it, new File(basedir, "target/race/${it}.log").text] }
// the race happened: one of them pushed its reservation against the tip the other had moved
assert logs.values().count { it.contains("moved while recording 'reserve promote-racing-champion 1.3.1") } == 1 :
        'both reserved 1.3.1 against the same tip, so exactly one of them had to re-read the registry'
assert logs.values().any { it.contains('BUILD SUCCESS') }

// every change of production was judged against the version it replaced: walk the registry's events in order and
// read the validation.json that each promoted jar carries
def registry = new JsonSlurper().parseText(
        git(new File(basedir, 'origin.git'), 'show', 'ml-registry:models/promote-racing-champion.json'))
def repo = new File(basedir, 'release-repo/io/github/mlmaven/it/promote-racing-champion-model')
String production = null
registry.events.each { event ->
    if (event.type == 'promote') {
        def compared = new ZipFile(new File(repo, "${event.version}/promote-racing-champion-model-${event.version}.jar")).withCloseable {
            def validation = new JsonSlurper().parse(it.getInputStream(it.getEntry(
                    'META-INF/ml-models/promote-racing-champion/validation.json')))
            validation.champion.status == 'compared' ? validation.champion.version : null
        }
        assert compared == production :
                "${event.version} (approved by ${event.approver}) replaced ${production} in production, but its validation compared it with ${compared}"
        production = event.version
    } else if (event.type == 'rollback') {
        production = event.version
    }
}
assert registry.production == production
// a promotion that was refused says what to do
logs.findAll { !it.value.contains('BUILD SUCCESS') }.each { clone, log -> assert log.contains('ml:validate') }
true
