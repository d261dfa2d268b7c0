package io.github.mlmaven.spark;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.Function2;
import scala.Tuple2;

/**
 * The rows of the job's files with their global ordinals: each file's lines are counted per Hadoop split (one Spark
 * job), then numbered from their split's first line, the preamble's lines dropped, the files one after the other in
 * the job's order. The numbering depends on the files alone, not on how Spark splits them. Lines, not parsed rows,
 * are numbered: a blank line has an ordinal too, which only shifts where a partition ends.
 */
final class RowOrdinals {
    private final JavaRDD<Tuple2<Integer, String>> lines;
    private final Numbering numbering;
    private final long[] fileOffsets;
    private final long rows;

    private RowOrdinals(JavaRDD<Tuple2<Integer, String>> lines, Numbering numbering, long[] fileOffsets, long rows) {
        this.lines = lines;
        this.numbering = numbering;
        this.fileOffsets = fileOffsets;
        this.rows = rows;
    }

    static RowOrdinals count(JavaSparkContext sc, List<SourceFile> files, DriverLog log) {
        sc.setCallSite("count lines");
        List<JavaRDD<Tuple2<Integer, String>>> perFile = new ArrayList<>();
        List<Integer> splitFiles = new ArrayList<>();
        for (int f = 0; f < files.size(); f++) {
            int fileIndex = f;
            JavaRDD<String> text = sc.textFile(files.get(f).location());
            perFile.add(text.map(line -> new Tuple2<>(fileIndex, line)));
            splitFiles.addAll(Collections.nCopies(text.getNumPartitions(), f));
        }
        @SuppressWarnings("unchecked")
        JavaRDD<Tuple2<Integer, String>>[] all = perFile.toArray(JavaRDD[]::new);
        JavaRDD<Tuple2<Integer, String>> lines = sc.union(all);
        List<Long> splitLines = lines.mapPartitions(RowOrdinals::countLines).collect();
        int[] splitFile = splitFiles.stream().mapToInt(Integer::intValue).toArray();
        long[] splitFirstLine = new long[splitFile.length];
        long[] fileLines = new long[files.size()];
        for (int s = 0; s < splitFile.length; s++) {
            splitFirstLine[s] = fileLines[splitFile[s]];
            fileLines[splitFile[s]] += splitLines.get(s);
        }
        long[] fileOffsets = new long[files.size()];
        int[] preambles = new int[files.size()];
        long rows = 0;
        for (int f = 0; f < files.size(); f++) {
            fileOffsets[f] = rows;
            preambles[f] = files.get(f).preamble().size();
            rows += Math.max(0, fileLines[f] - preambles[f]);
        }
        log.info("read " + ProgressListener.count(rows) + " data lines from " + files.size() + " file"
                + (files.size() == 1 ? "" : "s"));
        return new RowOrdinals(
                lines, new Numbering(splitFile, splitFirstLine, preambles, fileOffsets), fileOffsets, rows);
    }

    /** The number of data lines (rows and blank lines after the preambles) of all the files. */
    long rows() {
        return rows;
    }

    /** The first ordinal of each file's rows. */
    long[] fileOffsets() {
        return fileOffsets.clone();
    }

    /** (ordinal, (file index, line)) of every data line. */
    JavaRDD<Tuple2<Long, Tuple2<Integer, String>>> numbered() {
        return lines.mapPartitionsWithIndex(numbering, true);
    }

    private static Iterator<Long> countLines(Iterator<Tuple2<Integer, String>> lines) {
        long n = 0;
        while (lines.hasNext()) {
            lines.next();
            n++;
        }
        return List.of(n).iterator();
    }

    /** Numbers the lines of one split: its first line's number in its file is known from the counting job. */
    private static final class Numbering
            implements Function2<
                    Integer, Iterator<Tuple2<Integer, String>>, Iterator<Tuple2<Long, Tuple2<Integer, String>>>> {
        private static final long serialVersionUID = 1L;

        private final int[] splitFile;
        private final long[] splitFirstLine;
        private final int[] preambles;
        private final long[] fileOffsets;

        Numbering(int[] splitFile, long[] splitFirstLine, int[] preambles, long[] fileOffsets) {
            this.splitFile = splitFile;
            this.splitFirstLine = splitFirstLine;
            this.preambles = preambles;
            this.fileOffsets = fileOffsets;
        }

        @Override
        public Iterator<Tuple2<Long, Tuple2<Integer, String>>> call(
                Integer split, Iterator<Tuple2<Integer, String>> lines) {
            int file = splitFile[split];
            long preamble = preambles[file];
            long offset = fileOffsets[file];
            return new Iterator<>() {
                long line = splitFirstLine[split];

                @Override
                public boolean hasNext() {
                    while (line < preamble && lines.hasNext()) {
                        lines.next();
                        line++;
                    }
                    return lines.hasNext();
                }

                @Override
                public Tuple2<Long, Tuple2<Integer, String>> next() {
                    if (!hasNext()) {
                        throw new java.util.NoSuchElementException();
                    }
                    Tuple2<Integer, String> next = lines.next();
                    return new Tuple2<>(offset + line++ - preamble, next);
                }
            };
        }
    }
}
