package io.github.mlmaven.data;

import io.github.mlmaven.common.InvalidInputException;
import io.github.mlmaven.common.MlLog;
import io.github.mlmaven.data.FastCsvTokenizer.Unsupported;
import io.github.mlmaven.weka.WekaInternals;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import weka.core.Attribute;
import weka.core.DenseInstance;
import weka.core.Instance;
import weka.core.Instances;
import weka.core.Utils;
import weka.core.converters.ArffLoader;

/**
 * The single-pass readers behind {@link DatasetReader}: each file is read from disk once, in large chunks that are
 * hashed as they are read and parsed in place as bytes. CSV training data is typed in the same pass that reads it
 * (rows are kept as the arrays that become the instances). ARFF headers are parsed by Weka; dense data rows by a
 * byte tokenizer, and any row it does not handle (sparse rows, weights, quotes, errors) by Weka's own reader, so the
 * result is always Weka's. Anything else it cannot reproduce exactly throws {@link Unsupported}, and the caller reads
 * with the reference (String-based) code instead.
 *
 * <p>Files of {@link #parallelMinBytes} or more without string attributes are parsed in parallel: ARFF data, and CSV
 * read against a known schema (until a quote character appears). The reading thread still reads and hashes the file
 * once, in order, cuts it into blocks of whole lines, and hands the rows the workers parsed on in file order; a block
 * that fails is parsed again on the reading thread, so errors name the same line as sequential reading. CSV training
 * data, typed column by column as it is read, stays sequential.
 */
final class FastDatasetReader {
    static final long PROGRESS_INTERVAL_NANOS = 5_000_000_000L;

    private final DatasetReader owner;
    private final MlLog log;
    ChunkedInput.ChunkListener listener;
    /** Hashes of unchanged files, not computed again (null: every file is hashed). */
    FingerprintCache knownHashes;

    FastDatasetReader(DatasetReader owner, MlLog log) {
        this.owner = owner;
        this.log = log;
    }

    /**
     * An error worded exactly as the reference reader words it for the same files, and the first it would meet too:
     * {@link DatasetReader} throws it without reading the files again with the reference reader.
     */
    static class Worded extends InvalidInputException {
        Worded(String message, Throwable cause) {
            super(message, cause);
        }

        Worded(InvalidInputException error) {
            this(error.getMessage(), error.getCause());
        }
    }

    /** A CSV row's error, with where in the file its record starts and where it was found; thrown to the reader. */
    private static final class RowFailure extends RuntimeException {
        final InvalidInputException error;
        final long from;
        final long to;

        RowFailure(InvalidInputException error, long from, long to) {
            super(error.getMessage(), null, false, false);
            this.error = error;
            this.from = from;
            this.to = to;
        }
    }

    /** Where rows go; {@code line} is the line the row starts on, for messages. */
    private interface Rows {
        void add(double[] values, double weight, Path file, int line);

        /** The attribute that takes string values; null when string attributes are not accepted. */
        Attribute stringAttribute(int index);
    }

    // ---------------------------------------------------------------- batch

    /** Rows appended to Weka instances without Instances.add's copy of each instance. */
    private static final class Batch implements Rows {
        final Instances instances;
        final List<Instance> list;

        Batch(Instances instances) {
            this.instances = instances;
            this.list = WekaInternals.shared().rowList(instances).orElse(null);
        }

        @Override
        public void add(double[] values, double weight, Path file, int line) {
            DenseInstance instance = new DenseInstance(weight, values);
            if (list != null) {
                instance.setDataset(instances);
                list.add(instance);
            } else {
                instances.add(instance);
            }
        }

        @Override
        public Attribute stringAttribute(int index) {
            return instances.attribute(index);
        }
    }

    private static final class Streamed implements Rows {
        final RowSink sink;
        final DatasetReader owner;

        Streamed(RowSink sink, DatasetReader owner) {
            this.sink = sink;
            this.owner = owner;
        }

        @Override
        public void add(double[] values, double weight, Path file, int line) {
            try {
                sink.accept(values, weight);
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new InvalidInputException(
                        owner.display(file) + " line " + line + ": the row could not be used: " + e.getMessage(), e);
            }
        }

        @Override
        public Attribute stringAttribute(int index) {
            return null;
        }
    }

    Dataset readWithSchema(List<Path> files, Schema schema, String parameter) {
        Instances instances = schema.emptyInstances(DatasetReader.relationName(files), 1024);
        Batch batch = new Batch(instances);
        List<DataFile> read = new ArrayList<>();
        try {
            for (Path file : files) {
                read.add(readFile(file, schema, batch));
            }
        } catch (RuntimeException e) {
            release(instances);
            throw e;
        }
        if (instances.numInstances() == 0) {
            throw new InvalidInputException("<" + parameter + "> holds no data rows ("
                    + String.join(", ", read.stream().map(DataFile::path).toList()) + ")");
        }
        instances.compactify();
        return new Dataset(instances, schema, read);
    }

    List<DataFile> stream(List<Path> files, Schema schema, String parameter, RowSink sink) {
        for (AttributeSpec spec : schema.attributes()) {
            if (spec.type() == AttributeType.STRING) {
                throw new InvalidInputException("<" + parameter + ">: attribute '" + spec.name()
                        + "' is a string attribute, and streaming does not support string attributes;"
                        + " read the data in memory instead");
            }
        }
        Streamed rows = new Streamed(sink, owner);
        List<DataFile> read = new ArrayList<>();
        for (Path file : files) {
            try {
                read.add(readFile(file, schema, rows));
            } catch (Unsupported e) {
                // the caller's message names the file this way
                throw new Unsupported(
                        owner.display(file) + (e.getMessage().startsWith("line ") ? " " : ": ") + e.getMessage());
            }
        }
        return read;
    }

    private DataFile readFile(Path file, Schema schema, Rows rows) {
        long start = System.nanoTime();
        owner.checkNotEmpty(file);
        DataFile dataFile = DatasetReader.isArff(file)
                ? readArff(file, schema, null, () -> rows, false)
                : readCsv(file, schema, rows);
        logRead(dataFile, start);
        return dataFile;
    }

    private void logRead(DataFile dataFile, long start) {
        log.info(String.format(
                Locale.ROOT,
                "Read %s: %,d rows in %.2f s",
                dataFile.path(),
                dataFile.rows(),
                (System.nanoTime() - start) / 1e9));
    }

    /** Training data: the schema comes from the first ARFF header, or from the CSV columns in the same pass. */
    Dataset readTraining(List<Path> files, ReadOptions options, String parameter) {
        Path firstArff =
                files.stream().filter(DatasetReader::isArff).findFirst().orElse(null);
        if (firstArff == null) {
            return readCsvTraining(files, options, parameter);
        }
        if (!files.get(0).equals(firstArff)) {
            try {
                return readWithSchema(files, arffSchema(firstArff, options), parameter);
            } catch (Worded e) {
                // the reference reader reads that ARFF file whole before the files ahead of it: its error may differ
                throw new InvalidInputException(e.getMessage(), e.getCause());
            }
        }
        List<DataFile> read = new ArrayList<>();
        Batch[] batch = new Batch[1];
        Schema[] schema = new Schema[1];
        long start = System.nanoTime();
        owner.checkNotEmpty(firstArff);
        try {
            DataFile first = readArff(
                    firstArff,
                    null,
                    header -> {
                        schema[0] = Schema.of(owner.withClass(header, options.classAttribute(), firstArff));
                        batch[0] = new Batch(schema[0].emptyInstances(DatasetReader.relationName(files), 1024));
                        return schema[0];
                    },
                    () -> batch[0],
                    false);
            logRead(first, start);
            read.add(first);
            for (Path file : files.subList(1, files.size())) {
                read.add(readFile(file, schema[0], batch[0]));
            }
        } catch (RuntimeException e) {
            if (batch[0] != null) {
                release(batch[0].instances);
            }
            throw e;
        }
        Instances instances = batch[0].instances;
        if (instances.numInstances() == 0) {
            throw new InvalidInputException("<" + parameter + "> holds no data rows ("
                    + String.join(", ", read.stream().map(DataFile::path).toList()) + ")");
        }
        instances.compactify();
        return new Dataset(instances, schema[0], read);
    }

    /** Drops the rows read before an error, so that their memory can be reclaimed while the error is reported. */
    private static void release(Instances instances) {
        instances.delete();
    }

    /** The schema from the header of an ARFF file, reading only the header. */
    Schema arffSchema(Path file, ReadOptions options) {
        owner.checkNotEmpty(file);
        Schema[] schema = new Schema[1];
        readArff(
                file,
                null,
                header -> schema[0] = Schema.of(owner.withClass(header, options.classAttribute(), file)),
                () -> null,
                true);
        return schema[0];
    }

    // ---------------------------------------------------------------- ARFF

    private interface SchemaFromHeader {
        Schema decide(Instances header);
    }

    private static final byte[] DATA = "@data".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private static boolean arffSeparator(int c) {
        return c >= 0 && c <= ' ' && c != '\n' && c != '\r' || c == ',';
    }

    /**
     * Reads one ARFF file. With a null schema, {@code fromHeader} decides it from the file's header; with
     * {@code headerOnly} nothing after the header is read (and no fingerprint is returned).
     */
    private DataFile readArff(
            Path file,
            Schema knownSchema,
            SchemaFromHeader fromHeader,
            java.util.function.Supplier<Rows> target,
            boolean headerOnly) {
        String shown = owner.display(file);
        try (ChunkedInput in = new ChunkedInput(file, shown, listener, knownHashes)) {
            // the header: every line up to the one holding @data
            int p = 0;
            int line = 1;
            int dataStart;
            while (true) {
                byte[] b = in.buf;
                int eol = p;
                while (eol < in.limit && b[eol] != '\n' && b[eol] != '\r') {
                    eol++;
                }
                if ((eol >= in.limit || (b[eol] == '\r' && eol + 1 >= in.limit)) && !in.eof) {
                    in.refill(0);
                    continue;
                }
                if (p >= in.limit) {
                    // Weka, handed a header without @data, would never return
                    throw new Worded(ArffGuard.noDataLine(shown, Math.max(1, line - 1)), null);
                }
                int q = p;
                while (q < eol && arffSeparator(b[q])) {
                    q++;
                }
                boolean isData = eol - q >= DATA.length;
                for (int i = 0; isData && i < DATA.length; i++) {
                    isData = Character.toLowerCase(b[q + i]) == DATA[i];
                }
                int next = eol;
                if (next < in.limit) {
                    next += b[next] == '\r' && next + 1 < in.limit && b[next + 1] == '\n' ? 2 : 1;
                }
                if (isData) {
                    int r = q + DATA.length;
                    while (r < eol && arffSeparator(b[r])) {
                        r++;
                    }
                    if (r < eol && b[r] != '%') {
                        throw new Unsupported("line " + line + ": data on the @data line");
                    }
                    dataStart = next;
                    line++;
                    break;
                }
                p = next;
                line++;
            }
            int bad = FastBytes.firstInvalidUtf8(in.buf, 0, dataStart);
            if (bad >= 0) {
                throw FastBytes.invalidUtf8(shown, in.buf, 0, 1, bad);
            }
            String headerText = FastBytes.utf8(in.buf, 0, dataStart);
            Instances header = wekaHeader(headerText, shown);
            owner.checkArffTypes(file, header);
            Schema schema = knownSchema != null ? knownSchema : fromHeader.decide(new Instances(header, 0));
            if (headerOnly) {
                return null;
            }
            int[] sourceIndex = owner.arffSourceIndex(file, header, schema);
            long rows = readArffRows(in, dataStart, line, file, shown, header, schema, sourceIndex, target.get());
            in.finish();
            return new DataFile(shown, file.toAbsolutePath().normalize(), in.sha256(), rows, in.bytesRead());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * The header parsed by Weka, guarded against what Weka does not handle: the end of the text inside a declaration,
     * and runtime exceptions (duplicate names or labels) that name no file.
     */
    static Instances wekaHeader(String headerText, String shown) {
        String duplicate = ArffGuard.duplicateAttribute(headerText, shown);
        if (duplicate != null) {
            throw new Worded(duplicate, null);
        }
        ArffGuard guard = new ArffGuard(new StringReader(headerText), shown);
        try {
            ArffLoader.ArffReader weka = new ArffLoader.ArffReader(guard, 1, false);
            Instances header = weka.getStructure();
            if (weka.readInstance(header) != null) {
                throw new Unsupported("the header is not where it seems");
            }
            return header;
        } catch (ArffGuard.UnexpectedEnd e) {
            throw new Worded(e.getMessage(), null);
        } catch (IOException e) {
            // Weka's own syntax errors name the line already
            throw new InvalidInputException(ArffGuard.wekaSyntaxError(shown, e.getMessage()), e);
        } catch (RuntimeException e) {
            if (e instanceof Unsupported || e instanceof InvalidInputException) {
                throw e;
            }
            throw new Worded(ArffGuard.wekaError(shown, guard.line(), e) + "; fix the header", e);
        }
    }

    /** Files smaller than this are parsed on the reading thread alone; package-private for tests. */
    static long parallelMinBytes = 4L << 20;

    /** The size of the blocks of whole lines handed to parsing threads; package-private for tests. */
    static int blockBytes = ChunkedInput.CHUNK;

    /** The number of parsing threads; 0 for one per available processor. Package-private for tests. */
    static int parallelThreads = 0;

    private long readArffRows(
            ChunkedInput in,
            int start,
            int firstLine,
            Path file,
            String shown,
            Instances header,
            Schema schema,
            int[] sourceIndex,
            Rows rows)
            throws IOException {
        ArffLines parser = new ArffLines(file, shown, header, schema, sourceIndex);
        Progress progress = new Progress(shown);
        int threads =
                parallelThreads > 0 ? parallelThreads : Runtime.getRuntime().availableProcessors();
        if (parser.parallelSafe && threads > 1 && in.sizeAtOpen >= parallelMinBytes) {
            return readArffRowsInParallel(in, start, firstLine, parser, rows, progress, threads);
        }
        Cursor cursor = new Cursor(start, firstLine, 0);
        ArffLines.Scratch scratch = parser.scratch();
        while (true) {
            // one whole line in the buffer
            byte[] b = in.buf;
            int p = cursor.p;
            int eol = p;
            while (eol < in.limit && b[eol] != '\n' && b[eol] != '\r') {
                eol++;
            }
            if ((eol >= in.limit || (b[eol] == '\r' && eol + 1 >= in.limit)) && !in.eof) {
                in.refill(p);
                cursor.p = 0;
                continue;
            }
            if (p >= in.limit) {
                break;
            }
            parser.parseLine(b, eol, in.limit, cursor, rows, progress, scratch);
        }
        return cursor.row;
    }

    /** Where parsing stands: the start of the next line, its line number, and the rows so far. */
    private static final class Cursor {
        int p;
        int line;
        long row;

        Cursor(int p, int line, long row) {
            this.p = p;
            this.line = line;
            this.row = row;
        }
    }

    /**
     * The file read and cut into blocks of whole lines on this thread (so the fingerprint covers the bytes in order),
     * the blocks parsed by worker threads, and their rows handed on in file order on this thread. A block whose
     * parsing fails is parsed again here from its failing line, so that errors are those of the sequential reader,
     * naming the same line and row, and the first in the file wins.
     */
    private long readArffRowsInParallel(
            ChunkedInput in, int start, int firstLine, ArffLines parser, Rows rows, Progress progress, int threads)
            throws IOException {
        java.util.concurrent.ExecutorService pool = newPool(threads);
        java.util.ArrayDeque<java.util.concurrent.Future<Block>> pending = new java.util.ArrayDeque<>();
        java.util.ArrayDeque<byte[]> spare = new java.util.ArrayDeque<>();
        int maxPending = threads * 3;
        Cursor cursor = new Cursor(0, firstLine, 0);
        int p = start;
        try {
            while (true) {
                byte[] b = in.buf;
                while (p < in.limit) {
                    int cut = nextCut(in, p);
                    if (cut < 0) {
                        break; // more bytes first
                    }
                    // a block's bytes go to a buffer used before (the garbage of a fresh copy per block would
                    // trigger collections that copy the rows read so far, again and again)
                    int length = cut - p;
                    byte[] data = spare.poll();
                    if (data == null || data.length < length) {
                        data = new byte[Math.max(length, blockBytes + (blockBytes >> 4))];
                    }
                    System.arraycopy(b, p, data, 0, length);
                    p = cut;
                    byte[] bytes = data;
                    pending.add(pool.submit(() -> parseBlock(parser, bytes, length)));
                    while (!pending.isEmpty()
                            && (pending.size() >= maxPending || pending.peek().isDone())) {
                        Block block = await(pending.poll());
                        deliver(block, parser, rows, progress, cursor);
                        spare.add(block.data);
                    }
                }
                if (in.eof) {
                    break;
                }
                in.refill(p);
                p = 0;
            }
            while (!pending.isEmpty()) {
                deliver(await(pending.poll()), parser, rows, progress, cursor);
            }
            return cursor.row;
        } finally {
            for (java.util.concurrent.Future<Block> future : pending) {
                future.cancel(true);
            }
            pool.shutdownNow();
        }
    }

    private static java.util.concurrent.ExecutorService newPool(int threads) {
        return java.util.concurrent.Executors.newFixedThreadPool(threads, task -> {
            Thread thread = new Thread(task, "ml-read");
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Where the block of whole lines from {@code p} ends: after the last newline within about {@link #blockBytes}
     * (or the first after, for longer lines), or at the end of the file; -1 when more bytes must be read first.
     */
    private static int nextCut(ChunkedInput in, int p) {
        byte[] b = in.buf;
        int target = p + blockBytes;
        if (target > in.limit) {
            return in.eof ? in.limit : -1;
        }
        for (int i = target - 1; i >= p; i--) {
            if (b[i] == '\n') {
                return i + 1;
            }
        }
        for (int i = target; i < in.limit; i++) {
            if (b[i] == '\n') {
                return i + 1;
            }
        }
        return in.eof ? in.limit : -1;
    }

    /** One block of whole lines and what a worker made of it. */
    private static final class Block {
        final byte[] data;
        /** The block's bytes are data[0, length). */
        final int length;
        /** Where in the file {@link #data} starts. */
        long fileOffset;

        double[][] values = new double[256][];
        double[] weights;
        /** Per row, its line in the block (from 0). */
        int[] lines = new int[256];

        int count;
        /** Where parsing stopped: all of the block, or the start of the line that failed. */
        Cursor end;

        boolean failed;

        Block(byte[] data, int length) {
            this.data = data;
            this.length = length;
        }

        /** Rows parsed into this block (no string attributes: those files are never parsed in blocks). */
        Rows collector() {
            return new Rows() {
                @Override
                public void add(double[] values, double weight, Path file, int line) {
                    Block.this.add(values, weight, line);
                }

                @Override
                public Attribute stringAttribute(int index) {
                    return null;
                }
            };
        }

        void add(double[] row, double weight, int line) {
            if (count == values.length) {
                values = java.util.Arrays.copyOf(values, count * 2);
                lines = java.util.Arrays.copyOf(lines, count * 2);
                if (weights != null) {
                    weights = java.util.Arrays.copyOf(weights, count * 2);
                }
            }
            if (weight != 1.0 && weights == null) {
                weights = new double[values.length];
                java.util.Arrays.fill(weights, 0, count, 1.0);
            }
            values[count] = row;
            lines[count] = line;
            if (weights != null) {
                weights[count] = weight;
            }
            count++;
        }
    }

    private static Block parseBlock(ArffLines parser, byte[] data, int length) {
        Block block = new Block(data, length);
        Rows collect = block.collector();
        block.end = new Cursor(0, 0, 0);
        try {
            parser.parseLines(data, length, block.end, collect, null);
        } catch (RuntimeException e) {
            // parsed again on the reading thread, which throws the error with its true line and row
            block.failed = true;
        }
        return block;
    }

    private static Block await(java.util.concurrent.Future<Block> future) throws IOException {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while reading");
        } catch (java.util.concurrent.ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof Error error) {
                throw error;
            }
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(cause);
        }
    }

    /** Hands a block's rows on in order; {@code cursor} holds the line the block starts on and the rows before it. */
    private void deliver(Block block, ArffLines parser, Rows rows, Progress progress, Cursor cursor) {
        int firstLine = cursor.line;
        for (int i = 0; i < block.count; i++) {
            cursor.row++;
            rows.add(
                    block.values[i],
                    block.weights == null ? 1.0 : block.weights[i],
                    parser.file,
                    firstLine + block.lines[i]);
            block.values[i] = null;
            progress.row(cursor.row);
        }
        if (block.failed) {
            Cursor again = new Cursor(block.end.p, firstLine + block.end.line, cursor.row);
            parser.parseLines(block.data, block.length, again, rows, progress);
            cursor.row = again.row;
            cursor.line = again.line;
        } else {
            cursor.line = firstLine + block.end.line;
        }
    }

    /** Dense ARFF data lines, parsed to rows of the schema; thread-safe when {@link #parallelSafe}. */
    private final class ArffLines {
        final Path file;
        final String shown;
        final Instances header;
        final Schema schema;
        final int n;
        final int numAttributes;
        // per source attribute: its schema index, type, and for nominal ones label bytes -> schema index
        final int[] schemaIndex;
        final char[] type;
        final FastBytes.Dictionary[] labels;
        final int[][] labelToSchema;
        final Instances wekaStructure;
        /** No string attributes: nothing is added to shared tables while parsing. */
        final boolean parallelSafe;

        ArffLines(Path file, String shown, Instances header, Schema schema, int[] sourceIndex) {
            this.file = file;
            this.shown = shown;
            this.header = header;
            this.schema = schema;
            n = header.numAttributes();
            numAttributes = schema.attributes().size();
            schemaIndex = new int[n];
            type = new char[n];
            labels = new FastBytes.Dictionary[n];
            labelToSchema = new int[n][];
            boolean strings = false;
            for (int a = 0; a < numAttributes; a++) {
                int s = sourceIndex[a];
                schemaIndex[s] = a;
                Attribute attribute = header.attribute(s);
                AttributeSpec spec = schema.attributes().get(a);
                type[s] = attribute.isNominal() ? 'n' : attribute.isString() ? 's' : 'd';
                strings |= attribute.isString();
                if (attribute.isNominal()) {
                    Map<String, Integer> index = new HashMap<>();
                    for (int v = 0; v < spec.values().size(); v++) {
                        index.put(spec.values().get(v), v);
                    }
                    labels[s] = new FastBytes.Dictionary();
                    labelToSchema[s] = new int[attribute.numValues()];
                    for (int v = 0; v < attribute.numValues(); v++) {
                        byte[] bytes = attribute.value(v).getBytes(java.nio.charset.StandardCharsets.UTF_8);
                        if (labels[s].find(bytes, 0, bytes.length) < 0) {
                            labels[s].add(bytes, 0, bytes.length);
                        }
                        Integer i = index.get(attribute.value(v));
                        labelToSchema[s][v] = i == null ? -1 : i;
                    }
                }
            }
            for (int s = 0; s < n; s++) {
                strings |= header.attribute(s).isString() || type[s] == 0;
            }
            wekaStructure = new Instances(header, 0);
            parallelSafe = !strings;
        }

        final class Scratch {
            final int[] tokenStart = new int[n];
            final int[] tokenEnd = new int[n];
            /** Where {@link FastBytes#parseDecimalPrefix} stopped. */
            final int[] end = new int[1];
        }

        Scratch scratch() {
            return new Scratch();
        }

        /** Parses every line of {@code b} from {@code cursor.p} to {@code limit}, which is the end of the data. */
        void parseLines(byte[] b, int limit, Cursor cursor, Rows rows, Progress progress) {
            Scratch scratch = new Scratch();
            while (cursor.p < limit) {
                int eol = cursor.p;
                while (eol < limit && b[eol] != '\n' && b[eol] != '\r') {
                    eol++;
                }
                parseLine(b, eol, limit, cursor, rows, progress, scratch);
            }
        }

        /**
         * Parses the line from {@code cursor.p} to {@code eol}, where a line end (or the end of the data) is; bytes
         * up to {@code limit} are valid. Moves the cursor to the next line; rows go to {@code rows}.
         */
        void parseLine(byte[] b, int eol, int limit, Cursor cursor, Rows rows, Progress progress, Scratch scratch) {
            int p = cursor.p;
            int line = cursor.line;
            int next = eol;
            if (next < limit) {
                next += b[next] == '\r' && next + 1 < limit && b[next + 1] == '\n' ? 2 : 1;
            }
            double[] simple = simpleLine(b, p, eol, scratch);
            if (simple != null) {
                emit(simple, 1.0, line, next, cursor, rows, progress);
                return;
            }
            int[] tokenStart = scratch.tokenStart;
            int[] tokenEnd = scratch.tokenEnd;
            // tokens
            int tokens = 0;
            boolean unusual = false;
            boolean high = false;
            int q = p;
            while (q < eol) {
                byte c = b[q];
                if (arffSeparator(c)) {
                    q++;
                    continue;
                }
                if (c == '%') {
                    break;
                }
                if (c == '\'' || c == '"' || c == '{' || c == '}' || tokens == n) {
                    unusual = true;
                    break;
                }
                int t = q;
                while (q < eol) {
                    c = b[q];
                    if (c < 0) {
                        high = true;
                    } else if (c <= ' ' || c == ',' || c == '%' || c == '\'' || c == '"' || c == '{' || c == '}') {
                        break;
                    }
                    q++;
                }
                tokenStart[tokens] = t;
                tokenEnd[tokens] = q;
                tokens++;
            }
            if (high) {
                int bad = FastBytes.firstInvalidUtf8(b, p, eol - p);
                if (bad >= 0) {
                    throw FastBytes.invalidUtf8(shown, b, p, line, bad);
                }
            }
            if (tokens == 0 && !unusual) {
                cursor.p = next;
                cursor.line++;
                return;
            }
            double[] values = new double[numAttributes];
            double weight = 1.0;
            boolean done = !unusual && tokens == n;
            for (int s = 0; done && s < n; s++) {
                int t = tokenStart[s];
                int len = tokenEnd[s] - t;
                int a = schemaIndex[s];
                if (len == 1 && b[t] == '?') {
                    values[a] = Utils.missingValue();
                    continue;
                }
                switch (type[s]) {
                    case 'd' -> {
                        long bits = FastBytes.parseDecimal(b, t, len);
                        if (bits != FastBytes.NOT_FAST) {
                            values[a] = Double.longBitsToDouble(bits);
                        } else {
                            try {
                                values[a] = Double.parseDouble(FastBytes.utf8(b, t, len));
                                // Weka's reading of the line says which value it is
                                done &= !Double.isInfinite(values[a]);
                            } catch (NumberFormatException e) {
                                done = false;
                            }
                        }
                    }
                    case 'n' -> {
                        int v = labels[s].find(b, t, len);
                        if (v < 0) {
                            done = false;
                        } else {
                            values[a] = labelToSchema[s][v];
                            if (labelToSchema[s][v] < 0) {
                                done = false;
                            }
                        }
                    }
                    default -> {
                        // kept in the file's own string table too: a sparse row's absent string is its first
                        String text = FastBytes.utf8(b, t, len);
                        wekaStructure.attribute(s).addStringValue(text);
                        Attribute target = rows == null ? null : rows.stringAttribute(a);
                        values[a] = target == null ? 0 : target.addStringValue(text);
                    }
                }
            }
            if (!done) {
                // the line end too, as Weka's tokenizer sees it in the whole file
                String text = FastBytes.utf8(b, p, next - p);
                Instance instance = wekaLine(wekaStructure, text, line, shown);
                if (instance == null) {
                    cursor.p = next;
                    cursor.line++;
                    return;
                }
                weight = instance.weight();
                for (int s = 0; s < n; s++) {
                    int a = schemaIndex[s];
                    if (instance.isMissing(s)) {
                        values[a] = Utils.missingValue();
                        continue;
                    }
                    values[a] = switch (type[s]) {
                        case 'd' -> {
                            if (Double.isInfinite(instance.value(s))) {
                                throw new Worded(
                                        shown + " line " + line + ", attribute '"
                                                + header.attribute(s).name() + "': "
                                                + DatasetReader.outOfRange(null),
                                        null);
                            }
                            yield instance.value(s);
                        }
                        case 'n' -> {
                            int v = labelToSchema[s][(int) instance.value(s)];
                            if (v < 0) {
                                AttributeSpec spec = schema.attributes().get(a);
                                throw new InvalidInputException(shown + " data row " + (cursor.row + 1)
                                        + ", attribute '"
                                        + spec.name() + "': value '"
                                        + ArffGuard.excerpt(header.attribute(s).value((int) instance.value(s)))
                                        + "' never appears in the training data; known values: "
                                        + DatasetReader.knownValues(spec.values())
                                        + ". Retrain with data that holds it, or correct the value");
                            }
                            yield v;
                        }
                        default -> {
                            Attribute target = rows == null ? null : rows.stringAttribute(a);
                            String value = wekaStructure.attribute(s).value((int) instance.value(s));
                            yield target == null ? 0 : target.addStringValue(value);
                        }
                    };
                }
            }
            emit(values, weight, line, next, cursor, rows, progress);
        }

        private void emit(
                double[] values, double weight, int line, int next, Cursor cursor, Rows rows, Progress progress) {
            cursor.row++;
            if (rows != null) {
                rows.add(values, weight, file, line);
            }
            if (progress != null) {
                progress.row(cursor.row);
            }
            cursor.p = next;
            cursor.line++;
        }

        /**
         * The row of a plain line, read in one pass: every field a plain decimal, a known label or {@code ?}, separated
         * as Weka separates them, and nothing after the last but separators or a comment. Null for any other line,
         * which the general path then reads; for a line read here, the general path gives the same row.
         */
        private double[] simpleLine(byte[] b, int p, int eol, Scratch scratch) {
            if (!parallelSafe) {
                return null;
            }
            double[] values = new double[numAttributes];
            int q = p;
            for (int s = 0; s < n; s++) {
                int c = 0;
                while (q < eol && ((c = b[q]) == ',' || (c >= 0 && c <= ' '))) {
                    q++;
                }
                if (q >= eol) {
                    return null; // fewer fields than attributes
                }
                int t = q;
                if (c == '?') {
                    q++;
                    values[schemaIndex[s]] = Utils.missingValue();
                } else if (type[s] == 'd') {
                    long bits = FastBytes.parseDecimalPrefix(b, t, eol, scratch.end);
                    if (bits == FastBytes.NOT_FAST) {
                        return null;
                    }
                    q = scratch.end[0];
                    values[schemaIndex[s]] = Double.longBitsToDouble(bits);
                } else {
                    while (q < eol
                            && (c = b[q]) > ' '
                            && c != ','
                            && c != '%'
                            && c != '\''
                            && c != '"'
                            && c != '{'
                            && c != '}') {
                        q++;
                    }
                    int v = q > t ? labels[s].find(b, t, q - t) : -1;
                    if (v < 0 || labelToSchema[s][v] < 0) {
                        return null;
                    }
                    values[schemaIndex[s]] = labelToSchema[s][v];
                }
                // the field must end where the general path's token ends: at a separator or the line's end
                if (q < eol && !((c = b[q]) == ',' || (c >= 0 && c <= ' '))) {
                    return null;
                }
            }
            while (q < eol && (b[q] == ',' || (b[q] >= 0 && b[q] <= ' '))) {
                q++;
            }
            return q == eol || b[q] == '%' ? values : null;
        }
    }

    /** One data line read by Weka itself; its errors name the same line as when Weka reads the whole file. */
    private static Instance wekaLine(Instances structure, String text, int line, String shown) {
        try {
            ArffLoader.ArffReader weka =
                    new ArffLoader.ArffReader(new ArffGuard(new StringReader(text), shown), structure, 0, 1, true);
            Instance instance = weka.readInstance(structure);
            if (instance != null && !restIsEmpty(weka, structure)) {
                // Weka reading the whole file takes what is left as the start of the next row, and then fails
                throw new Worded(
                        shown + " line " + line + ": not a valid ARFF file: the row has text after its "
                                + structure.numAttributes() + " values: more values than the header declares, or"
                                + " an instance weight not written {number}; remove the extra values or fix the"
                                + " header",
                        null);
            }
            if (instance != null && Double.isNaN(instance.weight())) {
                throw new Worded(
                        shown + " line " + line + ": not a valid ARFF file: the instance weight is not a number;"
                                + " write it {number} after the row's values",
                        null);
            }
            return instance;
        } catch (RuntimeException e) {
            if (e instanceof InvalidInputException) {
                throw e;
            }
            // Weka's NullPointerException for a weight's "{" with nothing after it, and the like
            String why = e instanceof NullPointerException
                    ? "an instance weight's { has no number after it"
                    : "Weka cannot read it: " + ArffGuard.excerpt(String.valueOf(e.getMessage()), 120);
            throw new Worded(
                    shown + " line " + line + ": not a valid ARFF file: " + why
                            + "; an instance weight is written {number} after the row's values",
                    e);
        } catch (IOException e) {
            String message;
            try {
                ArffLoader.ArffReader weka =
                        new ArffLoader.ArffReader(new PaddedReader(line - 1, text), structure, 0, 1, true);
                weka.readInstance(structure);
                message = e.getMessage();
            } catch (IOException exact) {
                message = exact.getMessage();
            } catch (RuntimeException other) {
                message = e.getMessage();
            }
            // Weka's message for the line, as Weka reading the whole file gives it: the reference reader's
            throw new Worded(ArffGuard.wekaSyntaxError(shown, message), e);
        }
    }

    /** Whether a line Weka read a row from holds nothing more: extra values would otherwise be dropped unseen. */
    private static boolean restIsEmpty(ArffLoader.ArffReader weka, Instances structure) {
        try {
            return weka.readInstance(structure) == null;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** {@code lines} empty lines and then a text, so that Weka's tokenizer counts lines as in the whole file. */
    private static final class PaddedReader extends Reader {
        private int newlines;
        private final StringReader rest;

        PaddedReader(int newlines, String text) {
            this.newlines = newlines;
            this.rest = new StringReader(text);
        }

        @Override
        public int read(char[] cbuf, int off, int len) throws IOException {
            if (newlines > 0) {
                int n = Math.min(len, newlines);
                for (int i = 0; i < n; i++) {
                    cbuf[off + i] = '\n';
                }
                newlines -= n;
                return n;
            }
            return rest.read(cbuf, off, len);
        }

        @Override
        public void close() {}
    }

    // ---------------------------------------------------------------- progress

    private final class Progress {
        private final String shown;
        private final long start = System.nanoTime();
        private long last = start;

        Progress(String shown) {
            this.shown = shown;
        }

        void row(long rows) {
            if ((rows & 0x3FFF) == 0) {
                long now = System.nanoTime();
                if (now - last >= PROGRESS_INTERVAL_NANOS) {
                    last = now;
                    log.info(String.format(
                            Locale.ROOT,
                            "  ... %s: %,d rows so far (%,.0f rows/s)",
                            shown,
                            rows,
                            rows / ((now - start) / 1e9)));
                }
            }
        }
    }

    // ---------------------------------------------------------------- CSV against a schema

    private DataFile readCsv(Path file, Schema schema, Rows rows) {
        String shown = owner.display(file);
        try (ChunkedInput in = new ChunkedInput(file, shown, listener, knownHashes)) {
            FastCsvTokenizer csv = new FastCsvTokenizer(in, shown);
            List<String> header = readHeader(csv, file);
            int[] columnOf = owner.mapColumns(file, header, schema);
            int numAttributes = schema.attributes().size();
            FastBytes.Dictionary[] nominal = new FastBytes.Dictionary[numAttributes];
            for (int a = 0; a < numAttributes; a++) {
                AttributeSpec spec = schema.attributes().get(a);
                if (spec.type() == AttributeType.NOMINAL) {
                    nominal[a] = new FastBytes.Dictionary();
                    for (String value : spec.values()) {
                        byte[] bytes = value.getBytes(java.nio.charset.StandardCharsets.UTF_8);
                        if (nominal[a].find(bytes, 0, bytes.length) < 0) {
                            nominal[a].add(bytes, 0, bytes.length);
                        }
                    }
                    if (nominal[a].size() != spec.values().size()) {
                        throw new Unsupported("repeated nominal values");
                    }
                }
            }
            Progress progress = new Progress(shown);
            CsvLines parser = new CsvLines(file, schema, columnOf, header.size(), nominal);
            int threads =
                    parallelThreads > 0 ? parallelThreads : Runtime.getRuntime().availableProcessors();
            long count;
            if (parser.parallelSafe && threads > 1 && in.sizeAtOpen >= parallelMinBytes) {
                count = readCsvRowsInParallel(in, csv, shown, parser, rows, progress, threads);
            } else {
                count = 0;
                while (parser.row(csv, rows)) {
                    count++;
                    progress.row(count);
                }
            }
            in.finish();
            return new DataFile(shown, file.toAbsolutePath().normalize(), in.sha256(), count, in.bytesRead());
        } catch (RowFailure failure) {
            throw worded(failure, file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** CSV records read against a schema; thread-safe when {@link #parallelSafe}. */
    private final class CsvLines {
        final Path file;
        final Schema schema;
        final int[] columnOf;
        final int width;
        final FastBytes.Dictionary[] nominal;
        /** Per attribute: whether NA and the like are missing values, not unknown labels. */
        final boolean[] markersMissing;

        final int numAttributes;
        /** No string attributes: nothing is added to shared tables while parsing. */
        final boolean parallelSafe;

        CsvLines(Path file, Schema schema, int[] columnOf, int width, FastBytes.Dictionary[] nominal) {
            this.file = file;
            this.schema = schema;
            this.columnOf = columnOf;
            this.width = width;
            this.nominal = nominal;
            this.numAttributes = schema.attributes().size();
            this.markersMissing = new boolean[numAttributes];
            for (int a = 0; a < numAttributes; a++) {
                markersMissing[a] =
                        DatasetReader.markersAreMissing(schema.attributes().get(a));
            }
            this.parallelSafe = schema.attributes().stream().noneMatch(a -> a.type() == AttributeType.STRING);
        }

        /** Reads the next record into {@code rows}; false at the end of the data. */
        boolean row(FastCsvTokenizer csv, Rows rows) throws IOException {
            if (!next(csv)) {
                return false;
            }
            int line = csv.recordStartLine;
            checkFieldCount(csv, file, width);
            double[] values = new double[numAttributes];
            for (int a = 0; a < numAttributes; a++) {
                int f = columnOf[a];
                byte[] b = csv.fieldBuf[f];
                int off = csv.fieldOff[f];
                int len = csv.fieldLen[f];
                if (len == 0 || (len == 1 && b[off] == '?')) {
                    values[a] = Utils.missingValue();
                    continue;
                }
                AttributeSpec spec = schema.attributes().get(a);
                switch (spec.type()) {
                    case NUMERIC -> {
                        if (isMissingMarker(b, off, len)) {
                            values[a] = Utils.missingValue();
                            continue;
                        }
                        long bits = numberBits(b, off, len);
                        if (bits == NO_NUMBER) {
                            throw failure(
                                    csv,
                                    owner.location(file, line, spec.name(), f) + ": '"
                                            + ArffGuard.excerpt(csv.fieldString(f))
                                            + "' is not a number, but '" + spec.name()
                                            + "' is numeric; fix the value, or write ? or leave it empty for a"
                                            + " missing value");
                        }
                        if (Double.isInfinite(Double.longBitsToDouble(bits))) {
                            throw failure(
                                    csv,
                                    owner.location(file, line, spec.name(), f) + ": "
                                            + DatasetReader.outOfRange(csv.fieldString(f)));
                        }
                        values[a] = Double.longBitsToDouble(bits);
                    }
                    case NOMINAL -> {
                        int index = nominal[a].find(b, off, len);
                        if (index < 0 && markersMissing[a] && isMissingMarker(b, off, len)) {
                            values[a] = Utils.missingValue();
                        } else if (index < 0) {
                            throw failure(
                                    csv,
                                    owner.location(file, line, spec.name(), f) + ": value '"
                                            + ArffGuard.excerpt(csv.fieldString(f))
                                            + "' never appears in the training data; known values: "
                                            + DatasetReader.knownValues(spec.values())
                                            + ". Retrain with data that holds it, or correct the value");
                        } else {
                            values[a] = index;
                        }
                    }
                    case STRING -> {
                        Attribute target = rows.stringAttribute(a);
                        values[a] = target == null ? 0 : target.addStringValue(csv.fieldString(f));
                    }
                }
            }
            rows.add(values, 1.0, file, line);
            return true;
        }
    }

    /**
     * As {@link #readArffRowsInParallel}, for CSV records: blocks of whole lines are parsed by workers until a block
     * holds a quote character (a quoted field may span lines); from there on, records are read on this thread.
     */
    private long readCsvRowsInParallel(
            ChunkedInput in,
            FastCsvTokenizer header,
            String shown,
            CsvLines parser,
            Rows rows,
            Progress progress,
            int threads)
            throws IOException {
        java.util.concurrent.ExecutorService pool = newPool(threads);
        java.util.ArrayDeque<java.util.concurrent.Future<Block>> pending = new java.util.ArrayDeque<>();
        java.util.ArrayDeque<byte[]> spare = new java.util.ArrayDeque<>();
        int maxPending = threads * 3;
        Cursor cursor = new Cursor(0, header.line(), 0);
        int p = header.pos();
        boolean quoted = false;
        try {
            while (!quoted) {
                byte[] b = in.buf;
                while (p < in.limit) {
                    int cut = nextCut(in, p);
                    if (cut < 0) {
                        break;
                    }
                    for (int i = p; i < cut; i++) {
                        if (b[i] == '"') {
                            quoted = true;
                            break;
                        }
                    }
                    if (quoted) {
                        break;
                    }
                    int length = cut - p;
                    byte[] data = spare.poll(); // as for ARFF blocks: a buffer used before
                    if (data == null || data.length < length) {
                        data = new byte[Math.max(length, blockBytes + (blockBytes >> 4))];
                    }
                    System.arraycopy(b, p, data, 0, length);
                    long fileOffset = in.offsetOf(p);
                    p = cut;
                    byte[] bytes = data;
                    pending.add(pool.submit(() -> parseCsvBlock(parser, shown, bytes, length, fileOffset)));
                    while (!pending.isEmpty()
                            && (pending.size() >= maxPending || pending.peek().isDone())) {
                        Block block = await(pending.poll());
                        deliverCsv(block, parser, shown, rows, progress, cursor);
                        spare.add(block.data);
                    }
                }
                if (quoted || in.eof) {
                    break;
                }
                in.refill(p);
                p = 0;
            }
            while (!pending.isEmpty()) {
                deliverCsv(await(pending.poll()), parser, shown, rows, progress, cursor);
            }
        } finally {
            for (java.util.concurrent.Future<Block> future : pending) {
                future.cancel(true);
            }
            pool.shutdownNow();
        }
        if (quoted || p < in.limit) {
            FastCsvTokenizer csv = new FastCsvTokenizer(in, shown, p, cursor.line);
            while (parser.row(csv, rows)) {
                cursor.row++;
                progress.row(cursor.row);
            }
        }
        return cursor.row;
    }

    private static Block parseCsvBlock(CsvLines parser, String shown, byte[] data, int length, long fileOffset)
            throws IOException {
        Block block = new Block(data, length);
        block.fileOffset = fileOffset;
        Rows collect = block.collector();
        FastCsvTokenizer csv = new FastCsvTokenizer(new ChunkedInput(data, length, block.fileOffset), shown, 0, 1);
        block.end = new Cursor(0, 1, 0);
        while (true) {
            int p = csv.pos();
            int line = csv.line();
            try {
                if (!parser.row(csv, collect)) {
                    break;
                }
            } catch (RuntimeException e) {
                // read again on the reading thread, which throws the error with its true line
                block.failed = true;
                block.end = new Cursor(p, line, 0);
                return block;
            }
        }
        block.end = new Cursor(length, csv.line(), 0);
        return block;
    }

    /** Hands a block's records on in order; {@code cursor} holds the line the block starts on and the rows before. */
    private void deliverCsv(Block block, CsvLines parser, String shown, Rows rows, Progress progress, Cursor cursor)
            throws IOException {
        int base = cursor.line - 1;
        for (int i = 0; i < block.count; i++) {
            cursor.row++;
            rows.add(block.values[i], 1.0, parser.file, base + block.lines[i]);
            block.values[i] = null;
            progress.row(cursor.row);
        }
        if (block.failed) {
            FastCsvTokenizer csv = new FastCsvTokenizer(
                    new ChunkedInput(block.data, block.length, block.fileOffset),
                    shown,
                    block.end.p,
                    base + block.end.line);
            while (parser.row(csv, rows)) {
                cursor.row++;
                progress.row(cursor.row);
            }
            cursor.line = csv.line();
        } else {
            cursor.line = base + block.end.line;
        }
    }

    /** Returned by {@link #numberBits} for text that is no number; never the bits of a parsed number. */
    private static final long NO_NUMBER = FastBytes.NOT_FAST;

    /**
     * The raw bits of the number a CSV field holds, as {@link DatasetReader#tryParseNumber} reads it, or
     * {@link #NO_NUMBER} when it is no number.
     */
    private static long numberBits(byte[] b, int off, int len) {
        int first = b[off];
        int last = b[off + len - 1];
        boolean plausible = ((first >= '0' && first <= '9') || first == '-' || first == '+' || first == '.')
                && ((last >= '0' && last <= '9') || last == '.');
        if (!plausible) {
            return NO_NUMBER;
        }
        long bits = FastBytes.parseDecimal(b, off, len);
        if (bits != FastBytes.NOT_FAST) {
            return bits;
        }
        try {
            return Double.doubleToRawLongBits(Double.parseDouble(FastBytes.utf8(b, off, len)));
        } catch (NumberFormatException e) {
            return NO_NUMBER;
        }
    }

    private static final byte[][] MARKERS = DatasetReader.NUMERIC_MISSING_MARKERS.stream()
            .map(s -> s.getBytes(java.nio.charset.StandardCharsets.US_ASCII))
            .toArray(byte[][]::new);

    static boolean isMissingMarker(byte[] b, int off, int len) {
        if (len < 2 || len > 4) {
            return false;
        }
        for (byte[] marker : MARKERS) {
            if (marker.length == len && java.util.Arrays.equals(marker, 0, len, b, off, off + len)) {
                return true;
            }
        }
        return false;
    }

    private void checkFieldCount(FastCsvTokenizer csv, Path file, int columns) {
        if (csv.fieldCount != columns) {
            throw failure(
                    csv,
                    owner.display(file) + " line " + csv.recordStartLine + ": " + csv.fieldCount
                            + " fields, but the header row has " + columns
                            + " columns; quote values that contain commas, or fix the row");
        }
    }

    /** The next record; a syntax error in it as a {@link RowFailure}. */
    private static boolean next(FastCsvTokenizer csv) throws IOException {
        try {
            return csv.next();
        } catch (CsvSyntaxException e) {
            throw new RowFailure(e, csv.errorFrom, csv.errorTo);
        }
    }

    /** An error in the record {@code csv} has just read. */
    private static RowFailure failure(FastCsvTokenizer csv, String message) {
        return new RowFailure(new InvalidInputException(message), csv.recordStartOffset(), csv.endOffset());
    }

    /**
     * How far past where it stops the reference CSV reader may have decoded the file: it reads 64K chars at a time
     * (at most 3 bytes each), and its decoder buffers 8K bytes; rounded up.
     */
    static final int REFERENCE_DECODES_AHEAD = 256 << 10;

    /**
     * A CSV row's error, {@link Worded} when the reference reader meets it too. Everything before the row is valid
     * UTF-8 (or the fast path would have given up), but the reference reader decodes strictly and ahead of the row
     * it parses, so invalid UTF-8 shortly after the row would be its error instead: then the error is left to it.
     */
    private static RuntimeException worded(RowFailure failure, Path file) {
        try (java.nio.channels.FileChannel channel = java.nio.channels.FileChannel.open(file)) {
            long size = channel.size();
            long end = Math.min(size, failure.to + REFERENCE_DECODES_AHEAD);
            // in pieces: an unclosed quote makes the window the rest of the file
            byte[] buf = new byte[(int) Math.min(ChunkedInput.CHUNK, Math.max(end - failure.from, 0)) + 4];
            int kept = 0;
            long pos = failure.from;
            while (pos < end) {
                java.nio.ByteBuffer target =
                        java.nio.ByteBuffer.wrap(buf, kept, (int) Math.min(buf.length - kept, end - pos));
                int n = channel.read(target, pos);
                if (n < 0) {
                    break;
                }
                pos += n;
                int valid = kept + n;
                int whole = pos < size ? withoutCutSequence(buf, valid) : valid;
                if (!FastBytes.isValidUtf8(buf, 0, whole)) {
                    return failure.error;
                }
                kept = valid - whole;
                System.arraycopy(buf, whole, buf, 0, kept);
            }
            return new Worded(failure.error);
        } catch (IOException e) {
            // the reference reader reads the file and words the error
            return failure.error;
        }
    }

    /** {@code n}, less a UTF-8 sequence that the end of {@code b[0, n)} cuts off. */
    private static int withoutCutSequence(byte[] b, int n) {
        for (int i = n - 1; i >= Math.max(0, n - 3); i--) {
            int c = b[i] & 0xFF;
            if (c < 0x80) {
                return n;
            }
            if (c >= 0xC0) {
                int length = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
                return i + length > n ? i : n;
            }
        }
        return n;
    }

    private List<String> readHeader(FastCsvTokenizer csv, Path file) throws IOException {
        if (!csv.next()) {
            throw new InvalidInputException(
                    owner.display(file) + " is empty; a CSV file needs a header row and data rows");
        }
        List<String> header = new ArrayList<>();
        for (int i = 0; i < csv.fieldCount; i++) {
            header.add(csv.fieldString(i));
        }
        owner.checkHeader(header, file, csv.recordStartLine);
        return header;
    }

    // ---------------------------------------------------------------- CSV training: typed in the reading pass

    /** What one pass learns about a CSV column, and (when rows are kept) the value ids of each row. */
    private static final class Column {
        final String name;
        long nonMissing;
        long numeric;
        boolean allIntegers = true;
        final java.util.Set<Double> numericValues = new java.util.HashSet<>();
        final FastBytes.Dictionary distinct = new FastBytes.Dictionary();
        boolean tooManyDistinct;
        long sampledDistinct;
        long missingMarkers;
        long spacedDistinct;
        String firstNonNumeric;
        String firstNonNumericFile;
        int firstNonNumericLine;
        String firstOutOfRange;
        String firstOutOfRangeFile;
        int firstOutOfRangeLine;
        /** Per kept row, the id of its value in {@link #distinct}, -1 when missing; null once there are too many. */
        int[] ids;

        int rows;

        Column(String name, boolean keepIds) {
            this.name = name;
            this.ids = keepIds ? new int[1024] : null;
        }

        /** Adds one value; returns the number it holds, or NaN (missing, marker or text). */
        double add(FastCsvTokenizer csv, int f, String file, int line) {
            byte[] b = csv.fieldBuf[f];
            int off = csv.fieldOff[f];
            int len = csv.fieldLen[f];
            int id = -1;
            double result = Utils.missingValue();
            if (!(len == 0 || (len == 1 && b[off] == '?'))) {
                nonMissing++;
                if (!tooManyDistinct) {
                    id = distinct.find(b, off, len);
                    if (id < 0) {
                        id = distinct.add(b, off, len);
                        if (FastBytes.hasInnerWhitespace(b, off, len)) {
                            spacedDistinct++;
                        }
                        if (distinct.size() > DatasetReader.MAX_NOMINAL_VALUES) {
                            tooManyDistinct = true;
                            sampledDistinct = distinct.size();
                            distinct.clear();
                            ids = null;
                            id = -1;
                        }
                    }
                }
                if (isMissingMarker(b, off, len)) {
                    missingMarkers++;
                } else {
                    long bits = numberBits(b, off, len);
                    if (bits != NO_NUMBER) {
                        double value = Double.longBitsToDouble(bits);
                        numeric++;
                        if (Double.isInfinite(value) && firstOutOfRange == null) {
                            firstOutOfRange = FastBytes.utf8(b, off, len);
                            firstOutOfRangeFile = file;
                            firstOutOfRangeLine = line;
                        }
                        if (value != Math.rint(value)) {
                            allIntegers = false;
                        }
                        if (numericValues.size() <= DatasetReader.MAX_INTEGER_CLASS_VALUES) {
                            numericValues.add(value);
                        }
                        result = value;
                    } else if (firstNonNumeric == null) {
                        firstNonNumeric = FastBytes.utf8(b, off, len);
                        firstNonNumericFile = file;
                        firstNonNumericLine = line;
                    }
                }
            }
            if (ids != null) {
                if (rows == ids.length) {
                    ids = java.util.Arrays.copyOf(ids, rows * 2);
                }
                ids[rows] = id;
            }
            rows++;
            return result;
        }

        DatasetReader.ColumnStats stats() {
            DatasetReader.ColumnStats stats = new DatasetReader.ColumnStats(name);
            stats.nonMissing = nonMissing;
            stats.numeric = numeric;
            stats.allIntegers = allIntegers;
            stats.numericValues.addAll(numericValues);
            // as text only if the column turns out nominal or string: most columns of a wide file are numbers
            stats.distinctCount = distinct.size();
            stats.distinctValues = distinct::texts;
            stats.tooManyDistinct = tooManyDistinct;
            stats.sampledDistinct = sampledDistinct;
            stats.missingMarkers = missingMarkers;
            stats.spacedDistinct = spacedDistinct;
            stats.firstNonNumeric = firstNonNumeric;
            stats.firstNonNumericFile = firstNonNumericFile;
            stats.firstNonNumericLine = firstNonNumericLine;
            stats.firstOutOfRange = firstOutOfRange;
            stats.firstOutOfRangeFile = firstOutOfRangeFile;
            stats.firstOutOfRangeLine = firstOutOfRangeLine;
            return stats;
        }
    }

    private Dataset readCsvTraining(List<Path> files, ReadOptions options, String parameter) {
        CsvPass pass = scanCsv(files, true);
        Schema schema;
        try {
            schema = owner.decideCsvSchema(
                    pass.header,
                    pass.headerFile,
                    files,
                    options,
                    pass.columns.stream().map(Column::stats).toList());
        } catch (InvalidInputException e) {
            // decided from the statistics the reference reader's typing pass gathers, which are the same
            pass.release();
            throw new Worded(e);
        } catch (RuntimeException e) {
            pass.release();
            throw e;
        }
        Instances instances = schema.emptyInstances(DatasetReader.relationName(files), Math.max(pass.rows.size(), 1));
        for (int c = 0; c < pass.columns.size(); c++) {
            Column column = pass.columns.get(c);
            AttributeSpec spec = schema.attributes().get(c);
            if (spec.type() == AttributeType.NUMERIC) {
                continue;
            }
            if (column.ids == null) {
                // a string column with too many distinct values to have kept them: the reference reader takes over
                throw new Unsupported("column values not kept");
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
        Batch batch = new Batch(instances);
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
        CsvPass pass = scanCsv(files, false);
        return owner.decideCsvSchema(
                pass.header,
                pass.headerFile,
                files,
                options,
                pass.columns.stream().map(Column::stats).toList());
    }

    private static final class CsvPass {
        List<String> header;
        Path headerFile;
        List<Column> columns;
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

    private CsvPass scanCsv(List<Path> files, boolean keepRows) {
        CsvPass pass = new CsvPass();
        for (Path file : files) {
            long start = System.nanoTime();
            owner.checkNotEmpty(file);
            String shown = owner.display(file);
            try (ChunkedInput in = new ChunkedInput(file, shown, listener, knownHashes)) {
                FastCsvTokenizer csv = new FastCsvTokenizer(in, shown);
                List<String> fileHeader = readHeader(csv, file);
                if (pass.header == null) {
                    pass.header = fileHeader;
                    pass.headerFile = file;
                    pass.columns = new ArrayList<>();
                    for (String name : fileHeader) {
                        pass.columns.add(new Column(name, keepRows));
                    }
                } else if (!pass.header.equals(fileHeader)) {
                    throw new InvalidInputException(shown + " line 1: its columns differ from "
                            + owner.display(pass.headerFile) + ": "
                            + DatasetReader.describeDifference(pass.header, fileHeader)
                            + "; all training files must have the same columns in the same order");
                }
                int width = pass.header.size();
                Column[] columns = pass.columns.toArray(new Column[0]);
                Progress progress = new Progress(shown);
                long count = 0;
                while (next(csv)) {
                    int line = csv.recordStartLine;
                    checkFieldCount(csv, file, width);
                    double[] values = keepRows ? new double[width] : null;
                    for (int i = 0; i < width; i++) {
                        double value = columns[i].add(csv, i, shown, line);
                        if (values != null) {
                            values[i] = value;
                        }
                    }
                    if (values != null) {
                        pass.rows.add(values);
                    }
                    count++;
                    progress.row(count);
                }
                in.finish();
                DataFile dataFile =
                        new DataFile(shown, file.toAbsolutePath().normalize(), in.sha256(), count, in.bytesRead());
                pass.files.add(dataFile);
                if (keepRows) {
                    logRead(dataFile, start);
                }
            } catch (RowFailure failure) {
                pass.release();
                throw worded(failure, file);
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
}
