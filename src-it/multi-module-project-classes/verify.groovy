import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').text
def metrics = { String module ->
    new JsonSlurper().parse(new File(basedir, "${module}/target/ml/${module}/validation.json")).metrics
}

assert log.contains('BUILD SUCCESS')
// module a: J48 on all attributes, as `J48 -t diabetes.arff -x 10 -s 1`: 567 of 768 correct
assert Math.abs(metrics('module-a').accuracy - 567 / 768) < 1e-9
// module b: its own Tweak leaves only the class, so J48 predicts the majority class: 500 of 768
assert Math.abs(metrics('module-b').accuracy - 500 / 768) < 1e-9
