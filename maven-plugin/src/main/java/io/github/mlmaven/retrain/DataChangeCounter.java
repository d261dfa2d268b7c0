package io.github.mlmaven.retrain;

import io.github.mlmaven.data.DataFile;
import io.github.mlmaven.data.DataSource;
import io.github.mlmaven.data.Dataset;
import io.github.mlmaven.runtime.ModelCard;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import weka.core.Instance;
import weka.core.Instances;

/**
 * Counts the labelled rows that the production model was not trained on, from the fingerprint of the data now and the
 * one on the production model's card. Which rows of each part are new is the data source's rule ({@link
 * DataSource#newRowsSince}): for files, none of an unchanged file, all of a new one, the appended rows of one that grew,
 * none of one that changed otherwise; for a database source with a watermark, the rows above production's watermark.
 *
 * <p>New rows per class are the class values of exactly the rows counted as new; rows without a class value are not
 * labelled and are counted in neither figure. When the rows were not kept (they were streamed into the model), every
 * new row counts as labelled and no per-class figure is given.
 */
public final class DataChangeCounter {
    private DataChangeCounter() {}

    /** The training data with no production model to compare with. */
    public static ModelCard.DataChanges withoutProduction(Dataset dataset, String status, String note) {
        return new ModelCard.DataChanges(dataset.rows(), status, null, null, Map.of(), List.of(), note);
    }

    /** The rows of {@code dataset}, read from {@code source}, that production (trained as its card says) has not seen. */
    public static ModelCard.DataChanges count(
            Dataset dataset, DataSource source, ModelCard production, String productionVersion) {
        List<DataSource.NewRows> changes = source.newRowsSince(dataset.files(), production.data());
        Instances rows = dataset.instances();
        boolean nominal = rows.classAttribute().isNominal();
        Map<String, Long> perClass = new LinkedHashMap<>();
        if (nominal) {
            for (int v = 0; v < rows.classAttribute().numValues(); v++) {
                perClass.put(rows.classAttribute().value(v), 0L);
            }
        }
        // the parts' rows follow one another in the data set, in reading order
        long total = dataset.files().stream().mapToLong(DataFile::rows).sum();
        boolean rowsLineUp = total == rows.numInstances();
        List<ModelCard.FileChange> files = new ArrayList<>();
        long newRows = 0;
        int offset = 0;
        for (int p = 0; p < dataset.files().size(); p++) {
            DataFile file = dataset.files().get(p);
            long fresh = changes.get(p).rows();
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
            files.add(new ModelCard.FileChange(file.path(), changes.get(p).change(), file.rows(), labelled));
        }
        perClass.values().removeIf(n -> n == 0);
        return new ModelCard.DataChanges(dataset.rows(), "compared", productionVersion, newRows, perClass, files, null);
    }
}
