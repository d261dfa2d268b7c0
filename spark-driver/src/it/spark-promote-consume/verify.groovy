import groovy.json.JsonSlurper

def git = evaluate(new File(itFixtures, 'git-project.groovy')).git
def runs = new File(basedir, 'build.log').text.split(/\[INFO\] Scanning for projects\.\.\./).drop(1)
assert runs.size() == 2
assert runs[0].contains('Deployed io.github.mlmaven.it:weather-play-model:1.3.0 to it-releases')
def registry = new JsonSlurper().parseText(git(new File(basedir, 'origin.git'), 'show', 'ml-registry:models/weather-play.json'))

// the application's build: the model and the Weka release of its POM come from the dependencies
def app = runs[1]
assert app.contains('BUILD SUCCESS')
assert app.contains('Downloaded from it-releases') && app.contains('weather-play-model-1.3.0.jar')
assert app =~ /Tests run: 2, Failures: 0, Errors: 0, Skipped: 0/
assert app.contains('PlayAdvisor: sunny,hot,high,FALSE -> no')
assert app.contains('PlayAdvisor: overcast,mild,high,TRUE -> yes')
assert app =~ /PlayAdvisor: rainy,cool,normal,TRUE -> (yes|no)/
// exactly the promoted model, read from the jar of 1.3.0
def loaded = app.readLines().find { it.startsWith('PlayAdvisor: model weather-play sha256 ') }
assert loaded.contains(registry.versions[0].modelSha256)
assert loaded.contains('weather-play-model-1.3.0.jar!/META-INF/ml-models/weather-play/weather-play.model')
assert app.readLines().any { it.startsWith('PlayAdvisor: foggy -> ') && it.contains('outlook') }
assert new File(basedir, 'app/target/spark-promote-consume-app-1.0-SNAPSHOT.jar').isFile()

// the promoted jar holds the card of a Spark-trained model
def card = new JsonSlurper().parse(new File(basedir, 'target/ml/weather-play/model-card.json'))
assert card.engine.name == 'spark' && card.engine.partitions == 2
assert card.modelSha256 == registry.versions[0].modelSha256
