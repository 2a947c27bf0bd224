package io.chatsuite.devstack;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * What a stack remembers in its data directory between runs: its ports (so a restart keeps its addresses and Kafka's
 * controller finds itself) and the Kafka cluster id.
 */
public final class StackState {

    private final Path file;
    private final Properties values = new Properties();

    private StackState(Path file) {
        this.file = file;
    }

    public static StackState load(Path dataDirectory) {
        StackState state = new StackState(dataDirectory.resolve("stack.properties"));
        if (Files.exists(state.file)) {
            try (Reader reader = Files.newBufferedReader(state.file)) {
                state.values.load(reader);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + state.file, e);
            }
        }
        return state;
    }

    public synchronized Integer port(String name) {
        String value = values.getProperty(name + ".port");
        return value == null ? null : Integer.valueOf(value);
    }

    /** Takes the remembered port when it is still free, otherwise a new one, and remembers the choice. */
    public synchronized int claimPort(String name) {
        int port = FreePorts.reuseOrPick(port(name));
        values.setProperty(name + ".port", Integer.toString(port));
        return port;
    }

    public synchronized String get(String key) {
        return values.getProperty(key);
    }

    public synchronized void put(String key, String value) {
        values.setProperty(key, value);
    }

    public synchronized void save() {
        try {
            Files.createDirectories(file.getParent());
            try (Writer writer = Files.newBufferedWriter(file)) {
                values.store(writer, "local stack state; delete the data directory to start afresh");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
