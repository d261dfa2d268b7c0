package io.github.mlmaven.evaluation.slice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.mlmaven.common.InvalidConfigurationException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import weka.core.Attribute;
import weka.core.DenseInstance;
import weka.core.Instance;
import weka.core.Instances;
import weka.core.Utils;

/** Slicing rows, naming slices and bins, reading a rule's slice, and every configuration mistake by its element. */
class SlicePlanTest {

    /** channel {atm, web, pos}, country {NL, DE}, amount numeric, note string, class {ok, fraud}. */
    private static Instances header() {
        ArrayList<Attribute> attributes = new ArrayList<>();
        attributes.add(new Attribute("channel", List.of("atm", "web", "pos")));
        attributes.add(new Attribute("country", List.of("NL", "DE")));
        attributes.add(new Attribute("amount"));
        attributes.add(new Attribute("note", (List<String>) null));
        attributes.add(new Attribute("class", List.of("ok", "fraud")));
        Instances header = new Instances("t", attributes, 0);
        header.setClassIndex(4);
        return header;
    }

    private static Instance row(Instances header, double channel, double country, double amount) {
        Instance row = new DenseInstance(1, new double[] {channel, country, amount, Utils.missingValue(), 0});
        row.setDataset(header);
        return row;
    }

    private static SliceSettings settings(List<SliceSettings.SliceText> slices, SliceSettings.RuleText... rules) {
        return SliceSettings.parse(slices, 2, List.of(rules), null, false);
    }

    private static SliceSettings.SliceText slice(String attributes) {
        return new SliceSettings.SliceText(attributes, null);
    }

    private static SliceSettings.RuleText rule(String slice, String metric, String min, String max) {
        return new SliceSettings.RuleText(slice, metric, min, max);
    }

    @Test
    void namesValuesBinsCrossedSlicesAndMissingValues() {
        Instances header = header();
        SlicePlan plan = SlicePlan.resolve(
                settings(List.of(
                        slice("channel"),
                        new SliceSettings.SliceText("amount", "0, 100,1000"),
                        new SliceSettings.SliceText("channel,amount", "100"))),
                header);
        SlicePlan.Definition channel = plan.definitions().get(0);
        SlicePlan.Definition amount = plan.definitions().get(1);
        SlicePlan.Definition crossed = plan.definitions().get(2);

        assertThat(channel.name(channel.key(row(header, 1, 0, 5)))).isEqualTo("channel=web");
        assertThat(channel.name(channel.key(row(header, Utils.missingValue(), 0, 5))))
                .isEqualTo("channel=?");
        assertThat(amount.name(amount.key(row(header, 0, 0, -0.5)))).isEqualTo("amount<0");
        // a bin holds its lower cut point
        assertThat(amount.name(amount.key(row(header, 0, 0, 0)))).isEqualTo("amount=[0,100)");
        assertThat(amount.name(amount.key(row(header, 0, 0, 100)))).isEqualTo("amount=[100,1000)");
        assertThat(amount.name(amount.key(row(header, 0, 0, 1000)))).isEqualTo("amount>=1000");
        assertThat(amount.name(amount.key(row(header, 0, 0, Utils.missingValue()))))
                .isEqualTo("amount=?");
        assertThat(crossed.name(crossed.key(row(header, 2, 0, 99.5)))).isEqualTo("channel=pos,amount<100");
    }

    @Test
    void aRowFromAnotherLayoutIsSlicedByAttributeNameAndValueLabel() {
        SlicePlan plan = SlicePlan.resolve(settings(List.of(slice("channel"))), header());
        ArrayList<Attribute> other = new ArrayList<>();
        other.add(new Attribute("class", List.of("ok", "fraud")));
        other.add(new Attribute("channel", List.of("pos", "atm", "web")));
        Instances reordered = new Instances("other", other, 0);
        Instance row = new DenseInstance(1, new double[] {0, 0});
        row.setDataset(reordered);

        SlicePlan.Definition channel = plan.definitions().get(0);
        assertThat(channel.name(channel.key(row))).isEqualTo("channel=pos");
    }

    @Test
    void aRuleMayNameTheAttributesOfACrossedSliceInAnyOrderAndReportsTheConfiguredOrder() {
        SlicePlan plan = SlicePlan.resolve(
                settings(
                        List.of(slice("channel"), new SliceSettings.SliceText("channel,amount", "0,100")),
                        rule("amount=[0,100),channel=atm", "recall", "0.5", null),
                        rule("channel=atm", "recall", "0.5", null)),
                header());

        assertThat(plan.rules().get(0).definition()).isEqualTo(1);
        assertThat(plan.rules().get(0).name()).isEqualTo("channel=atm,amount=[0,100)");
        assertThat(plan.rules().get(1).definition()).isEqualTo(0);
        assertThat(plan.rules().get(1).name()).isEqualTo("channel=atm");
    }

    @Test
    void aValueWithACommaStaysWhole() {
        assertThat(SlicePlan.split("city=Washington, D.C.,channel=atm", java.util.Set.of("city", "channel")))
                .extracting(p -> p[0] + "|" + p[1])
                .containsExactly("city|city=Washington, D.C.", "channel|channel=atm");
    }

    @Test
    void everySliceMistakeNamesItsElement() {
        Instances header = header();
        assertInvalid(
                () -> SlicePlan.resolve(settings(List.of(slice("chanel"))), header),
                "slices/slice/attributes",
                "did you mean channel?");
        assertInvalid(
                () -> SlicePlan.resolve(settings(List.of(slice("amount"))), header),
                "slices/slice/bins",
                "needs <bins>");
        assertInvalid(
                () -> SlicePlan.resolve(settings(List.of(new SliceSettings.SliceText("channel", "1,2"))), header),
                "slices/slice/bins",
                "none of its attributes is numeric");
        assertInvalid(
                () -> SlicePlan.resolve(
                        settings(List.of(new SliceSettings.SliceText("channel,amount", "channel=1;amount=2"))), header),
                "slices/slice/bins",
                "'channel', but it is nominal");
        assertInvalid(
                () -> SlicePlan.resolve(settings(List.of(slice("note"))), header),
                "slices/slice/attributes",
                "a string attribute");
        assertInvalid(
                () -> SlicePlan.resolve(settings(List.of(slice("channel,country"), slice("country, channel"))), header),
                "slices/slice/attributes",
                "twice");
        assertInvalid(
                () -> settings(List.of(new SliceSettings.SliceText("amount", "0,100,50"))),
                "slices/slice/bins",
                "must increase, but 50 follows 100");
        assertInvalid(
                () -> settings(List.of(new SliceSettings.SliceText("amount", "0,lots"))),
                "slices/slice/bins",
                "'lots' is not a finite number");
        assertInvalid(() -> settings(List.of(slice(" "))), "slices/slice/attributes", "has no <attributes>");
        assertInvalid(
                () -> SliceSettings.parse(List.of(slice("channel")), 0, List.of(), null, false),
                "minSliceSize",
                "at least 1");
    }

    @Test
    void everyRuleMistakeNamesItsElement() {
        Instances header = header();
        List<SliceSettings.SliceText> slices = List.of(slice("channel"), slice("channel,country"));
        assertInvalid(
                () -> settings(slices, rule("channel=atm", "recal", "0.6", null)),
                "sliceThresholds/sliceThreshold/metric",
                "did you mean recall?");
        assertInvalid(
                () -> settings(slices, rule("channel=atm", "recall", "0.6", "0.9")),
                "sliceThresholds/sliceThreshold",
                "exactly one of <min> and <max> (it has both)");
        assertInvalid(
                () -> settings(slices, rule("channel=atm", "recall", null, null)),
                "sliceThresholds/sliceThreshold",
                "exactly one of <min> and <max>");
        assertInvalid(
                () -> settings(slices, rule("channel=atm", "recall", null, "0.9")),
                "sliceThresholds/sliceThreshold/max",
                "better when higher, so give it a <min>");
        assertInvalid(
                () -> settings(slices, rule("channel=atm", "recall", "60", null)),
                "sliceThresholds/sliceThreshold/min",
                "lies in [0, 1]");
        assertInvalid(
                () -> settings(slices, rule(null, "recall", "0.6", null)),
                "sliceThresholds/sliceThreshold/slice",
                "has no <slice>");
        assertInvalid(
                () -> settings(List.of(), rule("channel=atm", "recall", "0.6", null)),
                "sliceThresholds/sliceThreshold/min",
                "no <slices> are configured");
        assertInvalid(
                () -> SlicePlan.resolve(settings(slices, rule("chanel=atm", "recall", "0.6", null)), header),
                "sliceThresholds/sliceThreshold/slice",
                "'chanel' is not an attribute of any configured <slice> (did you mean channel?)");
        assertInvalid(
                () -> SlicePlan.resolve(settings(slices, rule("channel=atn", "recall", "0.6", null)), header),
                "sliceThresholds/sliceThreshold/slice",
                "'channel=atn' is no slice of channel (did you mean channel=atm?)");
        assertInvalid(
                () -> SlicePlan.resolve(settings(slices, rule("country=NL", "recall", "0.6", null)), header),
                "sliceThresholds/sliceThreshold/slice",
                "no <slice> has exactly these attributes; configured slices: channel | channel,country");
        assertInvalid(
                () -> SliceSettings.parse(slices, null, List.of(), "channel=atm recall>=0.6", false),
                "ml.sliceThresholds",
                "not of the form slice:metric>=bound");
    }

    @Test
    void thePropertyFormReplacesThePomRuleOnTheSameSliceAndMetric() {
        SliceSettings settings = SliceSettings.parse(
                List.of(slice("channel")),
                null,
                List.of(rule("channel=atm", "recall", "0.6", null), rule("channel=web", "f1", "0.5", null)),
                "channel=atm:recall>=0.7; channel=pos:rmse<=3",
                true);

        assertThat(settings.minSliceSize()).isEqualTo(SliceSettings.DEFAULT_MIN_SLICE_SIZE);
        assertThat(settings.rules())
                .extracting(r -> r.slice() + " " + r.metric().id() + " " + r.comparator() + " " + r.bound())
                .containsExactly("channel=web f1 >= 0.5", "channel=atm recall >= 0.7", "channel=pos rmse <= 3.0");
    }

    @Test
    void tooSmallSlicesAreNotJudgedAndMissingOnesFailUnlessAllowed() {
        Instances header = header();
        for (boolean allowMissing : new boolean[] {false, true}) {
            SliceSettings settings = SliceSettings.parse(
                    List.of(slice("channel")),
                    2,
                    List.of(
                            rule("channel=atm", "accuracy", "0.9", null),
                            rule("channel=web", "accuracy", "0.9", null),
                            rule("channel=pos", "accuracy", "0.9", null)),
                    null,
                    allowMissing);
            SliceEvaluation evaluation = new SliceEvaluation(SlicePlan.resolve(settings, header), header, 1);
            // atm: two rows, one right (ok predicted ok), one wrong; web: one row, wrong; pos: none
            evaluation.add(new double[] {0.9, 0.1}, row(header, 0, 0, 1));
            evaluation.add(new double[] {0.2, 0.8}, row(header, 0, 0, 1));
            evaluation.add(new double[] {0.2, 0.8}, row(header, 1, 0, 1));

            SliceReport report = evaluation.report();

            assertThat(report.slices())
                    .extracting(s -> s.name() + " " + s.rows() + " " + s.status())
                    .containsExactly("channel=atm 2 judged", "channel=web 1 too-small", "channel=pos 0 missing");
            assertThat(report.rules())
                    .extracting(r -> r.slice() + " " + r.actual() + " " + r.status() + " " + r.passed())
                    .containsExactly(
                            "channel=atm 0.5 breach false",
                            "channel=web 0.0 too-small true",
                            "channel=pos null missing " + allowMissing);
            assertThat(report.passed()).isFalse();
        }
    }

    private static void assertInvalid(Runnable call, String parameter, String message) {
        assertThatThrownBy(call::run)
                .isInstanceOfSatisfying(
                        InvalidConfigurationException.class,
                        e -> assertThat(e.parameter()).isEqualTo(parameter))
                .hasMessageContaining(message);
    }
}
