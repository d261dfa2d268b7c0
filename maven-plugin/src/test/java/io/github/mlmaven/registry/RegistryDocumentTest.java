package io.github.mlmaven.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.mlmaven.registry.ModelVersion.Status;
import io.github.mlmaven.registry.RegistryEvent.Type;
import io.github.mlmaven.registry.RegistryException.Reason;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RegistryDocumentTest {
    static final Instant T0 = Instant.parse("2024-03-01T12:00:00Z");
    static final Instant T1 = Instant.parse("2024-03-01T12:05:00Z");
    static final Instant T2 = Instant.parse("2024-03-02T09:00:00Z");
    static final String MODEL = "credit-risk";

    static Candidate candidate(String approver, String reason) {
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("accuracy", 0.91);
        metrics.put("recall", 0.84);
        return new Candidate(
                "com.example",
                MODEL,
                "ab".repeat(32),
                "0123456789abcdef0123456789abcdef01234567",
                metrics,
                approver,
                reason);
    }

    /** Reserve the next version and promote it, as ml:promote does around its deployment. */
    static RegistryDocument promoteNext(RegistryDocument document, Candidate candidate, Instant at) {
        RegistryDocument reserved = document.reserveNext("1.3-SNAPSHOT", candidate, at);
        return reserved.promote(reserved.lastEvent().orElseThrow().version(), at);
    }

    @Test
    void emptyDocumentHasNoVersionsNoProductionAndStartsAtZero() {
        // when
        RegistryDocument document = RegistryDocument.empty(MODEL);

        // then
        assertThat(document.schemaVersion()).isEqualTo(1);
        assertThat(document.production()).isNull();
        assertThat(document.productionVersion()).isEmpty();
        assertThat(document.versions()).isEmpty();
        assertThat(document.events()).isEmpty();
        assertThat(document.nextVersion("1.3.0-SNAPSHOT")).isEqualTo("1.3.0");
    }

    @Test
    void reservingTakesTheNextVersionWithoutChangingProduction() {
        // given
        RegistryDocument document = RegistryDocument.empty(MODEL);

        // when
        RegistryDocument reserved = document.reserveNext("1.3-SNAPSHOT", candidate("alice", "better recall"), T0);

        // then
        assertThat(reserved.production()).isNull();
        assertThat(reserved.version("1.3.0")).hasValueSatisfying(v -> {
            assertThat(v.status()).isEqualTo(Status.RESERVED);
            assertThat(v.coordinates()).isEqualTo("com.example:credit-risk:1.3.0");
            assertThat(v.reservedAt()).isEqualTo("2024-03-01T12:00:00Z");
            assertThat(v.promotedAt()).isNull();
        });
        assertThat(reserved.lastEvent())
                .contains(new RegistryEvent(
                        Type.RESERVE, "1.3.0", null, "alice", "better recall", "2024-03-01T12:00:00Z"));
        assertThat(document.versions()).as("the original is immutable").isEmpty();
    }

    @Test
    void promotingAReservedVersionPutsItInProduction() {
        // given
        RegistryDocument reserved =
                RegistryDocument.empty(MODEL).reserveNext("1.3-SNAPSHOT", candidate("alice", null), T0);

        // when
        RegistryDocument promoted = reserved.promote("1.3.0", T1);

        // then
        assertThat(promoted.production()).isEqualTo("1.3.0");
        assertThat(promoted.productionVersion()).hasValueSatisfying(v -> {
            assertThat(v.status()).isEqualTo(Status.PROMOTED);
            assertThat(v.promotedAt()).isEqualTo("2024-03-01T12:05:00Z");
            assertThat(v.approver()).isEqualTo("alice");
        });
        assertThat(promoted.events()).extracting(RegistryEvent::type).containsExactly(Type.RESERVE, Type.PROMOTE);
    }

    @Test
    void failedAndReservedVersionsStayTakenSoVersionsAreNeverReused() {
        // given 1.3.0 promoted, 1.3.1 failed, 1.3.2 reserved
        RegistryDocument document = promoteNext(RegistryDocument.empty(MODEL), candidate("alice", null), T0);
        document =
                document.reserveNext("1.3-SNAPSHOT", candidate("bob", null), T1).fail("1.3.1", "deploy failed", T1);
        document = document.reserveNext("1.3-SNAPSHOT", candidate("bob", null), T2);

        // when
        String next = document.nextVersion("1.3-SNAPSHOT");

        // then
        assertThat(next).isEqualTo("1.3.3");
        assertThat(document.production()).isEqualTo("1.3.0");
        assertThat(document.versions())
                .extracting(ModelVersion::status)
                .containsExactly(Status.PROMOTED, Status.FAILED, Status.RESERVED);
        RegistryDocument taken = document;
        assertThatThrownBy(() -> taken.reserve("1.3.1", candidate("carol", null), T2))
                .isInstanceOf(RegistryException.class)
                .extracting(e -> ((RegistryException) e).reason())
                .isEqualTo(Reason.VERSION_EXISTS);
    }

    @Test
    void aFailedVersionCannotBePromoted() {
        // given
        RegistryDocument failed = RegistryDocument.empty(MODEL)
                .reserveNext("1.3", candidate(null, null), T0)
                .fail("1.3.0", "repository unreachable", T1);

        // when / then
        assertThatThrownBy(() -> failed.promote("1.3.0", T2))
                .isInstanceOf(RegistryException.class)
                .hasMessage("cannot promote credit-risk 1.3.0: it is failed, not reserved")
                .extracting(e -> ((RegistryException) e).reason())
                .isEqualTo(Reason.INVALID_STATE);
    }

    @Test
    void rollbackPointsProductionBackRecordsTheEventAndRemovesNothing() {
        // given 1.3.0 then 1.3.1 promoted
        RegistryDocument document = promoteNext(RegistryDocument.empty(MODEL), candidate("alice", null), T0);
        document = promoteNext(document, candidate("alice", null), T1);

        // when
        RegistryDocument rolledBack = document.rollback("1.3.0", "bob", "recall dropped in production", T2);

        // then
        assertThat(rolledBack.production()).isEqualTo("1.3.0");
        assertThat(rolledBack.versions()).isEqualTo(document.versions());
        assertThat(rolledBack.events())
                .hasSize(document.events().size() + 1)
                .startsWith(document.events().toArray(RegistryEvent[]::new));
        assertThat(rolledBack.lastEvent())
                .contains(new RegistryEvent(
                        Type.ROLLBACK,
                        "1.3.0",
                        "1.3.1",
                        "bob",
                        "recall dropped in production",
                        "2024-03-02T09:00:00Z"));
        assertThat(rolledBack.describeLastEvent())
                .isEqualTo("rollback credit-risk from 1.3.1 to 1.3.0 (approved by bob: recall dropped in production)");
    }

    @Test
    void rollbackToAnUnknownVersionIsRefusedAndListsThePromotedOnes() {
        // given
        RegistryDocument document = promoteNext(RegistryDocument.empty(MODEL), candidate("alice", null), T0);
        RegistryDocument twice = promoteNext(document, candidate("alice", null), T1);

        // when / then
        assertThatThrownBy(() -> twice.rollback("1.2.0", "bob", null, T2))
                .isInstanceOf(RegistryException.class)
                .hasMessage("cannot roll credit-risk back to 1.2.0: no such version; the promoted versions are"
                        + " 1.3.0, 1.3.1 (1.3.1 in production)")
                .extracting(e -> ((RegistryException) e).reason())
                .isEqualTo(Reason.UNKNOWN_VERSION);
    }

    @Test
    void rollbackToAVersionThatWasNeverPromotedIsRefused() {
        // given
        RegistryDocument document = promoteNext(RegistryDocument.empty(MODEL), candidate("alice", null), T0)
                .reserveNext("1.3", candidate(null, null), T1)
                .fail("1.3.1", "deploy failed", T1);

        // when / then
        assertThatThrownBy(() -> document.rollback("1.3.1", "bob", null, T2))
                .hasMessageContaining("that version was never promoted (it is failed)")
                .hasMessageContaining("the promoted versions are 1.3.0");
    }

    @Test
    void rollbackToTheVersionInProductionIsRefused() {
        // given
        RegistryDocument document = promoteNext(RegistryDocument.empty(MODEL), candidate("alice", null), T0);

        // when / then
        assertThatThrownBy(() -> document.rollback("1.3.0", "bob", null, T2))
                .isInstanceOf(RegistryException.class)
                .hasMessageContaining("1.3.0 of credit-risk is in production already")
                .extracting(e -> ((RegistryException) e).reason())
                .isEqualTo(Reason.INVALID_STATE);
    }

    @Test
    void commitMessagesSayWhatHappenedWhoApprovedAndWhy() {
        // given
        RegistryDocument reserved =
                RegistryDocument.empty(MODEL).reserveNext("1.3", candidate("alice", "better\nrecall"), T0);

        // then
        assertThat(reserved.describeLastEvent())
                .isEqualTo("reserve credit-risk 1.3.0 (approved by alice: better recall)");
        assertThat(reserved.promote("1.3.0", T1).describeLastEvent())
                .isEqualTo("promote credit-risk 1.3.0 (approved by alice: better recall)");
        assertThat(reserved.fail("1.3.0", "deploy failed: 401", T1).describeLastEvent())
                .isEqualTo("fail credit-risk 1.3.0 (deploy failed: 401)");
        assertThat(RegistryDocument.empty(MODEL)
                        .reserveNext("1.3", candidate(null, null), T0)
                        .describeLastEvent())
                .isEqualTo("reserve credit-risk 1.3.0");
        assertThat(RegistryDocument.empty(MODEL)
                        .reserveNext("1.3", candidate(" ", "retrained"), T0)
                        .describeLastEvent())
                .isEqualTo("reserve credit-risk 1.3.0 (reason: retrained)");
    }

    @Test
    void documentIsWrittenAsCamelCaseJsonWithLowerCaseStatusesAndReadBackEqual() {
        // given
        RegistryDocument document = promoteNext(RegistryDocument.empty(MODEL), candidate("alice", "better recall"), T0);

        // when
        String json = document.toJson();

        // then
        assertThat(json).isEqualTo("""
                {
                  "schemaVersion" : 1,
                  "modelName" : "credit-risk",
                  "production" : "1.3.0",
                  "versions" : [ {
                    "version" : "1.3.0",
                    "status" : "promoted",
                    "groupId" : "com.example",
                    "artifactId" : "credit-risk",
                    "modelSha256" : "%s",
                    "sourceCommit" : "0123456789abcdef0123456789abcdef01234567",
                    "metrics" : {
                      "accuracy" : 0.91,
                      "recall" : 0.84
                    },
                    "approver" : "alice",
                    "reason" : "better recall",
                    "promotedAt" : "2024-03-01T12:00:00Z",
                    "reservedAt" : "2024-03-01T12:00:00Z"
                  } ],
                  "events" : [ {
                    "type" : "reserve",
                    "version" : "1.3.0",
                    "approver" : "alice",
                    "reason" : "better recall",
                    "at" : "2024-03-01T12:00:00Z"
                  }, {
                    "type" : "promote",
                    "version" : "1.3.0",
                    "approver" : "alice",
                    "reason" : "better recall",
                    "at" : "2024-03-01T12:00:00Z"
                  } ]
                }
                """.formatted("ab".repeat(32)));
        assertThat(RegistryDocument.fromJson(json, MODEL, "test")).isEqualTo(document);
    }

    @Test
    void rollbackEventNamesTheVersionItCameFromInJson() {
        // given
        RegistryDocument document = promoteNext(RegistryDocument.empty(MODEL), candidate("alice", null), T0);
        document = promoteNext(document, candidate("alice", null), T1).rollback("1.3.0", "bob", "drift", T2);

        // when
        String json = document.toJson();

        // then
        assertThat(json)
                .contains("\"type\" : \"rollback\",\n    \"version\" : \"1.3.0\",\n    \"from\" : \"1.3.1\",\n")
                .containsOnlyOnce("\"from\"");
        assertThat(RegistryDocument.fromJson(json, MODEL, "test")).isEqualTo(document);
    }

    @Test
    void metricsThatAreNotFiniteNumbersAreLeftOut() {
        // given
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("accuracy", 0.9);
        metrics.put("auc", Double.NaN);

        // when
        RegistryDocument document = RegistryDocument.empty(MODEL)
                .reserveNext("1.3", new Candidate("g", "a", "s", "c", metrics, null, null), T0);

        // then
        assertThat(document.version("1.3.0").orElseThrow().metrics()).containsExactly(Map.entry("accuracy", 0.9));
    }

    @Test
    void documentOfANewerSchemaIsRefusedWithTheFix() {
        // given
        String json = "{\"schemaVersion\": 2, \"modelName\": \"credit-risk\", \"versions\": [], \"events\": []}";

        // when / then
        assertThatThrownBy(() -> RegistryDocument.fromJson(json, MODEL, "models/credit-risk.json"))
                .isInstanceOf(RegistryException.class)
                .hasMessageContaining("models/credit-risk.json has schemaVersion 2")
                .hasMessageContaining("upgrade the plugin")
                .extracting(e -> ((RegistryException) e).reason())
                .isEqualTo(Reason.CORRUPT_DOCUMENT);
    }

    @Test
    void documentOfAnotherModelIsRefused() {
        // given
        String json = RegistryDocument.empty("churn").toJson();

        // when / then
        assertThatThrownBy(() -> RegistryDocument.fromJson(json, MODEL, "models/credit-risk.json"))
                .hasMessageContaining("is about model 'churn', not 'credit-risk'");
    }

    @Test
    void brokenJsonIsRefusedNamingTheFile() {
        // when / then
        assertThatThrownBy(() -> RegistryDocument.fromJson("{ not json", MODEL, "models/credit-risk.json at abc1234"))
                .isInstanceOf(RegistryException.class)
                .hasMessageStartingWith("models/credit-risk.json at abc1234 is not a registry document")
                .extracting(e -> ((RegistryException) e).reason())
                .isEqualTo(Reason.CORRUPT_DOCUMENT);
    }

    @Test
    void unknownFieldsFromALaterMinorChangeAreIgnored() {
        // given
        String json = "{\"schemaVersion\": 1, \"modelName\": \"credit-risk\", \"owner\": \"risk-team\"}";

        // when
        RegistryDocument document = RegistryDocument.fromJson(json, MODEL, "test");

        // then
        assertThat(document).isEqualTo(RegistryDocument.empty(MODEL));
    }

    @Test
    void modelNamesThatCannotNameAFileAndATagAreRefused() {
        for (String name : List.of("", "../x", "a/b", "a b", ".hidden", "x.lock", "a..b", "-x")) {
            assertThatThrownBy(() -> RegistryDocument.empty(name))
                    .as(name)
                    .isInstanceOf(RegistryException.class)
                    .extracting(e -> ((RegistryException) e).reason())
                    .isEqualTo(Reason.INVALID_NAME);
        }
    }

    /** A promoted document, as JSON, with one textual change applied: how a hand edit or a bad merge breaks it. */
    private static String promotedJsonWith(String from, String to) {
        RegistryDocument document = promoteNext(
                promoteNext(RegistryDocument.empty(MODEL), candidate("alice", null), T0), candidate("bob", null), T1);
        String json = document.toJson();
        assertThat(json).contains(from);
        return json.replace(from, to);
    }

    private static final String WHERE = "models/credit-risk.json on branch ml-registry at registry commit 1a2b3c4";

    @Test
    void versionThatIsNotAVersionIsRefusedBeforeItReachesAFileNameOrTheResolver() {
        // given
        String json = promotedJsonWith("\"version\" : \"1.3.1\"", "\"version\" : \"../../evil\"");

        // when / then
        assertThatThrownBy(() -> RegistryDocument.fromJson(json, MODEL, WHERE))
                .isInstanceOf(RegistryException.class)
                .hasMessageContaining(WHERE + " is not a valid registry document")
                .hasMessageContaining("version '../../evil' is not a version")
                .hasMessageContaining("revert the commit that broke it")
                .extracting(e -> ((RegistryException) e).reason())
                .isEqualTo(Reason.CORRUPT_DOCUMENT);
    }

    @Test
    void versionListedTwiceIsRefused() {
        // given
        String json = promotedJsonWith("\"version\" : \"1.3.1\"", "\"version\" : \"1.3.0\"");

        // when / then
        assertThatThrownBy(() -> RegistryDocument.fromJson(json, MODEL, WHERE))
                .hasMessageContaining(WHERE)
                .hasMessageContaining("version '1.3.0' is listed twice");
    }

    @Test
    void productionPointerToAVersionThatDoesNotExistIsRefused() {
        // given
        String json = promotedJsonWith("\"production\" : \"1.3.1\"", "\"production\" : \"1.3.7\"");

        // when / then
        assertThatThrownBy(() -> RegistryDocument.fromJson(json, MODEL, WHERE))
                .hasMessageContaining(WHERE)
                .hasMessageContaining("production is '1.3.7', which is not one of the versions [1.3.0, 1.3.1]");
    }

    @Test
    void productionPointerToAVersionThatWasNeverPromotedIsRefused() {
        // given 1.3.2 reserved, and production pointed at it by hand
        RegistryDocument document = promoteNext(RegistryDocument.empty(MODEL), candidate("alice", null), T0)
                .reserve("1.3.2", candidate("bob", null), T1);
        String json = document.toJson().replace("\"production\" : \"1.3.0\"", "\"production\" : \"1.3.2\"");

        // when / then
        assertThatThrownBy(() -> RegistryDocument.fromJson(json, MODEL, WHERE))
                .hasMessageContaining("production is 1.3.2, which is reserved, not promoted");
    }

    @Test
    void coordinatesAndCommitsThatAreNotWhatTheyClaimAreRefused() {
        // given
        String json = promotedJsonWith("\"artifactId\" : \"credit-risk\"", "\"artifactId\" : \"a/../b\"")
                .replace("0123456789abcdef0123456789abcdef01234567", "HEAD~1");

        // when / then
        assertThatThrownBy(() -> RegistryDocument.fromJson(json, MODEL, WHERE))
                .hasMessageContaining("has artifactId 'a/../b', not a Maven artifactId")
                .hasMessageContaining("has sourceCommit 'HEAD~1', not a commit id");
    }

    @Test
    void eventNamingSomethingElseThanAVersionIsRefusedAndLongValuesAreQuotedShort() throws Exception {
        // given the promote event of 1.3.0 naming a 500-digit string
        var tree = (com.fasterxml.jackson.databind.node.ObjectNode)
                io.github.mlmaven.runtime.Json.MAPPER.readTree(promotedJsonWith("1.3.0", "1.3.0"));
        ((com.fasterxml.jackson.databind.node.ObjectNode) tree.get("events").get(1)).put("version", "9".repeat(500));
        String json = io.github.mlmaven.runtime.Json.MAPPER.writeValueAsString(tree);

        // when / then
        assertThatThrownBy(() -> RegistryDocument.fromJson(json, MODEL, WHERE))
                .hasMessageContaining("a promote event names '" + "9".repeat(40) + "...', not a version")
                .hasMessageNotContaining("9".repeat(41));
    }

    @Test
    void validDocumentsReadBackEqual() {
        // given
        RegistryDocument document = promoteNext(
                        promoteNext(RegistryDocument.empty(MODEL), candidate("alice", null), T0),
                        candidate("bob", null),
                        T1)
                .rollback("1.3.0", "carol", null, T2);

        // when / then
        assertThat(RegistryDocument.fromJson(document.toJson(), MODEL, WHERE)).isEqualTo(document);
    }
}
