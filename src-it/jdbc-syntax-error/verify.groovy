def lines = new File(basedir, 'build.log').readLines('UTF-8')
// the error as Maven prints it: from "Failed to execute goal" to "-> [Help 1]"
int first = lines.findIndexOf { it.startsWith('[ERROR] Failed to execute goal') }
assert first >= 0
def error = lines.subList(first, lines.findIndexOf(first) { it.startsWith('[ERROR] -> [Help 1]') })
        *.replaceFirst(/^\[ERROR\] ?/, '')
// PostgreSQL's message, and the position in the query as written (the "ORDER" after "amount > "), with a caret
assert error[0].contains('syntax error at or near "ORDER"')
def query = 'SELECT amount, merchant, label FROM labelled_events WHERE amount > ORDER BY id'
int column = query.indexOf('ORDER') + 1
int at = error.findIndexOf { it.contains("at line 1, column ${column} of the query") }
assert at > 0
assert error[at + 1].trim() == query
assert error[at + 2].indexOf('^') == error[at + 1].indexOf('ORDER')
def data = new File(basedir, 'target/ml/jdbc-syntax-error/data')
assert !data.exists() || !data.list().any { it.startsWith('part-') }
assert !new File(basedir, 'target/ml/jdbc-syntax-error/jdbc-syntax-error.model').exists()
return true
