// what precedes the first build's banner ("Error stacktraces are turned on.") is no build
def builds = new File(basedir, 'build.log').text.split(java.util.regex.Pattern.quote('[INFO] Scanning for projects...'))
        .drop(1)
assert builds.size() == 5

// 1: the <file> form trains, and ml:extract has nothing to extract
assert builds[0].contains('BUILD SUCCESS')
assert builds[0].contains('Nothing to extract for jdbc-configuration-forms: neither <trainingData> nor <testData> has a <jdbc> source')

// 2: the property form is a list of two entries: two files, 14 + 3 rows
assert builds[1].contains('BUILD SUCCESS')
def card = new groovy.json.JsonSlurper().parse(new File(basedir, 'target/ml/jdbc-configuration-forms/model-card.json'))
assert card.data.files.size() == 2
assert card.data.files*.path as Set == ["data/weather.nominal.arff", "data/weather.more.arff"] as Set
assert card.data.totalRows == 17

def error = { String build -> build.readLines().find { it.startsWith('[ERROR] Failed to execute goal') } }

// 3: a misspelt child of <jdbc>, named with the closest name by the plugin rather than refused by Maven without one
assert error(builds[2]).contains('Invalid configuration of ml:extract <trainingData><jdbc><qurey>: <qurey> is not an element of <jdbc>')
assert error(builds[2]).contains('did you mean <query>?')

// 4: a file beside a <jdbc> source
assert error(builds[3]).contains('Invalid configuration of ml:extract <trainingData><jdbc>: <trainingData> holds both a <file> entry and a <jdbc> source')

// 5: the whole <jdbc> element reached the core (url, table, properties, watermark), which refuses the delay
assert error(builds[4]).contains("Invalid configuration of ml:extract <trainingData><jdbc><watermark><delay>: '5 minutes' is not an ISO-8601 duration")
assert !new File(basedir, 'target/ml/jdbc-configuration-forms/data').exists()
// with -X the password from the environment appears in no line, though the mapped source carried it
assert builds[4].contains('[DEBUG]')
assert !new File(basedir, 'build.log').text.contains('it-secret-4711')
