package io.github.mlmaven.testing;

import java.io.PrintStream;
import java.util.Locale;
import java.util.Optional;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;

/**
 * Prints on the console why a test or a test class did not run: an assumption that failed (Prometheus, the
 * Pushgateway or a POSIX file system absent) or {@code @Disabled}. Surefire's summary only counts skipped tests and
 * keeps the reasons in its XML reports, so whoever runs {@code mvn install} would not learn that a part of the suite
 * was left out, nor how to run it. Registered through META-INF/services, so every test class gets it.
 */
public final class SkippedTestsReport implements TestExecutionListener {
    private final PrintStream out;

    public SkippedTestsReport() {
        this(System.out);
    }

    SkippedTestsReport(PrintStream out) {
        this.out = out;
    }

    @Override
    public void executionSkipped(TestIdentifier test, String reason) {
        report(test, reason);
    }

    @Override
    public void executionFinished(TestIdentifier test, TestExecutionResult result) {
        if (result.getStatus() == TestExecutionResult.Status.ABORTED) {
            report(test, result.getThrowable().map(Throwable::getMessage).orElse(null));
        }
    }

    private void report(TestIdentifier test, String reason) {
        String what = test.isContainer() ? "Skipped the tests of " : "Skipped ";
        String why = Optional.ofNullable(reason)
                .map(r -> r.replaceFirst("(?i)^assumption failed: ", "").replaceFirst("(?i)^skipped: ", ""))
                .filter(r -> !r.isBlank())
                .orElse("no reason given");
        out.println(String.format(Locale.ROOT, "[SKIPPED] %s%s: %s", what, name(test), why));
    }

    /** {@code PushgatewayPrometheusTest} for a class, {@code PushgatewayPrometheusTest.pushAndQuery} for a test. */
    private static String name(TestIdentifier test) {
        return test.getSource()
                .map(source -> {
                    if (source instanceof org.junit.platform.engine.support.descriptor.MethodSource m) {
                        return simple(m.getClassName()) + "." + m.getMethodName();
                    }
                    if (source instanceof org.junit.platform.engine.support.descriptor.ClassSource c) {
                        return simple(c.getClassName());
                    }
                    return test.getDisplayName();
                })
                .orElse(test.getDisplayName());
    }

    private static String simple(String className) {
        return className.substring(className.lastIndexOf('.') + 1);
    }
}
