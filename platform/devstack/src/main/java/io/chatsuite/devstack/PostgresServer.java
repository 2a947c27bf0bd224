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

/** PostgreSQL with one database per owning service. */
final class PostgresServer implements StackComponent {

    /** Each service that keeps relational data owns exactly one of these; none reads another's. */
    static final List<String> SERVICE_DATABASES = List.of("auth", "chat", "history");

    // Dev-only credentials of the local stack; deployments pass their own through the environment.
    private static final String DEV_ROLE = "chat";
    private static final String DEV_PASSWORD = "chat";

    private EmbeddedPostgres postgres;

    @Override
    public String name() {
        return "postgresql";
    }

    @Override
    public Map<String, String> start(StackSettings settings, StackState state, OrphanReaper reaper) throws Exception {
        if (settings.configured(POSTGRES_HOST).isPresent()) {
            return useExternal(settings);
        }
        Path dataDirectory = settings.dataDirectory().resolve("postgres");
        Files.createDirectories(settings.logDirectory());
        postgres = EmbeddedPostgres.builder()
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
                .setPGStartupWait(Duration.ofSeconds(60))
                .start();
        reaper.register(postmasterPid(dataDirectory), "INT");
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
    public void stop() {
        if (postgres != null) {
            try {
                postgres.close();
            } catch (Exception e) {
                System.err.println("[devstack] stopping PostgreSQL failed: " + e.getMessage());
            }
            postgres = null;
        }
    }
}
