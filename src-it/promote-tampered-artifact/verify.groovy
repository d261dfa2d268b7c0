import groovy.json.JsonSlurper
import java.security.MessageDigest

def sha256 = { byte[] bytes -> MessageDigest.getInstance('SHA-256').digest(bytes).encodeHex().toString() }
def git = evaluate(new File(itFixtures, 'git-project.groovy')).git
def runs = new File(basedir, 'build.log').text.split(/\[INFO\] Scanning for projects\.\.\./).drop(1)
assert runs.size() == 3
def error = { int run -> runs[run - 1].readLines().find { it.startsWith('[ERROR] Failed to execute goal') } }
def registry = new JsonSlurper().parseText(
        git(new File(basedir, 'origin.git'), 'show', 'ml-registry:models/promote-tampered-artifact.json'))
def promotedSha = registry.versions[0].modelSha256
def tamperedSha = sha256('These bytes replace the promoted model in the release repository.\n'.getBytes('UTF-8'))

assert runs[0].contains('production is now 1.3.0')
assert registry.production == '1.3.0' && promotedSha ==~ /[0-9a-f]{64}/

// run 2: the jar was altered with matching checksums, so Resolver takes it; the plugin refuses it before loading
assert runs[1].contains('Tamper: replaced the model in ' + new File(basedir, 'release-repo').canonicalPath)
assert !runs[1].toLowerCase().contains('checksum validation failed')
assert runs[1].contains('Production model: io.github.mlmaven.it:promote-tampered-artifact-model:1.3.0')
assert !runs[1].contains('Evaluating the production model')
def refused = error(2)
assert refused.contains(':validate ')
assert refused.contains("its card records SHA-256 ${tamperedSha} but the registry ${promotedSha}")
assert refused.contains('the artifact was altered; it was not loaded')
// no verdict was written against the altered production model: validation.json is still run 1's
def validation = new JsonSlurper().parse(new File(basedir, 'target/ml/promote-tampered-artifact/validation.json'))
assert validation.champion.status == 'none'

// run 3: promotion refused, as the candidate was never compared with production
assert error(3).contains(':promote ')
assert error(3).contains('version 1.3.0 of promote-tampered-artifact is in production, but the last validation did not compare with it')
assert git(new File(basedir, 'origin.git'), 'rev-list', '--count', 'ml-registry') == '2'
