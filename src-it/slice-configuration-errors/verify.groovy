def log = new File(basedir, 'build.log').text

// a configuration error (MojoExecutionException) naming the element, the closest attribute and the attributes
def error = log.readLines().find { it.startsWith('[ERROR] Failed to execute goal') && it.contains('validate') }
assert error != null
assert error.contains("Invalid configuration of ml:validate: <slices><slice><attributes> names 'chanel', which is not"
        + ' an attribute of the model (did you mean channel?)')
assert error.contains('its attributes: channel, country, amount, x1, x2, class')
// refused before the evaluation: no row was scored, no validation output written
assert !log.contains('Cross-validating')
assert !new File(basedir, 'target/ml/slice-configuration-errors/validation.json').exists()
