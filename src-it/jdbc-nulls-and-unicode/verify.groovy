import groovy.json.JsonSlurper

def pg = evaluate(new File(itFixtures, 'postgres.groovy'))
def log = new File(basedir, 'build.log').getText('UTF-8')
assert log.contains('BUILD SUCCESS')
assert log.contains('Trained jdbc-nulls-and-unicode')
def model = new File(basedir, 'target/ml/jdbc-nulls-and-unicode')

// RFC 4180: quoted fields may hold commas, doubled quotes and line breaks
def parseCsv = { String text ->
    def records = []
    def record = []
    def field = new StringBuilder()
    boolean quoted = false
    for (int i = 0; i < text.length(); i++) {
        char c = text.charAt(i)
        if (quoted) {
            if (c == '"' as char && i + 1 < text.length() && text.charAt(i + 1) == '"' as char) { field << '"'; i++ }
            else if (c == '"' as char) { quoted = false }
            else { field << c }
        } else if (c == '"' as char) { quoted = true }
        else if (c == ',' as char) { record << field.toString(); field.setLength(0) }
        else if (c == '\n' as char) { record << field.toString(); field.setLength(0); records << record; record = [] }
        else if (c != '\r' as char) { field << c }
    }
    if (field.length() > 0 || !record.isEmpty()) { record << field.toString(); records << record }
    return records
}

def parts = pg.snapshotParts(new File(model, 'data'))
assert parts.size() == 1 && parts[0].sidecar.rows == 40
def records = parseCsv(parts[0].csv.getText('UTF-8'))
def header = records[0]
def rows = records.drop(1)
assert rows.size() == 40
def nullable = ['small_n', 'int_n', 'big_n', 'dec_n', 'real_n', 'double_n', 'flag', 'city', 'code', 'grade', 'day',
                'seen_at', 'seen_at_tz']
assert header == ['id'] + nullable + ['label']
// NULL is written as the CSV reader's missing marker, in exactly the column that held it
rows.each { row ->
    int id = row[0] as int
    nullable.eachWithIndex { column, k ->
        assert (row[header.indexOf(column)] == '?') == (id == k + 1): "row ${id}, column ${column}: ${row}"
    }
}
// every text, Unicode and the quoted comma and line break included, as the database holds it
def cities = pg.rows(basedir, 'SELECT id, city FROM every_type ORDER BY id')
assert rows.collect { it[header.indexOf('city')] } == cities.collect { it.city == null ? '?' : it.city }
assert cities*.city.containsAll(['Zürich', '東京', 'Ελλάδα', 'שלום', '🙂 smile', 'a, "quoted"\nline'])
def row2 = rows.find { it[0] == '2' }
assert row2[header.indexOf('day')] == '2026-01-03'
assert row2[header.indexOf('flag')] == 'true'
assert row2[header.indexOf('seen_at')] == '2026-01-01T11:01:01'
// a timestamp with time zone in UTC, written as a plain timestamp (08:00+02 plus an hour, 08:00 UTC)
assert row2[header.indexOf('seen_at_tz')] == '2026-01-01T08:00:00'

def card = new JsonSlurper().parse(new File(model, 'model-card.json'))
def types = card.schema.attributes.collectEntries { [it.name, it.type] }
assert !types.containsKey('id')
['small_n', 'int_n', 'big_n', 'dec_n', 'real_n', 'double_n'].each { assert types[it] == 'numeric' }
['day', 'seen_at', 'seen_at_tz'].each { assert types[it] == 'date' }
assert types.flag == 'nominal'
def label = card.schema.attributes.find { it.name == 'label' }
assert label.values as Set == ['grün', 'なし'] as Set
assert card.data.classDistribution == ['grün': 13, 'なし': 27] || card.data.classDistribution == ['なし': 27, 'grün': 13]
def city = card.schema.attributes.find { it.name == 'city' }
if (city.type == 'nominal') {
    assert city.values as Set == ['Zürich', '東京', 'Ελλάδα', 'São Paulo', 'שלום', '🙂 smile', 'a, "quoted"\nline'] as Set
}
return true
