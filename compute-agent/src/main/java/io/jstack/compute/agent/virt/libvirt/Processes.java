package io.jstack.compute.agent.virt.libvirt;

import io.jstack.compute.agent.virt.VirtDriverException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the host tools the driver needs (qemu-img, genisoimage) with argument lists, never through a shell. */
final class Processes {

    private Processes() {
    }

    /** Runs a command to its end; its standard output, or a driver error with what it wrote to standard error. */
    static String run(Duration timeout, List<String> command) {
        Process process;
        try {
            process = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .start();
        } catch (IOException e) {
            throw new VirtDriverException(command.getFirst() + " could not be run: " + e.getMessage(), e);
        }
        try {
            // both streams are read at once so that neither fills its pipe and stalls the tool
            var stderr = java.util.concurrent.CompletableFuture.supplyAsync(() -> read(process.getErrorStream()),
                    Thread::startVirtualThread);
            String stdout = read(process.getInputStream());
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new VirtDriverException(command.getFirst() + " did not finish within " + timeout);
            }
            if (process.exitValue() != 0) {
                throw new VirtDriverException(command.getFirst() + " failed: " + stderr.join().strip());
            }
            return stdout;
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new VirtDriverException(command.getFirst() + " was interrupted");
        }
    }

    private static String read(java.io.InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }
}
