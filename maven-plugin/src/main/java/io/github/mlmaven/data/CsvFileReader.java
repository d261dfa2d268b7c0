package io.github.mlmaven.data;

import static io.github.mlmaven.data.ParallelBlocks.await;
import static io.github.mlmaven.data.ParallelBlocks.newPool;
import static io.github.mlmaven.data.ParallelBlocks.nextCut;

import io.github.mlmaven.data.FastDatasetReader.Rows;
import io.github.mlmaven.data.ParallelBlocks.Block;
import io.github.mlmaven.data.ParallelBlocks.Cursor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * Reads one CSV file against a known schema in one pass: records by {@link FastCsvTokenizer}, values by
 * {@link CsvLines}. Large files without string attributes are parsed in parallel blocks of whole lines until a quote
 * character appears (a quoted field may span lines); from there on, records are read on the reading thread.
 */
final class CsvFileReader {
    private final FastDatasetReader ctx;

    CsvFileReader(FastDatasetReader ctx) {
        this.ctx = ctx;
    }

    /** Reads {@code file} against {@code schema}; columns the schema lacks are skipped when {@code exclude} names them. */
    DataFile read(Path file, Schema schema, Rows rows, Set<String> exclude) {
        String shown = ctx.owner.display(file);
        try (ChunkedInput in = ctx.open(file, shown)) {
            FastCsvTokenizer csv = new FastCsvTokenizer(in, shown);
            List<String> header = CsvHeader.read(ctx.owner, csv, file);
            int[] columnOf = CsvHeader.mapColumns(ctx.owner, file, header, schema, exclude);
            int numAttributes = schema.attributes().size();
            FastBytes.Dictionary[] nominal = new FastBytes.Dictionary[numAttributes];
            int[][] nominalIndex = new int[numAttributes][];
            for (int a = 0; a < numAttributes; a++) {
                AttributeSpec spec = schema.attributes().get(a);
                if (spec.type() == AttributeType.NOMINAL) {
                    nominal[a] = new FastBytes.Dictionary();
                    nominalIndex[a] = labelIndexes(spec.values(), nominal[a]);
                }
            }
            Progress progress = new Progress(ctx.log, shown);
            CsvLines parser = new CsvLines(ctx.owner, file, schema, columnOf, header.size(), nominal, nominalIndex);
            long count;
            if (parser.parallelSafe && ctx.tuning.parallel(in.sizeAtOpen)) {
                count = readCsvRowsInParallel(in, csv, shown, parser, rows, progress, ctx.tuning.threads());
            } else {
                count = 0;
                while (parser.row(csv, rows)) {
                    count++;
                    progress.row(count);
                }
            }
            in.finish();
            return new DataFile(shown, file.toAbsolutePath().normalize(), in.sha256(), count, in.bytesRead());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * The labels of a nominal attribute in a dictionary, and the schema index of each label's id there; null when the
     * ids are the indexes (no label repeated). A label repeated in a schema maps to its last index, as a map from
     * label to index built in order does.
     */
    private static int[] labelIndexes(List<String> values, FastBytes.Dictionary dictionary) {
        int[] index = new int[values.size()];
        boolean repeated = false;
        for (int v = 0; v < values.size(); v++) {
            byte[] bytes = values.get(v).getBytes(StandardCharsets.UTF_8);
            int id = dictionary.find(bytes, 0, bytes.length);
            if (id < 0) {
                id = dictionary.add(bytes, 0, bytes.length);
            } else {
                repeated = true;
            }
            index[id] = v;
        }
        return repeated ? index : null;
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
                    int cut = nextCut(in, p, ctx.tuning.blockBytes());
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
                        data = new byte[Math.max(length, ctx.tuning.blockBytes() + (ctx.tuning.blockBytes() >> 4))];
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
}
