import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').text
def card = new JsonSlurper().parse(new File(basedir, 'target/ml/attribute-types-override/model-card.json'))
def types = card.schema.attributes.collectEntries { [(it.name): it.type] }

assert log.contains('BUILD SUCCESS')
assert types == [station: 'nominal', outlook: 'nominal', temperature: 'numeric', humidity: 'numeric', windy: 'nominal', play: 'nominal']
assert card.schema.attributes.find { it.name == 'station' }.values as Set == ['101', '205', '307'] as Set
