package io.github.mlmaven.data;

import io.github.mlmaven.common.InvalidInputException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import weka.core.Instances;
import weka.core.Utils;

/**
 * CSV training data read in one pass: each column is typed ({@link CsvColumn}) as the rows are read, and the rows are
 * kept as the arrays that become the instances (nominal and string values as ids until the types are decided).
 */
final class CsvTrainingReader {
    private final FastDatasetReader ctx;

    CsvTrainingReader(FastDatasetReader ctx) {
        this.ctx = ctx;
    }

    Dataset readTraining(List<Path> files, ReadOptions options, String parameter) {
        CsvPass pass = scanCsv(files, options, true);
        Schema schema;
        try {
            schema = CsvColumn.decideSchema(
                    ctx.owner, pass.header, pass.headerFile, files, options, pass.columns, ctx.log);
        } catch (RuntimeException e) {
            pass.release();
            throw e;
        }
        Instances instances = schema.emptyInstances(DatasetReader.relationName(files), Math.max(pass.rows.size(), 1));
        for (int c = 0; c < pass.columns.size(); c++) {
            CsvColumn column = pass.columns.get(c);
            AttributeSpec spec = schema.attributes().get(c);
            if (spec.type() == AttributeType.NUMERIC) {
                continue;
            }
            if (spec.type() == AttributeType.NOMINAL) {
                Map<String, Integer> index = new LinkedHashMap<>();
                for (int v = 0; v < spec.values().size(); v++) {
                    index.put(spec.values().get(v), v);
                }
                double[] valueOfId = new double[column.distinct.size()];
                for (int id = 0; id < valueOfId.length; id++) {
                    Integer v = index.get(column.distinct.text(id));
                    valueOfId[id] = v == null ? Utils.missingValue() : v;
                }
                for (int r = 0; r < pass.rows.size(); r++) {
                    int id = column.ids[r];
                    pass.rows.get(r)[c] = id < 0 ? Utils.missingValue() : valueOfId[id];
                }
            }
        }
        // string values are added row by row, as the reference reader adds them
        FastDatasetReader.Batch batch = new FastDatasetReader.Batch(instances);
        for (int r = 0; r < pass.rows.size(); r++) {
            double[] values = pass.rows.get(r);
            for (int c = 0; c < values.length; c++) {
                if (schema.attributes().get(c).type() == AttributeType.STRING) {
                    int id = pass.columns.get(c).ids[r];
                    values[c] = id < 0
                            ? Utils.missingValue()
                            : instances
                                    .attribute(c)
                                    .addStringValue(pass.columns.get(c).distinct.text(id));
                }
            }
            batch.add(values, 1.0, null, 0);
            pass.rows.set(r, null);
        }
        if (instances.numInstances() == 0) {
            throw new InvalidInputException("<" + parameter + "> holds no data rows ("
                    + String.join(", ", pass.files.stream().map(DataFile::path).toList()) + ")");
        }
        instances.compactify();
        return new Dataset(instances, schema, pass.files);
    }

    Schema csvSchema(List<Path> files, ReadOptions options) {
        CsvPass pass = scanCsv(files, options, false);
        return CsvColumn.decideSchema(ctx.owner, pass.header, pass.headerFile, files, options, pass.columns, ctx.log);
    }

    private static final class CsvPass {
        /** The names of the columns read (those {@code <exclude>} does not drop), and the fields they are in. */
        List<String> header;

        int[] kept;
        /** The first file's header row, which every file must repeat. */
        List<String> fileHeader;

        Path headerFile;
        List<CsvColumn> columns;
        /** {@link #columns} as an array, for the per-value loop of {@link #addRow}. */
        CsvColumn[] columnArray;

        final List<double[]> rows = new ArrayList<>();
        final List<DataFile> files = new ArrayList<>();

        /** Drops the rows read before an error, so that their memory can be reclaimed while it is reported. */
        void release() {
            rows.clear();
            if (columns != null) {
                columns.forEach(column -> column.ids = null);
            }
        }
    }

    private CsvPass scanCsv(List<Path> files, ReadOptions options, boolean keepRows) {
        CsvPass pass = new CsvPass();
        for (Path file : files) {
            long start = System.nanoTime();
            ctx.owner.checkNotEmpty(file);
            String shown = ctx.owner.display(file);
            try {
                DataFile dataFile = DatasetReader.isParquet(file)
                        ? scanParquet(pass, file, shown, options, keepRows)
                        : scanCsvFile(pass, file, shown, options, keepRows);
                pass.files.add(dataFile);
                if (keepRows) {
                    ctx.logRead(dataFile, start);
                }
            } catch (IOException e) {
                pass.release();
                throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
            } catch (RuntimeException e) {
                pass.release();
                throw e;
            }
        }
        return pass;
    }

    private DataFile scanCsvFile(CsvPass pass, Path file, String shown, ReadOptions options, boolean keepRows)
            throws IOException {
        try (ChunkedInput in = ctx.open(file, shown)) {
            FastCsvTokenizer csv = new FastCsvTokenizer(in, shown);
            List<String> fileHeader = CsvHeader.read(ctx.owner, csv, file);
            startFile(pass, fileHeader, file, shown + " line 1", options, keepRows);
            int width = pass.fileHeader.size();
            Progress progress = new Progress(ctx.log, shown);
            long count = 0;
            while (csv.next()) {
                CsvLines.checkFieldCount(ctx.owner, csv, file, width);
                addRow(pass, csv, shown, keepRows);
                count++;
                progress.row(count);
            }
            in.finish();
            return new DataFile(shown, file.toAbsolutePath().normalize(), in.sha256(), count, in.bytesRead());
        }
    }

    /** A Parquet file's rows, as the CSV records of its export: typed by the same columns as CSV files. */
    private DataFile scanParquet(CsvPass pass, Path file, String shown, ReadOptions options, boolean keepRows) {
        Progress progress = new Progress(ctx.log, shown);
        long[] count = {0};
        return ctx.parquet()
                .scan(file, (columns, where) -> startFile(pass, columns, file, where, options, keepRows), record -> {
                    addRow(pass, record, shown, keepRows);
                    progress.row(++count[0]);
                });
    }

    /**
     * The first file's columns become the pass's; every later file must have the same, in the same order.
     * {@code where} names the file (and line) of the column names in messages.
     */
    private void startFile(
            CsvPass pass, List<String> fileHeader, Path file, String where, ReadOptions options, boolean keepRows) {
        if (pass.header == null) {
            pass.fileHeader = fileHeader;
            pass.kept = ctx.owner.keptColumns(fileHeader, options.exclude(), file);
            pass.header = Arrays.stream(pass.kept).mapToObj(fileHeader::get).toList();
            pass.headerFile = file;
            pass.columns = new ArrayList<>();
            for (String name : pass.header) {
                pass.columns.add(new CsvColumn(
                        name,
                        keepRows,
                        options.attributeTypes().get(name) == AttributeType.STRING,
                        options.datePatterns().get(name)));
            }
            pass.columnArray = pass.columns.toArray(new CsvColumn[0]);
        } else if (!pass.fileHeader.equals(fileHeader)) {
            throw new InvalidInputException(where + ": its columns differ from "
                    + ctx.owner.display(pass.headerFile) + ": "
                    + CsvHeader.describeDifference(pass.fileHeader, fileHeader)
                    + "; all training files must have the same columns in the same order");
        }
    }

    private static void addRow(CsvPass pass, FastCsvTokenizer record, String shown, boolean keepRows) {
        int[] kept = pass.kept;
        CsvColumn[] columns = pass.columnArray;
        int line = record.recordStartLine;
        double[] values = keepRows ? new double[kept.length] : null;
        for (int i = 0; i < kept.length; i++) {
            double value = columns[i].add(record, kept[i], shown, line);
            if (values != null) {
                values[i] = value;
            }
        }
        if (values != null) {
            pass.rows.add(values);
        }
    }
}
