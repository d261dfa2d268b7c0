package io.github.mlmaven.registry;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;

/**
 * Any text read as a model's registry document ends in a document whose versions, production and history can be
 * asked for, or in a {@link RegistryException} saying the document is corrupt; never another exception. Seeds:
 * documents as ml:promote writes them (empty, one promotion, a failure and a rollback).
 */
class RegistryDocumentFuzzTest {
    private static final String WHERE = "fuzzed models/credit-risk.json";

    @FuzzTest(maxDuration = "30s")
    void documentIsReadOrRefusedAsCorrupt(byte[] json) {
        RegistryDocument document;
        try {
            document = RegistryDocument.fromJson(new String(json, StandardCharsets.UTF_8), "credit-risk", WHERE);
        } catch (RegistryException corrupt) {
            return;
        }
        document.productionVersion();
        document.versionNames();
        document.promotedVersions();
        document.lastEvent();
        document.describeLastEvent();
    }
}
