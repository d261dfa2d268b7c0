package io.github.mlmaven.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

class SkippedTestsReportTest {

    /** Run only by the launcher below, never by surefire (a nested class of a test is not picked up on its own). */
    static class NeedsAServer {
        @BeforeAll
        static void start() {
            Assumptions.assumeTrue(false, "skipped: /usr/bin/prometheus is not installed (apt-get install prometheus)");
        }

        @Test
        void queries() {}
    }

    static class HalfDone {
        @Test
        @Disabled("waits for the cluster engine")
        void onTheCluster() {}

        @Test
        void locally() {
            Assumptions.assumeTrue(false);
        }
    }

    @Test
    void eachSkippedClassOrTestIsPrintedWithItsReason() {
        // when
        String printed = run(NeedsAServer.class, HalfDone.class);

        // then
        assertThat(printed.lines())
                .containsExactlyInAnyOrder(
                        "[SKIPPED] Skipped the tests of SkippedTestsReportTest$NeedsAServer: /usr/bin/prometheus is not"
                                + " installed (apt-get install prometheus)",
                        "[SKIPPED] Skipped SkippedTestsReportTest$HalfDone.onTheCluster: waits for the cluster engine",
                        "[SKIPPED] Skipped SkippedTestsReportTest$HalfDone.locally: assumption is not true");
    }

    private static String run(Class<?>... classes) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        var request = LauncherDiscoveryRequestBuilder.request();
        for (Class<?> c : classes) {
            request.selectors(selectClass(c));
        }
        // a launcher of its own, without the listeners of META-INF/services: only what this report prints
        var launcher = LauncherFactory.create(org.junit.platform.launcher.core.LauncherConfig.builder()
                .enableTestExecutionListenerAutoRegistration(false)
                .build());
        launcher.execute(request.build(), new SkippedTestsReport(out));
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
