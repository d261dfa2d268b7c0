package io.github.mlmaven.data;

import static io.github.mlmaven.data.ParallelBlocks.await;
import static io.github.mlmaven.data.ParallelBlocks.newPool;
import static io.github.mlmaven.data.ParallelBlocks.nextCut;

import io.github.mlmaven.common.InvalidInputException;
import io.github.mlmaven.data.FastDatasetReader.Rows;
import io.github.mlmaven.data.ParallelBlocks.Block;
import io.github.mlmaven.data.ParallelBlocks.Cursor;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Set;
import weka.core.Attribute;
import weka.core.Instances;
import weka.core.converters.ArffLoader;

/**
 * Reads one ARFF file in one pass: the header up to the {@code @data} line is parsed by Weka (guarded by
 * {@link ArffGuard}); data lines by {@link ArffLines}, in parallel blocks for large files without string attributes.
 */
final class ArffFileReader {
    private final FastDatasetReader ctx;

    ArffFileReader(FastDatasetReader ctx) {
        this.ctx = ctx;
    }

    interface SchemaFromHeader {
        Schema decide(Instances header);
    }

    private static final byte[] DATA = "@data".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    static boolean arffSeparator(int c) {
        return c >= 0 && c <= ' ' && c != '\n' && c != '\r' || c == ',';
    }

    /**
     * Reads one ARFF file. With a null schema, {@code fromHeader} decides it from the file's header; with
     * {@code headerOnly} nothing after the header is read (and no fingerprint is returned). Attributes the schema
     * lacks are skipped when {@code exclude} names them.
     */
    DataFile read(
            Path file,
            Schema knownSchema,
            SchemaFromHeader fromHeader,
            java.util.function.Supplier<Rows> target,
            boolean headerOnly,
            Set<String> exclude) {
        String shown = ctx.owner.display(file);
        try (ChunkedInput in = ctx.open(file, shown)) {
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
                    throw new InvalidInputException(ArffGuard.noDataLine(shown, Math.max(1, line - 1)), null);
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
                        // Weka reads what follows the keyword on its line as the first row
                        dataStart = r;
                    } else {
                        dataStart = next;
                        line++;
                    }
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
            checkArffTypes(file, header);
            Schema schema = knownSchema != null ? knownSchema : fromHeader.decide(new Instances(header, 0));
            if (headerOnly) {
                return null;
            }
            int[] sourceIndex = arffSourceIndex(file, header, schema, exclude);
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
            throw new InvalidInputException(duplicate, null);
        }
        ArffGuard guard = new ArffGuard(new StringReader(headerText), shown);
        try {
            ArffLoader.ArffReader weka = new ArffLoader.ArffReader(guard, 1, false);
            Instances header = weka.getStructure();
            if (weka.readInstance(header) != null) {
                // Weka took an earlier line for the keyword: an @data in quotes, say
                throw new InvalidInputException(shown + ": not a valid ARFF file: Weka reads data rows before the"
                        + " @data line; write @data unquoted at the start of its own line, after the @attribute"
                        + " lines");
            }
            return header;
        } catch (ArffGuard.UnexpectedEnd e) {
            throw new InvalidInputException(e.getMessage(), null);
        } catch (IOException e) {
            // Weka's own syntax errors name the line already
            throw new InvalidInputException(ArffGuard.wekaSyntaxError(shown, e.getMessage()), e);
        } catch (RuntimeException e) {
            if (e instanceof InvalidInputException) {
                throw e;
            }
            throw new InvalidInputException(ArffGuard.wekaError(shown, guard.line(), e) + "; fix the header", e);
        }
    }

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
        Progress progress = new Progress(ctx.log, shown);
        if (parser.parallelSafe && ctx.tuning.parallel(in.sizeAtOpen)) {
            return readArffRowsInParallel(in, start, firstLine, parser, rows, progress, ctx.tuning.threads());
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
                    int cut = nextCut(in, p, ctx.tuning.blockBytes());
                    if (cut < 0) {
                        break; // more bytes first
                    }
                    // a block's bytes go to a buffer used before (the garbage of a fresh copy per block would
                    // trigger collections that copy the rows read so far, again and again)
                    int length = cut - p;
                    byte[] data = spare.poll();
                    if (data == null || data.length < length) {
                        data = new byte[Math.max(length, ctx.tuning.blockBytes() + (ctx.tuning.blockBytes() >> 4))];
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

    private void checkArffTypes(Path file, Instances instances) {
        for (int i = 0; i < instances.numAttributes(); i++) {
            Attribute a = instances.attribute(i);
            if (a.isDate() || a.isRelationValued()) {
                throw new InvalidInputException(ctx.owner.display(file) + ": attribute '" + a.name() + "' is of type "
                        + Attribute.typeToString(a)
                        + ", which is not supported yet; convert it to numeric or nominal");
            }
        }
    }

    /**
     * For each schema attribute, the index of the same attribute in an ARFF file's header, which must agree; the
     * header's other attributes must be ones {@code exclude} drops.
     */
    private int[] arffSourceIndex(Path file, Instances source, Schema schema, Set<String> exclude) {
        int numAttributes = schema.attributes().size();
        int[] sourceIndex = new int[numAttributes];
        for (int a = 0; a < numAttributes; a++) {
            AttributeSpec spec = schema.attributes().get(a);
            Attribute attribute = source.attribute(spec.name());
            if (attribute == null) {
                throw new InvalidInputException(ctx.owner.display(file) + ": no attribute '" + spec.name()
                        + "', which the training data has; its attributes are: "
                        + Schema.of(withClassIfPresent(source)).attributeNames());
            }
            AttributeType type = attribute.isNominal()
                    ? AttributeType.NOMINAL
                    : attribute.isString() ? AttributeType.STRING : AttributeType.NUMERIC;
            if (type != spec.type()) {
                throw new InvalidInputException(ctx.owner.display(file) + ": attribute '" + spec.name() + "' is "
                        + type.jsonName() + " here but " + spec.type().jsonName()
                        + " in the training data; the schemas must agree");
            }
            sourceIndex[a] = attribute.index();
        }
        if (source.numAttributes() != numAttributes) {
            for (int i = 0; i < source.numAttributes(); i++) {
                String name = source.attribute(i).name();
                if (schema.indexOf(name) < 0 && !exclude.contains(name)) {
                    throw new InvalidInputException(ctx.owner.display(file) + ": attribute '"
                            + source.attribute(i).name() + "' is not in the training data, whose attributes are: "
                            + schema.attributeNames());
                }
            }
        }
        return sourceIndex;
    }

    private static Instances withClassIfPresent(Instances instances) {
        if (instances.classIndex() < 0) {
            instances.setClassIndex(instances.numAttributes() - 1);
        }
        return instances;
    }
}
