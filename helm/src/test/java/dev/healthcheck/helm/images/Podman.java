package dev.healthcheck.helm.images;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The podman command line, as the tests use it: each call waits for the command and returns what it printed. */
final class Podman {

    /** What a finished command printed (stdout and stderr together) and how it ended. */
    record Result(int exitCode, String output) {
        Result orFail(List<String> command) {
            if (exitCode != 0) {
                throw new IllegalStateException(String.join(" ", command) + " ended with " + exitCode + ":\n" + output);
            }
            return this;
        }
    }

    private Podman() {
    }

    /** podman ARGS; fails unless it ends with 0. */
    static String podman(String... args) {
        List<String> command = new ArrayList<>(List.of("podman"));
        command.addAll(List.of(args));
        return run(command, Path.of("."), Duration.ofMinutes(2)).orFail(command).output().strip();
    }

    /** podman ARGS, however it ends. */
    static Result tryPodman(String... args) {
        List<String> command = new ArrayList<>(List.of("podman"));
        command.addAll(List.of(args));
        return run(command, Path.of("."), Duration.ofMinutes(2));
    }

    static Result run(List<String> command, Path directory, Duration timeout) {
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
            return new Result(process.exitValue(), output.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
