package io.github.mlmaven.ci;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WorkflowCommandsTest {

    @Test
    void errorNamesTheFileAndTitle() {
        // when
        String line =
                WorkflowCommands.error("pom.xml", "Model credit failed its gate", "recall = 0.4219 (required >= 0.8)");

        // then
        assertThat(line)
                .isEqualTo(
                        "::error file=pom.xml,title=Model credit failed its gate::recall = 0.4219 (required >= 0.8)");
    }

    @Test
    void messageEscapesPercentAndLineBreaks() {
        // when
        String line = WorkflowCommands.notice("t", "100% done\r\nnext: line, two");

        // then the message keeps : and , but no raw line break
        assertThat(line).isEqualTo("::notice title=t::100%25 done%0D%0Anext: line, two");
    }

    @Test
    void propertiesAlsoEscapeColonAndComma() {
        // when
        String line = WorkflowCommands.error("dir,1/pom.xml", "Model a:b, 50%\n", "m");

        // then
        assertThat(line).isEqualTo("::error file=dir%2C1/pom.xml,title=Model a%3Ab%2C 50%25%0A::m");
    }

    @Test
    void escapingPercentFirstKeepsEscapesUnambiguous() {
        // given a message that already looks escaped
        // when
        String escaped = WorkflowCommands.escapeData("%0A");

        // then the runner unescapes it back to the literal text, not to a line break
        assertThat(escaped).isEqualTo("%250A");
    }
}
