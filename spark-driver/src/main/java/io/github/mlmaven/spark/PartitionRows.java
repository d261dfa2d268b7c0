package io.github.mlmaven.spark;

import io.github.mlmaven.common.InvalidInputException;
import io.github.mlmaven.common.MlLog;
import io.github.mlmaven.data.DataFiles;
import io.github.mlmaven.data.Dataset;
import io.github.mlmaven.data.DatasetReader;
import io.github.mlmaven.data.Schema;
import io.github.mlmaven.runtime.Json;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import scala.Tuple2;

/**
 * How a partition's task reads its rows: it writes them (in ordinal order, so file by file) to scratch files, each
 * headed by its source file's preamble, and reads them with the plugin's reader against the job's schema. Messages of
 * the reader name the source file and its line, not the scratch file's. Shared by training and evaluation, so both
 * read a row as the local engine does.
 */
final class PartitionRows implements Serializable {
    private static final long serialVersionUID = 1L;

    private final List<SourceFile> files;
    /** The first ordinal of each file's rows. */
    private final long[] fileOffsets;

    private final String schemaJson;
    private final ArrayList<String> exclude;
    /** The data parameter the reader's messages name ({@code trainingData}, {@code testData}). */
    private final String parameter;

    private final String scratchRoot;

    PartitionRows(
            List<SourceFile> files,
            long[] fileOffsets,
            Schema schema,
            List<String> exclude,
            String parameter,
            String scratchRoot)
            throws IOException {
        this.files = new ArrayList<>(files);
        this.fileOffsets = fileOffsets.clone();
        this.schemaJson = Json.MAPPER.writeValueAsString(schema);
        this.exclude = new ArrayList<>(exclude);
        this.parameter = parameter;
        this.scratchRoot = scratchRoot;
    }

    /**
     * A partition's rows as the plugin's reader reads them.
     *
     * @param fileRows the rows read from each of the job's files, in the job's order (0 for the files it had no rows of)
     */
    record Read(Dataset data, long[] fileRows) {}

    /** What a task does with its rows, while their scratch files exist. */
    @FunctionalInterface
    interface Use<T> {
        T apply(Read read) throws Exception;
    }

    /** Reads the partition's rows and hands them to {@code use}; the scratch files are deleted afterwards. */
    <T> T read(int partition, Iterator<Tuple2<Long, Tuple2<Integer, String>>> rows, Use<T> use) throws Exception {
        Path scratch = scratchDirectory(partition);
        try {
            List<Segment> segments = writeScratch(scratch, rows);
            return use.apply(readScratch(scratch, segments));
        } finally {
            deleteRecursively(scratch);
        }
    }

    private Read readScratch(Path scratch, List<Segment> segments) throws IOException {
        Schema schema = Json.MAPPER.readValue(schemaJson, Schema.class);
        Dataset data;
        try {
            data = new DatasetReader(scratch, MlLog.SILENT)
                    .readWithSchema(
                            segments.stream().map(Segment::scratchFile).toList(),
                            schema,
                            parameter,
                            new HashSet<>(exclude));
        } catch (InvalidInputException e) {
            throw new InvalidInputException(sourceMessage(e.getMessage(), scratch, segments), e);
        }
        long[] fileRows = new long[files.size()];
        for (int i = 0; i < segments.size(); i++) {
            fileRows[segments.get(i).fileIndex()] = data.files().get(i).rows();
        }
        return new Read(data, fileRows);
    }

    /** A source file's rows in this partition: where they went and which line of the source the first one was. */
    record Segment(SourceFile source, int fileIndex, Path scratchFile, long firstLine) {}

    private List<Segment> writeScratch(Path scratch, Iterator<Tuple2<Long, Tuple2<Integer, String>>> rows)
            throws IOException {
        List<Segment> segments = new ArrayList<>();
        BufferedWriter writer = null;
        int current = -1;
        try {
            while (rows.hasNext()) {
                Tuple2<Long, Tuple2<Integer, String>> row = rows.next();
                int fileIndex = row._2()._1();
                if (fileIndex != current) {
                    if (writer != null) {
                        writer.close();
                    }
                    current = fileIndex;
                    SourceFile source = files.get(fileIndex);
                    Path file = scratch.resolve(Integer.toString(fileIndex)).resolve(source.fileName());
                    Files.createDirectories(file.getParent());
                    writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
                    for (String line : source.preamble()) {
                        writer.write(line);
                        writer.write('\n');
                    }
                    long firstLine = source.preamble().size() + (row._1() - fileOffsets[fileIndex]);
                    segments.add(new Segment(source, fileIndex, file, firstLine));
                }
                writer.write(row._2()._2());
                writer.write('\n');
            }
        } finally {
            if (writer != null) {
                writer.close();
            }
        }
        return segments;
    }

    /**
     * The reader's message with each scratch file replaced by its source file and each of its line numbers by the
     * source's: the rows of a segment are a contiguous run of the source's lines after the same preamble.
     */
    static String sourceMessage(String message, Path scratch, List<Segment> segments) {
        String result = message;
        for (Segment segment : segments) {
            String shown = DataFiles.displayPath(scratch, segment.scratchFile());
            long shift = segment.firstLine() - segment.source().preamble().size();
            Matcher m = Pattern.compile(Pattern.quote(shown) + " line (\\d+)").matcher(result);
            StringBuilder out = new StringBuilder();
            while (m.find()) {
                long line = Long.parseLong(m.group(1));
                long sourceLine = line > segment.source().preamble().size() ? line + shift : line;
                m.appendReplacement(
                        out, Matcher.quoteReplacement(segment.source().location() + " line " + sourceLine));
            }
            m.appendTail(out);
            result = out.toString()
                    .replace(segment.scratchFile().toString(), segment.source().location())
                    .replace(shown, segment.source().location());
        }
        return result;
    }

    private Path scratchDirectory(int partition) throws IOException {
        Path root = Path.of(scratchRoot);
        try {
            Files.createDirectories(root);
        } catch (IOException e) {
            // an executor on another machine: the driver's work directory is not there
            root = Path.of(System.getProperty("java.io.tmpdir"));
        }
        return Files.createTempDirectory(root, "partition-" + partition + "-");
    }

    private static void deleteRecursively(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(directory)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
