package io.chatsuite.devstack;

import static io.chatsuite.devstack.ServiceEnvironment.POSTGRES_HOST;
import static io.chatsuite.devstack.ServiceEnvironment.POSTGRES_PASSWORD;
import static io.chatsuite.devstack.ServiceEnvironment.POSTGRES_PORT;
import static io.chatsuite.devstack.ServiceEnvironment.POSTGRES_USER;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** PostgreSQL with one database per owning service. */
final class PostgresServer implements StackComponent {

    /** Each service that keeps relational data owns exactly one of these; none reads another's. */
    static final List<String> SERVICE_DATABASES = List.of("auth", "chat", "history");

    // Dev-only credentials of the local stack; deployments pass their own through the environment.
    private static final String DEV_ROLE = "chat";
    private static final String DEV_PASSWORD = "chat";

    private EmbeddedPostgres postgres;
    private EmbeddedPostgres.Builder builder;
    private Path dataDirectory;
    private long postmasterPid;

    @Override
    public String name() {
        return "postgresql";
    }

    @Override
    public Map<String, String> start(StackSettings settings, StackState state, OrphanReaper reaper) throws Exception {
        if (settings.configured(POSTGRES_HOST).isPresent()) {
            return useExternal(settings);
        }
        dataDirectory = settings.dataDirectory().resolve("postgres");
        Files.createDirectories(settings.logDirectory());
        builder = EmbeddedPostgres.builder()
                .setDataDirectory(dataDirectory)
                .setCleanDataDirectory(false)
                .setOverrideWorkingDirectory(settings.binaryCache().resolve("postgres").toFile())
                .setPort(state.claimPort("postgres"))
                .setServerConfig("listen_addresses", "127.0.0.1")
                .setServerConfig("max_connections", "300")
                // The suite's "ack means durable" guarantee holds on the dev stack too.
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("logging_collector", "on")
                .setServerConfig("log_directory", settings.logDirectory().toString())
                .setServerConfig("log_filename", "postgresql.log")
                .setPGStartupWait(Duration.ofSeconds(60));
        launch(reaper);
        String url = "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/postgres";
        try (Connection admin = DriverManager.getConnection(url, "postgres", "")) {
            createDevRole(admin);
            createServiceDatabases(admin, DEV_ROLE);
        }
        return Map.of(
                POSTGRES_HOST, "127.0.0.1",
                POSTGRES_PORT, Integer.toString(postgres.getPort()),
                POSTGRES_USER, DEV_ROLE,
                POSTGRES_PASSWORD, DEV_PASSWORD);
    }

    /** Starts the server on its data directory; after a crash PostgreSQL replays its WAL before it answers. */
    private synchronized void launch(OrphanReaper reaper) throws Exception {
        postgres = builder.start();
        postmasterPid = postmasterPid(dataDirectory);
        reaper.register(postmasterPid, "INT");
    }

    @Override
    public synchronized boolean running() {
        return builder == null || (postgres != null && isRunning(postmasterPid));
    }

    /** pg_ctl detaches the server from us, so we look at it from outside; a zombie left unreaped counts as dead. */
    private static boolean isRunning(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            return stat.charAt(stat.lastIndexOf(')') + 2) != 'Z';
        } catch (java.io.IOException | RuntimeException gone) {
            return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
        }
    }

    @Override
    public synchronized void restart(OrphanReaper reaper) throws Exception {
        if (builder == null) {
            return;
        }
        if (postgres != null) {
            // Releases the data directory's lock the dead server's instance holds; its pg_ctl stop finds nobody.
            closeQuietly(postgres);
            postgres = null;
            reaper.forget(postmasterPid);
        }
        launch(reaper);
    }

    private Map<String, String> useExternal(StackSettings settings) throws SQLException {
        String host = settings.configured(POSTGRES_HOST).orElseThrow();
        String port = settings.configured(POSTGRES_PORT).orElse("5432");
        String user = settings.configured(POSTGRES_USER).orElse(DEV_ROLE);
        String password = settings.configured(POSTGRES_PASSWORD).orElse(DEV_PASSWORD);
        try (Connection admin = DriverManager.getConnection(
                "jdbc:postgresql://" + host + ":" + port + "/postgres", user, password)) {
            createServiceDatabases(admin, user);
        }
        return Map.of(POSTGRES_HOST, host, POSTGRES_PORT, port, POSTGRES_USER, user, POSTGRES_PASSWORD, password);
    }

    private static long postmasterPid(Path dataDirectory) throws Exception {
        // The first line of postmaster.pid is the server's pid; pg_ctl detaches it from us, so we cannot ask a Process.
        return Long.parseLong(Files.readAllLines(dataDirectory.resolve("postmaster.pid")).get(0).trim());
    }

    private static void createDevRole(Connection admin) throws SQLException {
        try (Statement statement = admin.createStatement()) {
            statement.execute("DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '" + DEV_ROLE
                    + "') THEN CREATE ROLE " + DEV_ROLE + " LOGIN PASSWORD '" + DEV_PASSWORD + "'; END IF; END $$");
        }
    }

    private static void createServiceDatabases(Connection admin, String owner) throws SQLException {
        for (String database : SERVICE_DATABASES) {
            boolean exists;
            try (PreparedStatement query = admin.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
                query.setString(1, database);
                try (ResultSet result = query.executeQuery()) {
                    exists = result.next();
                }
            }
            if (!exists) {
                try (Statement statement = admin.createStatement()) {
                    statement.execute("CREATE DATABASE " + database + " OWNER " + owner);
                }
            }
        }
    }

    @Override
    public synchronized void stop() {
        if (postgres != null) {
            closeQuietly(postgres);
            postgres = null;
            // A server started again after a crash may not answer its instance's pg_ctl stop: it must not outlive us.
            stopLeftover(postmasterPid);
        }
        builder = null;
    }

    private static void stopLeftover(long pid) {
        if (!isRunning(pid)) {
            return;
        }
        // Only our server: a pid freed by a dead one may belong to someone else now.
        ProcessHandle.of(pid)
                .filter(server -> server.info().command().orElse("").contains("postgres"))
                .ifPresent(server -> {
                    server.destroy();
                    try {
                        server.onExit().get(10, TimeUnit.SECONDS);
                    } catch (Exception stillThere) {
                        server.destroyForcibly();
                    }
                });
    }

    private static void closeQuietly(EmbeddedPostgres server) {
        try {
            server.close();
        } catch (Exception e) {
            System.err.println("[devstack] stopping PostgreSQL failed: " + e.getMessage());
        }
    }
}
