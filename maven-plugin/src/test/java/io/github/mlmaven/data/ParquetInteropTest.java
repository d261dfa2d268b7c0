package io.github.mlmaven.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.mlmaven.common.InvalidInputException;
import io.github.mlmaven.testing.RecordingLog;
import io.github.mlmaven.workflow.WekaEnvironment;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import weka.core.Instance;
import weka.core.Instances;

/**
 * Files written by pyarrow, where most .parquet files come from (src/test/resources/parquet/generate.py wrote them):
 * Snappy-compressed (pyarrow's default) in three row groups, dictionary-encoded strings, a decimal of a fixed-length
 * byte array, a date and a timestamp with time zone, a null in every column.
 */
class ParquetInteropTest {
    private static final ReadOptions DEFAULTS = new ReadOptions(null, Map.of());

    @TempDir
    Path dir;

    @BeforeAll
    static void keepWekaInsideTheBuild() {
        WekaEnvironment.prepare();
    }

    private Path fixture(String name) throws IOException {
        try (InputStream in = ParquetInteropTest.class.getResourceAsStream("/parquet/" + name)) {
            assertThat(in).as(name).isNotNull();
            Path file = dir.resolve(name);
            Files.copy(in, file);
            return file;
        }
    }

    private Dataset read(String name) throws IOException {
        return new DatasetReader(dir, new RecordingLog())
                .readTraining(List.of(fixture(name)), DEFAULTS, "trainingData");
    }

    @Test
    void aFileWrittenByPyarrowIsReadWithItsTypesValuesAndNulls() throws IOException {
        // when
        Dataset data = read("pyarrow-types.parquet");

        // then
        Instances rows = data.instances();
        assertThat(data.rows()).isEqualTo(12);
        assertThat(data.schema().classAttribute()).isEqualTo("approved");
        assertThat(data.schema().attributes())
                .extracting(a -> a.name() + ":" + a.type().jsonName() + a.values())
                .containsExactly(
                        "age:numeric[]",
                        "income:numeric[]",
                        "score:numeric[]",
                        "ratio:numeric[]",
                        "amount:numeric[]",
                        "member:nominal[true, false]",
                        "city:nominal[Zürich, São Paulo, 東京]",
                        "opened:date[]",
                        "seen:date[]",
                        "approved:nominal[yes, no]");
        Instance first = rows.instance(0);
        assertThat(first.value(rows.attribute("age"))).isEqualTo(34);
        assertThat(first.value(rows.attribute("income"))).isEqualTo(52000);
        assertThat(first.value(rows.attribute("amount"))).isEqualTo(1200.5);
        assertThat(first.stringValue(rows.attribute("city"))).isEqualTo("Zürich");
        // 2024-01-05 and 2024-01-05T12:30:15.250Z: date attributes, in milliseconds since the epoch
        assertThat(first.value(rows.attribute("opened"))).isEqualTo(1_704_412_800_000.0);
        assertThat(first.value(rows.attribute("seen"))).isEqualTo(1_704_457_815_250.0);
        Instance second = rows.instance(1);
        assertThat(second.value(rows.attribute("amount"))).isEqualTo(-35.25);
        assertThat(second.value(rows.attribute("score"))).isEqualTo(1.25);
        assertThat(second.value(rows.attribute("opened"))).isEqualTo(-86_400_000.0);
        assertThat(second.isMissing(rows.attribute("seen"))).isTrue();
        assertThat(rows.instance(2).isMissing(rows.attribute("age"))).isTrue();
        assertThat(rows.instance(3).isMissing(rows.attribute("member"))).isTrue();
        assertThat(rows.instance(4).isMissing(rows.attribute("city"))).isTrue();
        assertThat(rows.instance(6).isMissing(rows.attribute("amount"))).isTrue();
        assertThat(rows.instance(11).classIsMissing()).isTrue();
        assertThat(rows.instance(11).stringValue(rows.attribute("city"))).isEqualTo("São Paulo");
        assertThat(data.classDistribution()).containsExactly(Map.entry("yes", 6L), Map.entry("no", 5L));
    }

    @Test
    void zstdGzipAndLz4FilesGiveTheRowsOfTheSnappyOne() throws IOException {
        // given
        String snappy = rows(read("pyarrow-types.parquet"));

        // then
        for (String codec : List.of("zstd", "gzip", "lz4")) {
            assertThat(rows(read("pyarrow-types-" + codec + ".parquet")))
                    .as(codec)
                    .isEqualTo(snappy);
        }
    }

    private static String rows(Dataset data) {
        Instances instances = new Instances(data.instances());
        instances.setRelationName("rows");
        return instances.toString();
    }

    @Test
    void aCodecTheReaderDoesNotTakeIsNamedWithTheFile() {
        assertThatThrownBy(() -> read("pyarrow-types-brotli.parquet"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("pyarrow-types-brotli.parquet: its pages are compressed with BROTLI, which the plugin does"
                        + " not read (it reads UNCOMPRESSED, SNAPPY, GZIP, ZSTD, LZ4_RAW); write the file again with"
                        + " one of those, e.g. pyarrow's default, SNAPPY");
    }

    @Test
    void aListColumnIsRefusedNamingIt() {
        assertThatThrownBy(() -> read("pyarrow-nested.parquet"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("pyarrow-nested.parquet: column 'tags' is a list; the plugin reads flat tables, one value"
                        + " per column and row: write the file without it, or with its parts as columns of their"
                        + " own");
    }
}
