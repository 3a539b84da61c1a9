package dev.healthcheck.helm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The podman command line (and the few host commands the tests need): the one place they start processes. */
public final class Podman {

    private Podman() {
    }

    /** Runs podman with these arguments; its standard output, trimmed. Fails on a non-zero exit. */
    public static String run(List<String> arguments) {
        Result result = attempt(arguments);
        if (result.exit() != 0) {
            throw new IllegalStateException("podman " + String.join(" ", redacted(arguments)) + " exited "
                    + result.exit() + ": " + result.output());
        }
        return result.output();
    }

    public static String run(String... arguments) {
        return run(List.of(arguments));
    }

    /** Runs podman and returns its exit code and output (standard error merged), whatever the exit. */
    public static Result attempt(List<String> arguments) {
        List<String> command = new ArrayList<>(List.of("podman"));
        command.addAll(arguments);
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            process.getOutputStream().close();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            return new Result(process.waitFor(), output);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted: podman " + arguments.get(0), e);
        }
    }

    public static Result attempt(String... arguments) {
        return attempt(List.of(arguments));
    }

    /** Blocks until the container exits; its exit code, or -1 if podman could not tell. */
    public static int waitFor(String container) {
        Result result = attempt("wait", container);
        try {
            return Integer.parseInt(result.output().lines().reduce((a, b) -> b).orElse("").trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** Runs a host command (ip) that must succeed. */
    public static void host(String... command) {
        host(Path.of("."), Duration.ofSeconds(30), List.of(command));
    }

    /** Runs a host command in a directory; what it printed (standard error merged). Fails unless it ends with 0 in time. */
    public static String host(Path directory, Duration timeout, List<String> command) {
        try {
            Process process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true).start();
            process.getOutputStream().close();
            // read while it runs: a full pipe would block the command
            var output = new StringBuilder();
            Thread reader = new Thread(() -> {
                try {
                    output.append(new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            reader.start();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " did not end within " + timeout);
            }
            reader.join();
            if (process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " ended with " + process.exitValue() + ":\n" + output);
            }
            return output.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The command line as a message may show it: no environment values (they hold the Secret's). */
    private static List<String> redacted(List<String> arguments) {
        List<String> shown = new ArrayList<>();
        for (String argument : arguments) {
            shown.add(argument.contains("=") && shown.size() > 0 && shown.get(shown.size() - 1).equals("-e")
                    ? argument.substring(0, argument.indexOf('=')) + "=…" : argument);
        }
        return shown;
    }

    public record Result(int exit, String output) {
    }
}
