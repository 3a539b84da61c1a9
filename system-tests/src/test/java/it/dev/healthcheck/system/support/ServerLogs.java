package it.dev.healthcheck.system.support;

import dev.healthcheck.system.LibertyServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What servers wrote to their messages.log, including the logs of their earlier lives (Liberty renames
 * messages.log when a server starts again), one {@link Entry} per message: its level, logger and text.
 */
public final class ServerLogs {

    /** {@code [11/30/26, 7:01:02:123 UTC] 0000003a dev.healthcheck.kit.outbox.OutboxRelay  W text} */
    private static final Pattern LINE = Pattern.compile("^\\[[^\\]]+\\] \\S+ (\\S+)\\s+([A-Z]) (.*)$");

    private ServerLogs() {
    }

    /** A logged message: level E (error), W (warning), I, A (audit), R (System.err) and so on. */
    public record Entry(String server, String level, String logger, String text) {
        @Override
        public String toString() {
            return server + " " + level + " " + logger + ": " + text;
        }
    }

    /** Every message of these servers, in the order each wrote them; continuation lines (stack traces) are left out. */
    public static List<Entry> of(List<LibertyServer> servers) {
        List<Entry> entries = new ArrayList<>();
        for (LibertyServer server : servers) {
            Path logs = server.messagesLog().getParent();
            try (Stream<Path> files = Files.list(logs)) {
                for (Path log : files.filter(f -> f.getFileName().toString().matches("messages.*\\.log")).sorted().toList()) {
                    for (String line : Files.readAllLines(log)) {
                        Matcher entry = LINE.matcher(line);
                        if (entry.matches()) {
                            entries.add(new Entry(server.name(), entry.group(2), entry.group(1), entry.group(3)));
                        }
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return entries;
    }
}
