package io.github.mlmaven.api;

import java.util.Map;

/**
 * ml:train's settings.
 *
 * @param positiveClass as written; null or blank for the minority class
 * @param attributeTypes {@code <attributeTypes>}: column name to type, or null
 * @param attributeTypesProperty {@code -Dml.attributeTypes} ({@code zip:nominal,text:string}), or null
 * @param options Weka's command-line options, or null
 * @param retrainNewRows {@code <retrainWhen><newRows>} (the property first), or null
 * @param retrainCodeChanged {@code <retrainWhen><codeChanged>}, or null
 * @param retrainMaxAgeDays {@code <retrainWhen><maxAgeDays>}, or null
 * @param engine {@code <engine>} ({@code -Dml.engine}) as written: {@code local} or {@code spark}
 * @param spark {@code <spark>}, read whatever the engine (the core checks it only for {@code spark})
 */
public record TrainParameters(
        GoalContext context,
        String classAttribute,
        String positiveClass,
        Map<String, String> attributeTypes,
        String attributeTypesProperty,
        String algorithm,
        String options,
        long seed,
        boolean force,
        Long retrainNewRows,
        Boolean retrainCodeChanged,
        Integer retrainMaxAgeDays,
        String retrainDegraded,
        String retrainDrift,
        String engine,
        SparkParameters spark) {}
