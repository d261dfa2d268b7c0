package io.github.mlmaven.spark;

import java.io.BufferedReader;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * One of the job's data files as the partitions see it: its location, its name (a partition writes its rows to a
 * scratch file of that name, so the reader picks the same format and names the same relation) and its preamble, the
 * lines before the first row (CSV: the header row; ARFF: everything up to and including {@code @data}), which every
 * partition writes ahead of its rows of the file.
 */
record SourceFile(String location, String fileName, List<String> preamble) implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final Pattern DATA_LINE = Pattern.compile("(?i)^\\s*@data\\b.*");

    SourceFile {
        preamble = List.copyOf(preamble);
    }

    boolean isArff() {
        return fileName.toLowerCase(Locale.ROOT).endsWith(".arff");
    }

    static boolean isParquet(String location) {
        return location.toLowerCase(Locale.ROOT).endsWith(".parquet");
    }

    /**
     * Reads the file's preamble through Hadoop's file system of its URI (so local paths, {@code hdfs://} and
     * {@code s3a://} alike). Refuses Parquet and formats the readers do not know.
     */
    static SourceFile open(String location, Configuration hadoop, String engineHint) {
        String lower = location.toLowerCase(Locale.ROOT);
        if (isParquet(location)) {
            throw DriverFailure.invalidInput("engine spark reads CSV and ARFF files; convert " + location
                    + " to CSV or use <engine>local</engine>" + engineHint);
        }
        if (!lower.endsWith(".csv") && !lower.endsWith(".arff")) {
            throw DriverFailure.invalidInput(location + " is not a .csv or .arff file; engine spark reads CSV and"
                    + " ARFF files, chosen by extension");
        }
        Path path = new Path(location);
        try {
            FileSystem fs = path.getFileSystem(hadoop);
            try (BufferedReader in = new BufferedReader(new InputStreamReader(fs.open(path), StandardCharsets.UTF_8))) {
                return new SourceFile(location, path.getName(), readPreamble(in, location, lower.endsWith(".arff")));
            }
        } catch (FileNotFoundException e) {
            throw DriverFailure.invalidInput(location + " does not exist or cannot be read by the Spark driver; check"
                    + " the path (a local path must exist on the driver and on every worker: use a shared file system"
                    + " or an hdfs:// or s3a:// URI on a cluster)");
        } catch (IOException e) {
            throw DriverFailure.invalidInput("cannot read " + location + ": " + e.getMessage()
                    + "; check the path and that this machine may read it");
        }
    }

    private static List<String> readPreamble(BufferedReader in, String location, boolean arff) throws IOException {
        List<String> lines = new ArrayList<>();
        String line;
        if (arff) {
            while ((line = in.readLine()) != null) {
                lines.add(line);
                if (DATA_LINE.matcher(line).matches()) {
                    return lines;
                }
            }
            throw DriverFailure.invalidInput(location + " line " + lines.size() + ": not a valid ARFF file: the file"
                    + " ends without an @data line; an ARFF file needs @relation, @attribute and @data sections");
        }
        // blank lines before the header are skipped by the reader; a quoted header field may span lines
        boolean inQuotes = false;
        boolean started = false;
        while ((line = in.readLine()) != null) {
            lines.add(line);
            started |= !line.isBlank();
            for (int i = 0; i < line.length(); i++) {
                inQuotes ^= line.charAt(i) == '"';
            }
            if (started && !inQuotes) {
                return lines;
            }
        }
        return lines;
    }
}
