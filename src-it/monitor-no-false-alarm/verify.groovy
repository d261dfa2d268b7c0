import groovy.json.JsonSlurper

def runs = new File(basedir, 'build.log').text.split(/\[INFO\] Scanning for projects\.\.\./).drop(1)
assert runs.size() == 3
def name = 'monitor-no-false-alarm'
def model = new File(basedir, "target/ml/${name}")
def json = { file -> new JsonSlurper().parse(new File(model, file)) }

assert runs[0].contains('production is now 1.3.0')

// run 2: the same distributions as in training: no decay, no drift on any attribute, no warning
assert runs[1].contains('BUILD SUCCESS')
assert runs[1].contains('2,000 new rows since production 1.3.0, 2,000 of them labelled with a class the model knows')
assert !runs[1].contains('[WARNING]')
assert runs[1].contains('Data drift: 0 of 3 attributes drifted; data set drift not detected (share 0.3)')
def monitoring = json('monitoring.json')
assert monitoring.decay*.status == ['pass']
assert Math.abs(monitoring.liveMetrics.recall - monitoring.promotionMetrics.recall) < 0.1
assert monitoring.degraded == false && monitoring.degradedReason == null
assert monitoring.drift.datasetDrift == false
assert monitoring.drift.attributes.every { !it.drifted }

// run 3: neither condition holds, so nothing is trained
assert runs[2] =~ /Skipping training of ${name} \(<retrainWhen>\): no retrain condition holds against production 1\.3\.0: ml:monitor at \S+ found production 1\.3\.0 not degraded; ml:monitor at \S+ found no data drift/
def decision = json('retrain-decision.json')
assert decision.retrain == false
assert decision.figures.degraded == false && decision.figures.dataDrift == false
