package io.ticketpulse.io;

import io.ticketpulse.schema.Timestamps;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Arrays;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.connector.datagen.source.GeneratorFunction;

/**
 * The watched policy file ({@code --watch-policy-file}): the policy file is looked at once per poll interval and
 * each change of its content becomes one runtime policy record (its time: the file's modification time). An
 * unbounded source at parallelism 1 (a data generator ticking once per interval): a tick without a change is the
 * {@link PolicyRecord#unchanged()} marker, which the pipeline passes over. After a restore the file's current
 * content is read again; the validator ignores a repeat of the version in force.
 */
public final class PolicyFileWatcher {

    private PolicyFileWatcher() {}

    public static DataGeneratorSource<PolicyRecord> of(Path file, Duration pollInterval) {
        double perSecond = 1000.0 / Math.max(1, pollInterval.toMillis());
        return new DataGeneratorSource<>(new Poll(file.toString()), Long.MAX_VALUE,
                RateLimiterStrategy.perSecond(perSecond), TypeInformation.of(PolicyRecord.class));
    }

    /** One poll: the file's content if it changed since the last poll of this reader, else the marker. */
    static final class Poll implements GeneratorFunction<Long, PolicyRecord> {

        private static final long serialVersionUID = 1L;

        private final String file;
        private transient byte[] lastDigest;

        Poll(String file) {
            this.file = file;
        }

        @Override
        public void open(SourceReaderContext readerContext) {
            lastDigest = null;
        }

        @Override
        public PolicyRecord map(Long tick) throws NoSuchAlgorithmException {
            Path path = Path.of(file);
            byte[] content;
            long modified;
            try {
                modified = Files.getLastModifiedTime(path).toMillis();
                content = Files.readAllBytes(path);
            } catch (IOException e) {
                // a file being replaced: look again at the next tick
                return PolicyRecord.unchanged();
            }
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(content);
            if (Arrays.equals(digest, lastDigest)) {
                return PolicyRecord.unchanged();
            }
            lastDigest = digest;
            return new PolicyRecord(content, file + "@" + Timestamps.format(modified), modified);
        }

        @Override
        public String toString() {
            return "PolicyFileWatcher.Poll[" + file + "]";
        }
    }
}
