package io.github.mlmaven.retrain;

import io.github.mlmaven.data.DataFile;
import io.github.mlmaven.data.Dataset;
import io.github.mlmaven.runtime.ModelCard;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import weka.core.Instance;
import weka.core.Instances;

/**
 * Counts the labelled rows that the production model was not trained on, file by file, from the fingerprints in its
 * card:
 *
 * <ul>
 *   <li>a file whose SHA-256 is among the production card's files is {@code unchanged} (wherever it now lives) and
 *       counts no new rows;
 *   <li>a file at a path the production card does not list is {@code new}: all its rows are new;
 *   <li>a file at a listed path whose content changed and that has more rows is {@code grown}: rows are taken to be
 *       appended, so its last (rows now − rows then) rows are new;
 *   <li>a file at a listed path whose content changed without gaining rows is {@code changed}: it counts no new rows
 *       (edited or relabelled rows cannot be told from old ones by a fingerprint).
 * </ul>
 *
 * New rows per class are the class values of exactly the rows counted as new; rows without a class value are not
 * labelled and are counted in neither figure.
 */
public final class DataChangeCounter {
    private DataChangeCounter() {}

    /** The training data with no production model to compare with. */
    public static ModelCard.DataChanges withoutProduction(Dataset dataset, String status, String note) {
        return new ModelCard.DataChanges(dataset.rows(), status, null, null, Map.of(), List.of(), note);
    }

    public static ModelCard.DataChanges count(Dataset dataset, ModelCard production, String productionVersion) {
        Set<String> productionShas = new HashSet<>();
        Map<String, Long> productionRows = new HashMap<>();
        if (production.data() != null && production.data().files() != null) {
            for (ModelCard.FileEntry f : production.data().files()) {
                productionShas.add(f.sha256());
                productionRows.put(f.path(), f.rows());
            }
        }
        Instances rows = dataset.instances();
        boolean nominal = rows.classAttribute().isNominal();
        Map<String, Long> perClass = new LinkedHashMap<>();
        if (nominal) {
            for (int v = 0; v < rows.classAttribute().numValues(); v++) {
                perClass.put(rows.classAttribute().value(v), 0L);
            }
        }
        // the files' rows follow one another in the data set, in file order
        long total = dataset.files().stream().mapToLong(DataFile::rows).sum();
        boolean rowsLineUp = total == rows.numInstances();
        List<ModelCard.FileChange> files = new ArrayList<>();
        long newRows = 0;
        int offset = 0;
        for (DataFile file : dataset.files()) {
            String change;
            long fresh;
            if (productionShas.contains(file.sha256())) {
                change = "unchanged";
                fresh = 0;
            } else if (!productionRows.containsKey(file.path())) {
                change = "new";
                fresh = file.rows();
            } else if (file.rows() > productionRows.get(file.path())) {
                change = "grown";
                fresh = file.rows() - productionRows.get(file.path());
            } else {
                change = "changed";
                fresh = 0;
            }
            long labelled = 0;
            if (rowsLineUp) {
                int end = offset + (int) file.rows();
                for (int i = end - (int) fresh; i < end; i++) {
                    Instance row = rows.instance(i);
                    if (!row.classIsMissing()) {
                        labelled++;
                        if (nominal) {
                            perClass.merge(rows.classAttribute().value((int) row.classValue()), 1L, Long::sum);
                        }
                    }
                }
                offset = end;
            } else {
                labelled = fresh;
            }
            newRows += labelled;
            files.add(new ModelCard.FileChange(file.path(), change, file.rows(), labelled));
        }
        perClass.values().removeIf(n -> n == 0);
        return new ModelCard.DataChanges(dataset.rows(), "compared", productionVersion, newRows, perClass, files, null);
    }
}
