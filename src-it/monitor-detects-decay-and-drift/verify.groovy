import groovy.json.JsonSlurper

def runs = new File(basedir, 'build.log').text.split(/\[INFO\] Scanning for projects\.\.\./).drop(1)
assert runs.size() == 3
def name = 'monitor-detects-decay-and-drift'
def model = new File(basedir, "target/ml/${name}")
def json = { file -> new JsonSlurper().parse(new File(model, file)) }

// run 1: promoted on the 2,000 rows before the shift
assert runs[0].contains('production is now 1.3.0')

// run 2: the 2,000 later rows: recall fell far below its promotion figure, and amount drifted, age and channel not
assert runs[1].contains('BUILD SUCCESS')
assert runs[1].contains('2,000 new rows since production 1.3.0, 2,000 of them labelled with a class the model knows')
assert runs[1] =~ /\[WARNING\] Production ${name} 1\.3\.0 is degraded: recall 0\.[0-9]{4} live vs 0\.[0-9]{4} at promotion \(dropped 0\.[0-9]{4} > maxDrop 0\.1\)/
assert runs[1] =~ /\[WARNING\] Data drift: 1 of 3 attributes drifted: amount \([a-z]+ [0-9.]+\); data set drift detected \(share 0\.3\)/
def monitoring = json('monitoring.json')
assert monitoring.schemaVersion == 1
assert monitoring.productionVersion == '1.3.0'
assert monitoring.newRows == 2000 && monitoring.newLabelledRows == 2000 && monitoring.unseenClassRows == 0
def recall = monitoring.decay.find { it.metric == 'recall' }
assert recall.status == 'degraded' && recall.maxDrop == 0.1 && recall.minRows == 200
assert recall.promotion == monitoring.promotionMetrics.recall && recall.live == monitoring.liveMetrics.recall
assert recall.promotion - recall.live > 0.3
assert monitoring.degraded == true
assert monitoring.drift.datasetDrift == true
assert monitoring.drift.attributes.findAll { it.drifted }*.attribute == ['amount']
assert monitoring.drift.attributes*.attribute.sort() == ['age', 'amount', 'channel']
assert monitoring.predictionDrift != null

// the pass is kept with the registry, and production did not move
def fixture = evaluate(new File(itFixtures, 'git-project.groovy'))
def origin = new File(basedir, 'origin.git')
def history = new JsonSlurper().parseText(fixture.git(origin, 'show', "ml-registry:monitoring/${name}.json"))
assert history.entries.size() == 1
assert history.entries[0].version == '1.3.0' && history.entries[0].degraded == true
assert history.entries[0].datasetDrift == true && history.entries[0].driftedAttributes == ['amount']
assert new JsonSlurper().parseText(fixture.git(origin, 'show', "ml-registry:models/${name}.json")).production == '1.3.0'
assert fixture.git(origin, 'log', '-1', '--format=%s', 'ml-registry') ==
        "monitor ${name} 1.3.0: degraded, data drift"

// run 3: the next ml:train retrains because of that pass
assert runs[2] =~ /Retraining ${name} \(<retrainWhen>\): against production 1\.3\.0: ml:monitor at \S+ found production 1\.3\.0 degraded \(recall /
assert runs[2].contains("found data drift against production 1.3.0's training data (drifted: amount)")
def decision = json('retrain-decision.json')
assert decision.retrain == true
assert decision.reason.contains('found production 1.3.0 degraded (recall ')
assert decision.reason.contains('found data drift')
assert decision.figures.degraded == true && decision.figures.dataDrift == true
assert decision.figures.monitoredAt == history.entries[0].at
assert runs[2].contains('BUILD SUCCESS')
