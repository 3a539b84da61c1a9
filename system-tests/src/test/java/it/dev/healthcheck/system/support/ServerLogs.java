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

    /**
     * A logged message: level E (error), W (warning), I, A (audit), R (System.err) and so on, and the first
     * line after it (the cause EclipseLink names, or the top of a stack trace), if any.
     */
    public record Entry(String server, String level, String logger, String text, String next) {
        @Override
        public String toString() {
            return server + " " + level + " " + logger + ": " + text + (next.isEmpty() ? "" : " | " + next);
        }
    }

    /** Every message of these servers, in the order each wrote them, each with the line after it. */
    public static List<Entry> of(List<LibertyServer> servers) {
        List<Entry> entries = new ArrayList<>();
        for (LibertyServer server : servers) {
            Path logs = server.messagesLog().getParent();
            try (Stream<Path> files = Files.list(logs)) {
                for (Path log : files.filter(f -> f.getFileName().toString().matches("messages.*\\.log")).sorted().toList()) {
                    List<String> lines = Files.readAllLines(log);
                    for (int i = 0; i < lines.size(); i++) {
                        Matcher entry = LINE.matcher(lines.get(i));
                        if (entry.matches()) {
                            String next = i + 1 < lines.size() && !LINE.matcher(lines.get(i + 1)).matches()
                                    ? lines.get(i + 1).strip() : "";
                            entries.add(new Entry(server.name(), entry.group(2), entry.group(1), entry.group(3), next));
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
